// What changed when: each plan's updatedAt, the import events (added,
// replaced, deleted) the importer records, and the dataset's last change.
import { desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { planEvents, plans } from '../db/schema.js'
import { memoByDataVersion } from './memo.js'
import { LIMIT, preparedFor } from './prepared.js'

export type PlanEvent = typeof planEvents.$inferSelect

/** Asked by every list answer (Last-Modified): once per data version. */
const changedAt = memoByDataVersion<{ at: string | null }>(4)

/** When the plans and their organizations last changed (the newest event); null for a database that never had a plan. */
export function datasetChangedAt(db: Db): string | null {
  return changedAt(db, 'datasetChangedAt', () => {
    const statement = preparedFor(db, 'datasetChangedAt', () => db.select({ at: planEvents.at }).from(planEvents).orderBy(desc(planEvents.id)).limit(1).prepare())
    return { at: statement.get()?.at ?? null }
  }).at
}

/** A plan's updatedAt; undefined when there is no such plan. */
export function planUpdatedAt(db: Db, planId: string): string | undefined {
  const statement = preparedFor(db, 'planUpdatedAt', () => db.select({ updatedAt: plans.updatedAt }).from(plans).where(eq(plans.id, sql.placeholder('id'))).prepare())
  return statement.get({ id: planId })?.updatedAt
}

/** The newest events first. */
export function recentPlanEvents(db: Db, limit: number): PlanEvent[] {
  const statement = preparedFor(db, 'recentPlanEvents', () => db.select().from(planEvents).orderBy(desc(planEvents.id)).limit(LIMIT).prepare())
  return statement.all({ limit })
}
