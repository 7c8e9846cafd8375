import type { FastifyInstance } from 'fastify'
import { notFound } from '../plugins/problems.js'
import type { IssueEntity, ScopeFilter } from '../services/entities.js'
import { getIssue, listIssues } from '../services/issues.js'
import { issueTable } from '../formats/tables.js'
import { lastModifiedByPlan } from './last-modified.js'
import { withUrl } from './links.js'
import { listRoute } from './list-route.js'
import { selectFields } from './fields.js'
import { changedSinceQueryProperties, itemRouteSchema, scopeQueryProperties } from './schemas/common.js'

const tags = ['issues']

export default async function issueRoutes(app: FastifyInstance) {
  listRoute<ScopeFilter, IssueEntity>(app, {
    url: '/issues',
    schema: { tags, operationId: 'listIssues', summary: 'Management issues (経営課題)', entity: 'ManagementIssue', query: { ...scopeQueryProperties, ...changedSinceQueryProperties } },
    list: ({ limit, cursor, ...filter }) => listIssues(app.db, filter, { limit, cursor }),
    table: issueTable,
    answerRow: (entity) => withUrl(app.publicUrl, 'issue', entity),
  })

  app.get<{ Params: { id: string } }>(
    '/issues/:id',
    { schema: itemRouteSchema({ tags, operationId: 'getIssue', summary: 'One management issue', entity: 'ManagementIssue', idDescription: 'e.g. asahi-2017.1' }), preSerialization: selectFields },
    async (request, reply) => {
      const entity = lastModifiedByPlan(reply, app.db, getIssue(app.db, request.params.id))
      return entity ? withUrl(app.publicUrl, 'issue', entity) : notFound(reply, 'management issue', request.params.id)
    },
  )
}
