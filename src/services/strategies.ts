import { and, asc, count, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { strategies } from '../db/schema.js'
import type { ScopeFilter, StrategyEntity } from './entities.js'
import { type Page, type PageRequest, afterCursor, orderByOf, toPage } from './pagination.js'
import { Binding, idsParam, inIds, preparedFor } from './prepared.js'
import { totalOf } from './totals.js'
import { planCompletenessOf, scopeConditions } from './scope.js'

export interface StrategyFilter extends ScopeFilter {
  issue?: string
}

const columns = {
  id: strategies.id,
  planId: strategies.planId,
  planCompleteness: planCompletenessOf(strategies.planId),
  issueId: strategies.issueId,
  number: strategies.number,
  title: strategies.title,
  points: strategies.points,
  ordinal: strategies.ordinal,
}
const planOrder = [
  { expr: strategies.planId, dir: 'asc' as const },
  { expr: strategies.ordinal, dir: 'asc' as const },
]
const toEntity = ({ ordinal: _ordinal, ...entity }: StrategyEntity & { ordinal: number }): StrategyEntity => entity

export function listStrategies(db: Db, filter: StrategyFilter, request: PageRequest): Page<StrategyEntity> {
  const binding = new Binding()
  const conditions = scopeConditions(db, strategies.planId, filter, binding)
  if (filter.issue !== undefined) conditions.push(eq(strategies.issueId, binding.value('issue', filter.issue)))
  const where = and(...conditions)
  const total = totalOf(db, 'listStrategies', binding, () => db.select({ n: count() }).from(strategies).where(where).prepare())
  const after = afterCursor(planOrder, 'plan', request.cursor, binding)
  const statement = preparedFor(db, `listStrategies ${binding.key}`, () =>
    db.select(columns).from(strategies).where(and(where, after)).orderBy(...orderByOf(planOrder)).limit(sql.placeholder('limit')).prepare(),
  )
  const rows = statement.all({ ...binding.values, limit: request.limit + 1 })
  return toPage(rows, request, 'plan', (row) => [row.planId, row.ordinal], toEntity, total)
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
