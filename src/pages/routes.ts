// The HTML pages' routes, calling the services REST and GraphQL call: / (landing),
// /plans/{id}, /organizations/{id}, /fiscal-years/{year}, /compare?from=&to=.
// Unknown ids are problems, as in the API. Pages are cached and answer 304 as the API does (http-caching.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type DatasetInfo, cityAttributions } from '../dataset-info.js'
import { notFound } from '../plugins/problems.js'
import { datasetMeta } from '../rest/meta.js'
import { ARGUMENT_RULES } from '../services/arguments.js'
import { budgetTotals } from '../services/budgets.js'
import { allRows } from '../services/pagination.js'
import { type CoverageCell, coverage } from '../services/catalogue.js'
import { comparePlans } from '../services/compare.js'
import { planSources, sourcePageUrl } from '../services/dataset.js'
import { issuesByPlanIds } from '../services/issues.js'
import { getOrganization } from '../services/organizations.js'
import { getPlanDocument, goalsByPlanIds, plansByIds, plansByOrganizationIds } from '../services/plans.js'
import { representationOf } from '../rest/negotiation.js'
import { renderComparePage } from './compare.js'
import { type FiscalYearPageView, renderFiscalYearPage } from './fiscal-year.js'
import { renderLanding } from './landing.js'
import { type OrganizationPageView, renderOrganizationPage } from './organization.js'
import { renderPlanPage } from './plan.js'
import { PROBLEM_TYPES_BY_NAME, describeProblemType, renderProblemIndex, renderProblemPage } from './problems.js'

export interface PageOptions {
  dataset: DatasetInfo
  /** The configured public URL (PUBLIC_URL); without one, links are relative. Never the request's Host: the page is cached for everyone. */
  publicUrl?: string | null
}

const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body)
const noQuery = { type: 'object', additionalProperties: false, properties: {} } as const
/** Tells protection.ts this route is a page: helmet's headers, not the API's. */
const config = { page: true }
/** A page of one entity, by id. */
const itemPage = {
  config,
  schema: { hide: true, params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: ARGUMENT_RULES.id } }, querystring: noQuery },
} as const

export default async function pageRoutes(app: FastifyInstance, options: PageOptions) {
  const base = (options.publicUrl ?? '').replace(/\/+$/, '')
  app.get('/', { config, schema: { hide: true } }, async (_request, reply) => html(reply, renderLanding(datasetMeta(app, options.dataset), base)))

  app.get<{ Params: { id: string } }>(
    '/plans/:id',
    itemPage,
    async (request, reply) => {
      const plan = getPlanDocument(app.db, request.params.id)
      if (!plan) return notFound(reply, 'plan', request.params.id)
      const org = plan.organization
      const sourceUrl = sourcePageUrl({ sourceUrl: plan.sourceUrl, pageId: plan.pageId, city: org.city, organizationId: org.id })
      // The final plans of other years (a draft is compared with neither).
      const years = plansByOrganizationIds(app.db, [org.id]).filter((p) => !p.isDraft && p.id !== plan.id)
      const earlier = years.filter((p) => p.fiscalYear < plan.fiscalYear).sort((a, b) => b.fiscalYear - a.fiscalYear)[0] ?? null
      const later = years.filter((p) => p.fiscalYear > plan.fiscalYear).sort((a, b) => a.fiscalYear - b.fiscalYear)[0] ?? null
      const attribution = cityAttributions(options.dataset.attribution, [{ city: org.city, url: sourceUrl }])[0].attribution
      return html(reply, renderPlanPage({ plan, sourceUrl, earlier, later, dataset: { ...options.dataset, attribution }, base }))
    },
  )

  app.get<{ Params: { id: string } }>(
    '/organizations/:id',
    itemPage,
    async (request, reply) => {
      const organization = getOrganization(app.db, request.params.id)
      if (!organization) return notFound(reply, 'organization', request.params.id)
      return html(reply, renderOrganizationPage(organizationTimeline(app, organization)))
    },
  )

  app.get<{ Params: { year: number } }>(
    '/fiscal-years/:year',
    {
      config,
      schema: { hide: true, params: { type: 'object', required: ['year'], additionalProperties: false, properties: { year: ARGUMENT_RULES.fiscalYear } }, querystring: noQuery },
    },
    async (request, reply) => {
      const view = fiscalYearView(app, request.params.year)
      if (!view) return notFound(reply, 'fiscal year', String(request.params.year))
      return html(reply, renderFiscalYearPage(view))
    },
  )

  // What problem types mean: HTML, or JSON when asked (Accept: application/json); both vary by Accept.
  const publicUrl = options.publicUrl ?? null
  const wantsJson = (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('vary', 'Accept')
    return representationOf(request) === 'json'
  }
  app.get('/problems', { config, schema: { hide: true, querystring: noQuery } }, async (request, reply) =>
    wantsJson(request, reply) ? { data: [...PROBLEM_TYPES_BY_NAME.values()].map((p) => describeProblemType(p, publicUrl)) } : html(reply, renderProblemIndex(publicUrl)),
  )
  app.get<{ Params: { name: string } }>(
    '/problems/:name',
    { config, schema: { hide: true, params: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: ARGUMENT_RULES.id } }, querystring: noQuery } },
    async (request, reply) => {
      const problem = PROBLEM_TYPES_BY_NAME.get(request.params.name)
      if (!problem) return notFound(reply, 'problem type', request.params.name)
      return wantsJson(request, reply) ? describeProblemType(problem, publicUrl) : html(reply, renderProblemPage(request.params.name, problem, publicUrl))
    },
  )

  app.get<{ Querystring: { from: string; to: string } }>(
    '/compare',
    {
      config,
      schema: {
        hide: true,
        querystring: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: ARGUMENT_RULES.from, to: ARGUMENT_RULES.to } },
      },
    },
    async (request, reply) => {
      const result = comparePlans(app.db, request.query.from, request.query.to)
      if ('missing' in result) return notFound(reply, 'plan', result.missing.id, result.missing.parameter)
      return html(reply, renderComparePage(result.comparison))
    },
  )
}

