import type { FastifyInstance } from 'fastify'
import type { IssueEntity, ScopeFilter } from '../services/entities.js'
import { type IssueSort, getIssue, issueFacets, issuesByRowids, listIssueRowids, listIssues } from '../services/issues.js'
import { issueTable } from '../formats/tables.js'
import { itemRoute, planPartItem } from './item-route.js'
import { withUrl } from './links.js'
import { listRoute } from './list-route.js'
import { changedSinceQueryProperties, scopeQueryProperties } from './schemas/common.js'

const tags = ['issues']

export default async function issueRoutes(app: FastifyInstance) {
  listRoute<ScopeFilter & { sort: IssueSort }, IssueEntity>(app, {
    url: '/issues',
    schema: { tags, operationId: 'listIssues', summary: 'Management issues (経営課題)', entity: 'ManagementIssue', query: { ...scopeQueryProperties, ...changedSinceQueryProperties } },
    sorts: 'plan: by plan, in document order.',
    list: ({ sort, limit, cursor, ...filter }) => listIssues(app.db, filter, { limit, cursor }, sort),
    facets: (filter, names) => issueFacets(app.db, filter, names),
    table: issueTable,
    answerRow: (entity) => withUrl(app.publicUrl, 'issue', entity),
    rowids: {
      page: ({ sort, limit, cursor, ...filter }) => listIssueRowids(app.db, filter, { limit, cursor }, sort),
      entities: (rowids) => issuesByRowids(app.db, rowids),
    },
  })

  itemRoute(app, {
    url: '/issues',
    schema: { tags, operationId: 'getIssue', summary: 'One management issue', entity: 'ManagementIssue', idDescription: 'e.g. asahi-2017.1' },
    noun: 'management issue',
    ...planPartItem(app, 'issue', getIssue),
  })
}
