import type { FastifyInstance } from 'fastify'
import { ARGUMENT_RULES } from '../services/arguments.js'
import type { StrategyEntity } from '../services/entities.js'
import { type StrategyFilter, type StrategySort, getStrategy, listStrategies, listStrategyRowids, strategiesByRowids, strategyFacets } from '../services/strategies.js'
import { strategyTable } from '../formats/tables.js'
import { itemRoute, planPartItem } from './item-route.js'
import { withUrl } from './links.js'
import { listRoute } from './list-route.js'
import { changedSinceQueryProperties, scopeQueryProperties } from './schemas/common.js'

const tags = ['strategies']

export default async function strategyRoutes(app: FastifyInstance) {
  listRoute<StrategyFilter & { sort: StrategySort }, StrategyEntity>(app, {
    url: '/strategies',
    schema: {
      tags,
      operationId: 'listStrategies',
      summary: 'Strategies (戦略)',
      entity: 'Strategy',
      query: { ...scopeQueryProperties, issue: { ...ARGUMENT_RULES.issue, description: 'Management issue id, e.g. asahi-2017.1.' }, ...changedSinceQueryProperties },
    },
    sorts: 'plan: by plan, in document order.',
    list: ({ sort, limit, cursor, ...filter }) => listStrategies(app.db, filter, { limit, cursor }, sort),
    facets: (filter, names) => strategyFacets(app.db, filter, names),
    table: strategyTable,
    answerRow: (entity) => withUrl(app.publicUrl, 'strategy', entity),
    rowids: {
      page: ({ sort, limit, cursor, ...filter }) => listStrategyRowids(app.db, filter, { limit, cursor }, sort),
      entities: (rowids) => strategiesByRowids(app.db, rowids),
    },
  })

  itemRoute(app, {
    url: '/strategies',
    schema: { tags, operationId: 'getStrategy', summary: 'One strategy', entity: 'Strategy', idDescription: 'e.g. asahi-2017.2-3' },
    noun: 'strategy',
    ...planPartItem(app, 'strategy', getStrategy),
  })
}
