import type { FastifyInstance } from 'fastify'
import { ARGUMENT_RULES, MAX_SEARCH_WORDS } from '../services/arguments.js'
import type { InitiativeEntity } from '../services/entities.js'
import { type InitiativeFilter, type InitiativeSort, getInitiative, initiativeFacets, initiativesByRowids, listInitiativeRowids, listInitiatives } from '../services/initiatives.js'
import { initiativeTable } from '../formats/tables.js'
import { itemRoute, planPartItem } from './item-route.js'
import { withUrl } from './links.js'
import { listRoute } from './list-route.js'
import { changedSinceQueryProperties, scopeQueryProperties } from './schemas/common.js'

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
  listRoute<InitiativeFilter & { sort: InitiativeSort }, InitiativeEntity>(app, {
    url: '/initiatives',
    schema: {
      tags,
      operationId: 'listInitiatives',
      summary: 'Initiatives (具体的取組) with their budgets',
      entity: 'Initiative',
      query: { ...initiativeFilterProperties, ...changedSinceQueryProperties },
    },
    sorts: 'plan: by plan, in document order; budget: by amount, unbudgeted last (-budget too), document order within an amount.',
    list: ({ sort, limit, cursor, ...filter }) => listInitiatives(app.db, filter, sort, { limit, cursor }),
    facets: (filter, names) => initiativeFacets(app.db, filter, names),
    table: initiativeTable,
    answerRow: (entity) => withUrl(app.publicUrl, 'initiative', entity),
    rowids: {
      page: ({ sort, limit, cursor, ...filter }) => listInitiativeRowids(app.db, filter, sort, { limit, cursor }),
      entities: (rowids) => initiativesByRowids(app.db, rowids),
    },
  })

  itemRoute(app, {
    url: '/initiatives',
    schema: { tags, operationId: 'getInitiative', summary: 'One initiative', entity: 'Initiative', idDescription: 'e.g. asahi-2017.3-1-1' },
    noun: 'initiative',
    ...planPartItem(app, 'initiative', getInitiative),
  })
}
