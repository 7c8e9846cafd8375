import type { FastifyInstance } from 'fastify'
import { notFound } from '../plugins/problems.js'
import { COMPLETENESS, type PlanSummary } from '../services/entities.js'
import { type PlanFilter, getPlanDocument, listPlans } from '../services/plans.js'
import { planTable } from '../formats/tables.js'
import { setLastModified } from './last-modified.js'
import { planDocumentWithUrls, withUrl } from './links.js'
import { listRoute } from './list-route.js'
import { selectFields } from './fields.js'
import { changedSinceQueryProperties, itemRouteSchema, scopeQueryProperties } from './schemas/common.js'

const tags = ['plans']

export default async function planRoutes(app: FastifyInstance) {
  listRoute<PlanFilter, PlanSummary>(app, {
    url: '/plans',
    schema: {
      tags,
      operationId: 'listPlans',
      summary: 'Plans (区運営方針), without their contents',
      entity: 'PlanSummary',
      query: {
        organization: scopeQueryProperties.organization,
        fiscalYear: scopeQueryProperties.fiscalYear,
        isDraft: { type: 'boolean' },
        completeness: { type: 'string', enum: [...COMPLETENESS], description: 'complete, excerpt or attachments.' },
        ...changedSinceQueryProperties,
      },
    },
    list: ({ limit, cursor, ...filter }) => listPlans(app.db, filter, { limit, cursor }),
    table: planTable,
    answerRow: (plan) => withUrl(app.publicUrl, 'plan', plan),
  })

  app.get<{ Params: { id: string } }>(
    '/plans/:id',
    {
      schema: itemRouteSchema({ tags, operationId: 'getPlan', summary: 'The whole plan document, nested', entity: 'PlanDocument', idDescription: 'e.g. asahi-2017' }),
      preSerialization: selectFields,
    },
    async (request, reply) => {
      const plan = getPlanDocument(app.db, request.params.id)
      if (!plan) return notFound(reply, 'plan', request.params.id)
      setLastModified(reply, plan.updatedAt)
      return planDocumentWithUrls(app.publicUrl, plan)
    },
  )
}