function earlierOf(finals: CoverageCell[], fiscalYear: number): { planId: string; fiscalYear: number } | null {
  const earlier = finals.filter((f) => f.fiscalYear < fiscalYear).at(-1)
  return earlier ? { planId: earlier.planId!, fiscalYear: earlier.fiscalYear } : null
}

/** The organization's years, first to last known, each with its plans (their goals, issue titles, budget totals) and catalogue pages. */
function organizationTimeline(app: FastifyInstance, organization: OrganizationPageView['organization']): OrganizationPageView {
  const db = app.db
  const cells = coverage(db, planSources(db)).find((c) => c.organizationId === organization.id)?.fiscalYears ?? []
  const plans = new Map(plansByOrganizationIds(db, [organization.id]).map((p) => [p.id, p]))
  const planIds = [...plans.keys()]
  const goals = goalsByPlanIds(db, planIds)
  const issues = issuesByPlanIds(db, planIds)
  // The API's own totals, so the page and GET /v1/budgets?groupBy=plan agree.
  const totals = new Map(budgetTotals(db, 'plan', { organization: organization.id }, { limit: 100 }).data.map((row) => [row.key, row.totalYen]))
  const finals = cells.filter((c) => c.planId !== null && !c.isDraft)
  const years = cells.map((c) => c.fiscalYear)
  const first = Math.min(...years)
  const last = Math.max(...years)
  return {
    organization,
    years: years.length === 0 ? [] : Array.from({ length: last - first + 1 }, (_, i) => first + i).map((fiscalYear) => ({
      fiscalYear,
      plans: cells
        .filter((c) => c.fiscalYear === fiscalYear)
        .map((c) => ({
          ...c,
          title: c.planId ? (plans.get(c.planId)?.title ?? null) : null,
          goals: c.planId ? (goals.get(c.planId) ?? []) : [],
          issueTitles: issues.filter((issue) => issue.planId === c.planId).map((issue) => issue.title ?? `経営課題${issue.number}`),
          budgetTotalYen: c.planId ? (totals.get(c.planId) ?? null) : null,
          earlier: c.planId ? earlierOf(finals, fiscalYear) : null,
        })),
    })),
  }
}

/** The year's plans and catalogue pages with the API's budget rows (GET /v1/budgets?groupBy=plan&fiscalYear=); undefined for a year with neither. */
function fiscalYearView(app: FastifyInstance, fiscalYear: number): FiscalYearPageView | undefined {
  const db = app.db
  const organizations = coverage(db, planSources(db))
  const cells = organizations.flatMap((o) =>
    o.fiscalYears.filter((c) => c.fiscalYear === fiscalYear).map((c) => ({ ...c, organization: { id: o.organizationId, name: o.name, city: o.city, hasPage: o.fiscalYears.some((y) => y.planId !== null) } })),
  )
  if (cells.length === 0) return undefined
  const titles = new Map(plansByIds(db, cells.flatMap((c) => (c.planId ? [c.planId] : []))).map((p) => [p.id, p.title]))
  const budgets = new Map(allRows((page) => budgetTotals(db, 'plan', { fiscalYear }, page), ARGUMENT_RULES.limit.maximum).map((row) => [row.key, row]))
  const years = [...new Set(organizations.flatMap((o) => o.fiscalYears.map((c) => c.fiscalYear)))].sort((a, b) => a - b)
  return {
    fiscalYear,
    plans: cells.map((c) => ({ ...c, title: c.planId ? (titles.get(c.planId) ?? null) : null, budget: c.planId ? (budgets.get(c.planId) ?? null) : null })),
    total: budgetTotals(db, 'fiscalYear', { fiscalYear }, { limit: 1 }).data[0] ?? null,
    earlier: years.filter((y) => y < fiscalYear).at(-1) ?? null,
    later: years.find((y) => y > fiscalYear) ?? null,
  }
}
