import { and, count, eq } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { managementIssues as issues } from '../db/schema.js'
import type { IssueEntity, ScopeFilter } from './entities.js'
import { type Page, type PageRequest, afterCursor, orderByOf, toPage } from './pagination.js'
import { idsParam, inIds, preparedFor } from './prepared.js'
import { scopeConditions } from './scope.js'

const columns = { id: issues.id, planId: issues.planId, number: issues.number, title: issues.title, aim: issues.aim, ordinal: issues.ordinal }
const planOrder = [
  { expr: issues.planId, dir: 'asc' as const },
  { expr: issues.ordinal, dir: 'asc' as const },
]
const toEntity = ({ ordinal: _ordinal, ...entity }: IssueEntity & { ordinal: number }): IssueEntity => entity

export function listIssues(db: Db, filter: ScopeFilter, request: PageRequest): Page<IssueEntity> {
  const where = and(...scopeConditions(db, issues.planId, filter))
  const rows = db
    .select(columns)
    .from(issues)
    .where(and(where, afterCursor(planOrder, 'plan', request.cursor)))
    .orderBy(...orderByOf(planOrder))
    .limit(request.limit + 1)
    .all()
  const total = db.select({ n: count() }).from(issues).where(where).get()!.n
  return toPage(rows, request, 'plan', (row) => [row.planId, row.ordinal], toEntity, total)
}

export function getIssue(db: Db, id: string): IssueEntity | undefined {
  const row = db.select(columns).from(issues).where(eq(issues.id, id)).get()
  return row && toEntity(row)
}

export function issuesByPlanIds(db: Db, planIds: readonly string[]): IssueEntity[] {
  const statement = preparedFor(db, 'issuesByPlanIds', () => db.select(columns).from(issues).where(inIds(issues.planId)).orderBy(...orderByOf(planOrder)).prepare())
  return statement.all(idsParam(planIds)).map(toEntity)
}

export function issuesByIds(db: Db, ids: readonly string[]): IssueEntity[] {
  return preparedFor(db, 'issuesByIds', () => db.select(columns).from(issues).where(inIds(issues.id)).prepare()).all(idsParam(ids)).map(toEntity)
}
