import type { FastifyInstance } from 'fastify'
import { notFound } from '../plugins/problems.js'
import { ARGUMENT_RULES, MAX_SEARCH_WORDS } from '../services/arguments.js'
import type { InitiativeEntity } from '../services/entities.js'
import { INITIATIVE_SORTS, type InitiativeFilter, type InitiativeSort, getInitiative, listInitiatives } from '../services/initiatives.js'
import { initiativeTable } from '../formats/tables.js'
import { lastModifiedByPlan } from './last-modified.js'
import { withUrl } from './links.js'
import { listRoute } from './list-route.js'
import { selectFields } from './fields.js'
import { changedSinceQueryProperties, itemRouteSchema, scopeQueryProperties } from './schemas/common.js'

const tags = ['initiatives']

/** The initiative filters, shared with the budget totals. */
export const initiativeFilterProperties = {
  ...scopeQueryProperties,
  issue: { ...ARGUMENT_RULES.issue, description: 'Management issue id.' },
  strategy: { ...ARGUMENT_RULES.strategy, description: 'Strategy id.' },
  hasBudget: { type: 'boolean', description: 'true: a budget amount; false: "-円" or no budget line.' },
  minBudgetYen: { ...ARGUMENT_RULES.minBudgetYen, description: 'Budget of at least this many yen.' },
  maxBudgetYen: { ...ARGUMENT_RULES.maxBudgetYen, description: 'Budget of at most this many yen.' },
  q: { ...ARGUMENT_RULES.q, description: `Words that must all appear in the title or points; at most ${MAX_SEARCH_WORDS}.` },
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
        ...changedSinceQueryProperties,
        sort: { type: 'string', enum: [...INITIATIVE_SORTS], default: 'plan', description: 'plan: document order; budget / -budget: by amount, unbudgeted last.' },
      },
    },
    list: ({ sort, limit, cursor, ...filter }) => listInitiatives(app.db, filter, sort ?? 'plan', { limit, cursor }),
    table: initiativeTable,
    answerRow: (entity) => withUrl(app.publicUrl, 'initiative', entity),
  })

  app.get<{ Params: { id: string } }>(
    '/initiatives/:id',
    { schema: itemRouteSchema({ tags, operationId: 'getInitiative', summary: 'One initiative', entity: 'Initiative', idDescription: 'e.g. asahi-2017.3-1-1' }), preSerialization: selectFields },
    async (request, reply) => {
      const entity = lastModifiedByPlan(reply, app.db, getInitiative(app.db, request.params.id))
      return entity ? withUrl(app.publicUrl, 'initiative', entity) : notFound(reply, 'initiative', request.params.id)
    },
  )
}
