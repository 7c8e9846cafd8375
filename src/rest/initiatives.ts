import type { FastifyInstance } from 'fastify'
import { notFound } from '../plugins/problems.js'
import type { InitiativeEntity } from '../services/entities.js'
import { INITIATIVE_SORTS, type InitiativeFilter, type InitiativeSort, getInitiative, listInitiatives } from '../services/initiatives.js'
import { initiativeTable } from '../formats/tables.js'
import { listRoute } from './list-route.js'
import { itemRouteSchema, scopeQueryProperties } from './schemas/common.js'

const tags = ['initiatives']
const yen = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const

/** The initiative filters, shared with the budget totals. */
export const initiativeFilterProperties = {
  ...scopeQueryProperties,
  issue: { type: 'string', minLength: 1, description: 'Management issue id.' },
  strategy: { type: 'string', minLength: 1, description: 'Strategy id.' },
  hasBudget: { type: 'boolean', description: 'true: a budget amount; false: "-円" or no budget line.' },
  minBudgetYen: { ...yen, description: 'Budget of at least this many yen.' },
  maxBudgetYen: { ...yen, description: 'Budget of at most this many yen.' },
  q: { type: 'string', minLength: 1, maxLength: 200, description: 'Words that must all appear in the title or points.' },
} as const

export default async function initiativeRoutes(app: FastifyInstance) {
  listRoute<InitiativeFilter & { sort?: InitiativeSort }, InitiativeEntity>(app, {
    url: '/initiatives',
    schema: {
      tags,
      operationId: 'listInitiatives',
      summary: 'Initiatives (具体的取組) with their budgets',
      entity: 'Initiative',
      query: {
        ...initiativeFilterProperties,
        sort: { type: 'string', enum: [...INITIATIVE_SORTS], default: 'plan', description: 'plan: document order; budget / -budget: by amount, unbudgeted last.' },
      },
    },
    list: ({ sort, limit, cursor, ...filter }) => listInitiatives(app.db, filter, sort ?? 'plan', { limit, cursor }),
    table: initiativeTable,
  })

  app.get<{ Params: { id: string } }>(
    '/initiatives/:id',
    { schema: itemRouteSchema({ tags, operationId: 'getInitiative', summary: 'One initiative', entity: 'Initiative', idDescription: 'e.g. asahi-2017.3-1-1' }) },
    async (request, reply) => getInitiative(app.db, request.params.id) ?? notFound(reply, 'initiative', request.params.id),
  )
}
