// Where rows of plan parts sit (their plan's organization and fiscal year),
// read in one batch for the flat tables (CSV, JSON Lines, downloads), whose
// rows carry them so that a spreadsheet needs no join.
import { eq, getTableName } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import * as t from '../db/schema.js'
import { idsParam, inIds, preparedFor } from './prepared.js'

export interface PlanScope {
  planId: string
  organizationId: string
  organizationName: string
  fiscalYear: number
}

/** The organization and fiscal year of many plans, by plan id. */
export function planScopesByIds(db: Db, planIds: readonly string[]): Map<string, PlanScope> {
  const statement = preparedFor(db, 'planScopesByIds', () =>
    db
      .select({ planId: t.plans.id, organizationId: t.plans.organizationId, organizationName: t.organizations.name, fiscalYear: t.plans.fiscalYear })
      .from(t.plans)
      .innerJoin(t.organizations, eq(t.organizations.id, t.plans.organizationId))
      .where(inIds(t.plans.id))
      .prepare(),
  )
  return new Map(statement.all(idsParam([...new Set(planIds)])).map((scope) => [scope.planId, scope]))
}

/** The plan id of many management issues or strategies, by their id. */
export function planIdsOfParts(db: Db, table: typeof t.managementIssues | typeof t.strategies, ids: readonly string[]): Map<string, string> {
  const statement = preparedFor(db, `planIdsOfParts ${getTableName(table)}`, () => db.select({ id: table.id, planId: table.planId }).from(table).where(inIds(table.id)).prepare())
  return new Map(statement.all(idsParam([...new Set(ids)])).map((row) => [row.id, row.planId]))
}
