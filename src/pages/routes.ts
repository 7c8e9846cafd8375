// The HTML pages' routes, calling the services REST and GraphQL call:
// / (landing), /plans/{id}, /compare?from=&to=. Unknown ids are problems, as
// in the API. Pages are cached and answer 304 as the API does (http-caching.ts).
import type { FastifyInstance, FastifyReply } from 'fastify'
import { type DatasetInfo, cityAttributions } from '../dataset-info.js'
import { notFound, problem, sendProblem } from '../plugins/problems.js'
import { datasetMeta } from '../rest/meta.js'
import { ARGUMENT_RULES } from '../services/arguments.js'
import { comparePlans } from '../services/compare.js'
import { sourcePageUrl } from '../services/dataset.js'
import { getPlanDocument, plansByOrganizationIds } from '../services/plans.js'
import { renderComparePage } from './compare.js'
import { renderLanding } from './landing.js'
import { renderPlanPage } from './plan.js'

export interface PageOptions {
  dataset: DatasetInfo
  /** The configured public URL (PUBLIC_URL); without one, links are relative. Never the request's Host: the page is cached for everyone. */
  publicUrl?: string | null
}

const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body)
const noQuery = { type: 'object', additionalProperties: false, properties: {} } as const
/** Tells protection.ts this route is a page: helmet's headers, not the API's. */
const config = { page: true }

export default async function pageRoutes(app: FastifyInstance, options: PageOptions) {
  const base = (options.publicUrl ?? '').replace(/\/+$/, '')
  app.get('/', { config, schema: { hide: true } }, async (_request, reply) => html(reply, renderLanding(datasetMeta(app, options.dataset), base)))

  app.get<{ Params: { id: string } }>(
    '/plans/:id',
    { config, schema: { hide: true, params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: ARGUMENT_RULES.id } }, querystring: noQuery } },
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
      if ('missing' in result) return sendProblem(reply, problem('notFound', `no plan with id '${result.missing.id}'`, { parameter: result.missing.parameter }))
      return html(reply, renderComparePage(result.comparison))
    },
  )
}
