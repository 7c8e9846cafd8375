import { and, count, eq } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { strategies } from '../db/schema.js'
import type { ScopeFilter, SdgsAndOutcomes, StrategyEntity } from './entities.js'
import { type Page, type PageRequest, afterCursor, orderByOf, toPage } from './pagination.js'
import { idsParam, inIds, preparedFor } from './prepared.js'
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

/** SDG goals and outcome indicators of many strategies, by strategy id. */
export function strategySdgsAndOutcomesByIds(db: Db, ids: readonly string[]): Map<string, SdgsAndOutcomes> {
  const statement = preparedFor(db, 'strategySdgsAndOutcomesByIds', () =>
    db.select({ id: strategies.id, sdgs: strategies.sdgs, outcomeIndicators: strategies.outcomeIndicators }).from(strategies).where(inIds(strategies.id)).prepare(),
  )
  return new Map(statement.all(idsParam(ids)).map(({ id, ...rest }) => [id, rest]))
}

export function listStrategies(db: Db, filter: StrategyFilter, request: PageRequest): Page<StrategyEntity> {
  const conditions = scopeConditions(db, strategies.planId, filter)
  if (filter.issue !== undefined) conditions.push(eq(strategies.issueId, filter.issue))
  const where = and(...conditions)
  const rows = db
    .select(columns)
    .from(strategies)
    .where(and(where, afterCursor(planOrder, 'plan', request.cursor)))
    .orderBy(...orderByOf(planOrder))
    .limit(request.limit + 1)
    .all()
  const total = db.select({ n: count() }).from(strategies).where(where).get()!.n
  return toPage(rows, request, 'plan', (row) => [row.planId, row.ordinal], toEntity, total)
}

export function getStrategy(db: Db, id: string): StrategyEntity | undefined {
  const row = db.select(columns).from(strategies).where(eq(strategies.id, id)).get()
  return row && toEntity(row)
}

export function strategiesByIssueIds(db: Db, issueIds: readonly string[]): StrategyEntity[] {
  const statement = preparedFor(db, 'strategiesByIssueIds', () => db.select(columns).from(strategies).where(inIds(strategies.issueId)).orderBy(...orderByOf(planOrder)).prepare())
  return statement.all(idsParam(issueIds)).map(toEntity)
}

export function strategiesByIds(db: Db, ids: readonly string[]): StrategyEntity[] {
  return preparedFor(db, 'strategiesByIds', () => db.select(columns).from(strategies).where(inIds(strategies.id)).prepare()).all(idsParam(ids)).map(toEntity)
}
