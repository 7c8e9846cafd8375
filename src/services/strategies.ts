import { and, asc, count, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { strategies } from '../db/schema.js'
import type { ScopeFilter, StrategyEntity } from './entities.js'
import type { SortOf } from './arguments.js'
import { type Facets, facetsOf, perPlan, planDimensions } from './facets.js'
import { type ListQuery, type Page, type PageRequest, afterCursor, orderByOf, rowidPage, toPage } from './pagination.js'
import { sortOrders } from './sorts.js'
import { Binding, idsParam, inIds, LIMIT, preparedFor, rowidOf } from './prepared.js'
import { totalOf } from './totals.js'
import { planCompletenessOf, planFiscalYearOf, planOrganizationNameOf, planOrganizationOf, scopeConditions } from './scope.js'

export interface StrategyFilter extends ScopeFilter {
  issue?: string
}

const columns = {
  id: strategies.id,
  planId: strategies.planId,
  planCompleteness: planCompletenessOf(strategies.planId),
  organizationId: planOrganizationOf(strategies.planId),
  organizationName: planOrganizationNameOf(strategies.planId),
  fiscalYear: planFiscalYearOf(strategies.planId),
  issueId: strategies.issueId,
  number: strategies.number,
  title: strategies.title,
  points: strategies.points,
  sdgs: strategies.sdgs,
  outcomeIndicators: strategies.outcomeIndicators,
  ordinal: strategies.ordinal,
}
const planOrder = [
  { expr: strategies.planId, dir: 'asc' as const },
  { expr: strategies.ordinal, dir: 'asc' as const },
]
export type StrategySort = SortOf<'strategies'>
/** Document order, and its reverse along the same index. */
const SORTS = sortOrders<StrategyEntity & { ordinal: number }, 'plan'>({ plan: { keys: planOrder, keyOf: (row) => [row.planId, row.ordinal] } })
const toEntity = ({ ordinal: _ordinal, ...entity }: StrategyEntity & { ordinal: number }): StrategyEntity => entity

function strategyConditions(db: Db, filter: StrategyFilter, binding?: Binding) {
  const conditions = scopeConditions(db, strategies.planId, filter, binding)
  if (filter.issue !== undefined) conditions.push(eq(strategies.issueId, binding ? binding.value('issue', filter.issue) : filter.issue))
  return and(...conditions)
}

/** The list's query for these filters and sort, with its total. */
function strategyList(db: Db, filter: StrategyFilter, sort: StrategySort): ListQuery {
  const binding = new Binding()
  const where = strategyConditions(db, filter, binding)
  const total = totalOf(db, 'listStrategies', binding, () => db.select({ n: count() }).from(strategies).where(where).prepare())
  return { name: 'listStrategies', table: strategies, where, keys: SORTS[sort].keys, sortName: sort, binding, total }
}

/** The page listStrategies gives, as rowids (see rowidPage). */
export function listStrategyRowids(db: Db, filter: StrategyFilter, request: PageRequest, sort: StrategySort = 'plan'): Page<number> {
  return rowidPage(db, strategyList(db, filter, sort), request)
}

/** Strategies by rowid (valid within one data version). */
export function strategiesByRowids(db: Db, rowids: readonly number[]): Map<number, StrategyEntity> {
  const statement = preparedFor(db, 'strategiesByRowids', () => db.select({ ...columns, rowid: rowidOf(strategies) }).from(strategies).where(inIds(rowidOf(strategies))).prepare())
  return new Map(statement.all(idsParam(rowids)).map(({ rowid, ...row }) => [rowid, toEntity(row)]))
}

export function listStrategies(db: Db, filter: StrategyFilter, request: PageRequest, sort: StrategySort = 'plan'): Page<StrategyEntity> {
  const { binding, where, keys, total } = strategyList(db, filter, sort)
  const { keyOf } = SORTS[sort]
  const after = afterCursor(keys, sort, request.cursor, binding)
  const statement = preparedFor(db, `listStrategies ${sort} ${binding.key}`, () =>
    db.select(columns).from(strategies).where(and(where, after)).orderBy(...orderByOf(keys)).limit(LIMIT).prepare(),
  )
  const rows = statement.all({ ...binding.values, limit: request.limit + 1 })
  return toPage(rows, request, sort, keyOf, toEntity, total)
}

/** Strategies counted by their plans' organization, fiscal year or completeness, over the whole filtered list. */
export function strategyFacets(db: Db, filter: StrategyFilter, names: readonly string[]): Facets {
  return facetsOf(db, 'strategies', filter, names, planDimensions(sql`fp`), perPlan(sql`${strategies}`, sql`${strategies.planId}`, strategyConditions(db, filter)))
}

export function getStrategy(db: Db, id: string): StrategyEntity | undefined {
  const row = preparedFor(db, 'getStrategy', () => db.select(columns).from(strategies).where(eq(strategies.id, sql.placeholder('id'))).prepare()).get({ id })
  return row && toEntity(row)
}

export function strategiesByIssueIds(db: Db, issueIds: readonly string[]): StrategyEntity[] {
  // Each issue's in plan order, along strategies_issue_idx: callers take them issue by issue.
  const statement = preparedFor(db, 'strategiesByIssueIds', () =>
    db.select(columns).from(strategies).where(inIds(strategies.issueId)).orderBy(asc(strategies.issueId), ...orderByOf(planOrder)).prepare(),
  )
  return statement.all(idsParam(issueIds)).map(toEntity)
}

export function strategiesByIds(db: Db, ids: readonly string[]): StrategyEntity[] {
  return preparedFor(db, 'strategiesByIds', () => db.select(columns).from(strategies).where(inIds(strategies.id)).prepare()).all(idsParam(ids)).map(toEntity)
}
