import type { FastifyInstance } from 'fastify'
import { notFound } from '../plugins/problems.js'
import { ARGUMENT_RULES } from '../services/arguments.js'
import type { StrategyEntity } from '../services/entities.js'
import { type StrategyFilter, getStrategy, listStrategies } from '../services/strategies.js'
import { strategyTable } from '../formats/tables.js'
import { lastModifiedByPlan } from './last-modified.js'
import { withUrl } from './links.js'
import { listRoute } from './list-route.js'
import { selectFields } from './fields.js'
import { changedSinceQueryProperties, itemRouteSchema, scopeQueryProperties } from './schemas/common.js'

const tags = ['strategies']

export default async function strategyRoutes(app: FastifyInstance) {
  listRoute<StrategyFilter, StrategyEntity>(app, {
    url: '/strategies',
    schema: {
      tags,
      operationId: 'listStrategies',
      summary: 'Strategies (戦略)',
      entity: 'Strategy',
      query: { ...scopeQueryProperties, issue: { ...ARGUMENT_RULES.issue, description: 'Management issue id, e.g. asahi-2017.1.' }, ...changedSinceQueryProperties },
    },
    list: ({ limit, cursor, ...filter }) => listStrategies(app.db, filter, { limit, cursor }),
    table: strategyTable,
    answerRow: (entity) => withUrl(app.publicUrl, 'strategy', entity),
  })

  app.get<{ Params: { id: string } }>(
    '/strategies/:id',
    { schema: itemRouteSchema({ tags, operationId: 'getStrategy', summary: 'One strategy', entity: 'Strategy', idDescription: 'e.g. asahi-2017.2-3' }), preSerialization: selectFields },
    async (request, reply) => {
      const entity = lastModifiedByPlan(reply, app.db, getStrategy(app.db, request.params.id))
      return entity ? withUrl(app.publicUrl, 'strategy', entity) : notFound(reply, 'strategy', request.params.id)
    },
  )
}
