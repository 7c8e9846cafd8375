import { and, asc, count, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { issueBudgets, managementIssues as issues } from '../db/schema.js'
import type { IssueBudget, IssueEntity, ScopeFilter } from './entities.js'
import type { SortOf } from './arguments.js'
import { type Facets, facetsOf, perPlan, planDimensions } from './facets.js'
import { type ListQuery, type Page, type PageRequest, afterCursor, orderByOf, rowidPage, toPage } from './pagination.js'
import { sortOrders } from './sorts.js'
import { Binding, idsParam, inIds, LIMIT, preparedFor, rowidOf } from './prepared.js'
import { totalOf } from './totals.js'
import { planCompletenessOf, planFiscalYearOf, planOrganizationNameOf, planOrganizationOf, scopeConditions } from './scope.js'

const columns = {
  id: issues.id,
  planId: issues.planId,
  planCompleteness: planCompletenessOf(issues.planId),
  organizationId: planOrganizationOf(issues.planId),
  organizationName: planOrganizationNameOf(issues.planId),
  fiscalYear: planFiscalYearOf(issues.planId),
  number: issues.number,
  subNumber: issues.subNumber,
  title: issues.title,
  aim: issues.aim,
  sdgs: issues.sdgs,
  outcomeIndicators: issues.outcomeIndicators,
  ordinal: issues.ordinal,
}
const planOrder = [
  { expr: issues.planId, dir: 'asc' as const },
  { expr: issues.ordinal, dir: 'asc' as const },
]
type Row = Omit<IssueEntity, 'budgets'> & { ordinal: number }
export type IssueSort = SortOf<'issues'>
/** Document order, and its reverse along the same index. */
const SORTS = sortOrders<Row, 'plan'>({ plan: { keys: planOrder, keyOf: (row) => [row.planId, row.ordinal] } })

/** Rows to entities, with their budget lines fetched for all of them at once. */
function withBudgets(db: Db, rows: Row[]): IssueEntity[] {
  const budgets = issueBudgetsByIssueIds(db, rows.map((r) => r.id))
  return rows.map(({ ordinal: _ordinal, ...issue }) => ({ ...issue, budgets: budgets.get(issue.id) ?? [] }))
}

/** Budget lines of many issues, in published order, by issue id. */
export function issueBudgetsByIssueIds(db: Db, issueIds: readonly string[]): Map<string, IssueBudget[]> {
  const statement = preparedFor(db, 'issueBudgetsByIssueIds', () =>
    db.select().from(issueBudgets).where(inIds(issueBudgets.issueId)).orderBy(asc(issueBudgets.issueId), asc(issueBudgets.position)).prepare(),
  )
  const byIssue = new Map<string, IssueBudget[]>()
  for (const { issueId, planId: _planId, position: _position, ...budget } of statement.all(idsParam(issueIds))) {
    const list = byIssue.get(issueId)
    if (list) list.push(budget)
    else byIssue.set(issueId, [budget])
  }
  return byIssue
}

/** The list's query for these filters and sort, with its total. */
function issueList(db: Db, filter: ScopeFilter, sort: IssueSort): ListQuery {
  const binding = new Binding()
  const where = and(...scopeConditions(db, issues.planId, filter, binding))
  const total = totalOf(db, 'listIssues', binding, () => db.select({ n: count() }).from(issues).where(where).prepare())
  return { name: 'listIssues', table: issues, where, keys: SORTS[sort].keys, sortName: sort, binding, total }
}

/** The page listIssues gives, as rowids (see rowidPage). */
export function listIssueRowids(db: Db, filter: ScopeFilter, request: PageRequest, sort: IssueSort = 'plan'): Page<number> {
  return rowidPage(db, issueList(db, filter, sort), request)
}

/** Issues by rowid (valid within one data version), with their budget lines. */
export function issuesByRowids(db: Db, rowids: readonly number[]): Map<number, IssueEntity> {
  const statement = preparedFor(db, 'issuesByRowids', () => db.select({ ...columns, rowid: rowidOf(issues) }).from(issues).where(inIds(rowidOf(issues))).prepare())
  const rows = statement.all(idsParam(rowids))
  const entities = withBudgets(db, rows.map(({ rowid: _rowid, ...row }) => row))
  return new Map(rows.map((row, i) => [row.rowid, entities[i]]))
}

export function listIssues(db: Db, filter: ScopeFilter, request: PageRequest, sort: IssueSort = 'plan'): Page<IssueEntity> {
  const { binding, where, keys, total } = issueList(db, filter, sort)
  const { keyOf } = SORTS[sort]
  const after = afterCursor(keys, sort, request.cursor, binding)
  const statement = preparedFor(db, `listIssues ${sort} ${binding.key}`, () =>
    db.select(columns).from(issues).where(and(where, after)).orderBy(...orderByOf(keys)).limit(LIMIT).prepare(),
  )
  const rows = statement.all({ ...binding.values, limit: request.limit + 1 })
  const entities = new Map(withBudgets(db, rows).map((issue) => [issue.id, issue]))
  return toPage(rows, request, sort, keyOf, (row) => entities.get(row.id)!, total)
}

/** Issues counted by their plans' organization, fiscal year or completeness, over the whole filtered list. */
export function issueFacets(db: Db, filter: ScopeFilter, names: readonly string[]): Facets {
  const where = and(...scopeConditions(db, issues.planId, filter))
  return facetsOf(db, 'issues', filter, names, planDimensions(sql`fp`), perPlan(sql`${issues}`, sql`${issues.planId}`, where))
}

export function getIssue(db: Db, id: string): IssueEntity | undefined {
  const row = preparedFor(db, 'getIssue', () => db.select(columns).from(issues).where(eq(issues.id, sql.placeholder('id'))).prepare()).get({ id })
  return row && withBudgets(db, [row])[0]
}

export function issuesByPlanIds(db: Db, planIds: readonly string[]): IssueEntity[] {
  const statement = preparedFor(db, 'issuesByPlanIds', () => db.select(columns).from(issues).where(inIds(issues.planId)).orderBy(...orderByOf(planOrder)).prepare())
  return withBudgets(db, statement.all(idsParam(planIds)))
}

export function issuesByIds(db: Db, ids: readonly string[]): IssueEntity[] {
  return withBudgets(db, preparedFor(db, 'issuesByIds', () => db.select(columns).from(issues).where(inIds(issues.id)).prepare()).all(idsParam(ids)))
}
