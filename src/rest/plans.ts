import type { FastifyInstance } from 'fastify'
import { COMPLETENESS, type PlanSummary } from '../services/entities.js'
import { type PlanFilter, type PlanSort, getPlanDocument, listPlanRowids, listPlans, planFacets, plansByRowids } from '../services/plans.js'
import { planTable } from '../formats/tables.js'
import { itemRoute } from './item-route.js'
import { planDocumentWithUrls, withUrl } from './links.js'
import { listRoute } from './list-route.js'
import { changedSinceQueryProperties, scopeQueryProperties } from './schemas/common.js'

const tags = ['plans']

export default async function planRoutes(app: FastifyInstance) {
  listRoute<PlanFilter & { sort: PlanSort }, PlanSummary>(app, {
    url: '/plans',
    schema: {
      tags,
      operationId: 'listPlans',
      summary: 'Plans (区運営方針), without their contents',
      entity: 'PlanSummary',
      query: {
        organization: scopeQueryProperties.organization,
        fiscalYear: scopeQueryProperties.fiscalYear,
        isDraft: { type: 'boolean', description: 'true: drafts (案, 素案) only; false: final plans only.' },
        completeness: { type: 'string', enum: [...COMPLETENESS], description: 'complete, excerpt or attachments.' },
        ...changedSinceQueryProperties,
      },
    },
    sorts: 'id: by plan id; organization: by organization, then fiscal year; fiscalYear: by fiscal year, then organization.',
    list: ({ sort, limit, cursor, ...filter }) => listPlans(app.db, filter, { limit, cursor }, sort),
    facets: (filter, names) => planFacets(app.db, filter, names),
    table: planTable,
    answerRow: (plan) => withUrl(app.publicUrl, 'plan', plan),
    rowids: {
      page: ({ sort, limit, cursor, ...filter }) => listPlanRowids(app.db, filter, { limit, cursor }, sort),
      entities: (rowids) => plansByRowids(app.db, rowids),
    },
  })

  itemRoute(app, {
    url: '/plans',
    schema: { tags, operationId: 'getPlan', summary: 'The whole plan document, nested', entity: 'PlanDocument', idDescription: 'e.g. asahi-2017' },
    noun: 'plan',
    find: (id) => {
      const plan = getPlanDocument(app.db, id)
      return plan && planDocumentWithUrls(app.publicUrl, plan)
    },
    changedAt: (plan: { updatedAt: string }) => plan.updatedAt,
  })
}
