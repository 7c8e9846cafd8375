// The HTML pages' routes, calling the services REST and GraphQL call: / (landing),
// /plans/{id}, /organizations/{id}, /fiscal-years/{year}, /compare?from=&to=.
// Unknown ids are problems, as in the API. Pages are cached and answer 304 as the API does (http-caching.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type DatasetInfo, cityAttributions } from '../dataset-info.js'
import { notFound } from '../plugins/problems.js'
import { keptAnswers, sendKept } from '../rest/kept-answers.js'
import { datasetMeta } from '../rest/meta.js'
import { ARGUMENT_RULES } from '../services/arguments.js'
import { budgetTotals } from '../services/budgets.js'
import { allRows } from '../services/pagination.js'
import type { CoverageCell } from '../services/catalogue.js'
import { comparePlans } from '../services/compare.js'
import { datasetCoverage, sourcePageUrl } from '../services/dataset.js'
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

/** What a page's answer is sent as. */
const HTML_TYPE = 'text/html; charset=utf-8'
const html = (reply: FastifyReply, body: string) => reply.type(HTML_TYPE).send(body)
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
  // The pages of plans, organizations, years and comparisons depend on the data alone: each is
  // written once per data version (kept-answers.ts). A timeline or a year reads every plan it lists.
  const keptPage = keptAnswers(32 * 1024 * 1024)
  const sendPage = (request: FastifyRequest, reply: FastifyReply, key: string, render: () => string | undefined) => {
    const answer = keptPage(app.db, key, () => {
      const body = render()
      return body === undefined ? undefined : { body }
    })
    return answer && sendKept(request, reply, answer, HTML_TYPE)
  }
  app.get('/', { config, schema: { hide: true } }, async (_request, reply) => html(reply, renderLanding(datasetMeta(app, options.dataset), base)))

  app.get<{ Params: { id: string } }>(
    '/plans/:id',
    itemPage,
    async (request, reply) =>
      sendPage(request, reply, `plan ${request.params.id}`, () => {
        const plan = getPlanDocument(app.db, request.params.id)
        if (!plan) return undefined
        const org = plan.organization
        const sourceUrl = sourcePageUrl({ sourceUrl: plan.sourceUrl, pageId: plan.pageId, city: org.city, organizationId: org.id })
        // The final plans of other years (a draft is compared with neither).
        const years = plansByOrganizationIds(app.db, [org.id]).filter((p) => !p.isDraft && p.id !== plan.id)
        const earlier = years.filter((p) => p.fiscalYear < plan.fiscalYear).sort((a, b) => b.fiscalYear - a.fiscalYear)[0] ?? null
        const later = years.filter((p) => p.fiscalYear > plan.fiscalYear).sort((a, b) => a.fiscalYear - b.fiscalYear)[0] ?? null
        const attribution = cityAttributions(options.dataset.attribution, [{ city: org.city, url: sourceUrl }])[0].attribution
        return renderPlanPage({ plan, sourceUrl, earlier, later, dataset: { ...options.dataset, attribution }, base })
      }) ?? notFound(reply, 'plan', request.params.id),
  )

  app.get<{ Params: { id: string } }>(
    '/organizations/:id',
    itemPage,
    async (request, reply) =>
      sendPage(request, reply, `organization ${request.params.id}`, () => {
        const organization = getOrganization(app.db, request.params.id)
        return organization && renderOrganizationPage(organizationTimeline(app, organization))
      }) ?? notFound(reply, 'organization', request.params.id),
  )

  app.get<{ Params: { year: number } }>(
    '/fiscal-years/:year',
    {
      config,
      schema: { hide: true, params: { type: 'object', required: ['year'], additionalProperties: false, properties: { year: ARGUMENT_RULES.fiscalYear } }, querystring: noQuery },
    },
    async (request, reply) =>
      sendPage(request, reply, `fiscal year ${request.params.year}`, () => {
        const view = fiscalYearView(app, request.params.year)
        return view && renderFiscalYearPage(view)
      }) ?? notFound(reply, 'fiscal year', String(request.params.year)),
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
      const { from, to } = request.query
      let missing: { id: string; parameter: string } | undefined
      const answer = sendPage(request, reply, `compare ${JSON.stringify([from, to])}`, () => {
        const result = comparePlans(app.db, from, to)
        if ('missing' in result) missing = result.missing
        else return renderComparePage(result.comparison)
      })
      return answer ?? notFound(reply, 'plan', missing!.id, missing!.parameter)
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
  const cells = datasetCoverage(db).find((c) => c.organizationId === organization.id)?.fiscalYears ?? []
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
  const organizations = datasetCoverage(db)
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
