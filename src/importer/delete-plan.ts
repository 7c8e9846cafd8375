import { eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { plans } from '../db/schema.js'

/** Removes a plan, its parts (ON DELETE CASCADE) and its search entries, in one transaction. */
export function deletePlan(db: Db, planId: string): boolean {
  return db.transaction((tx) => {
    tx.run(sql`delete from search_entries where plan_id = ${planId}`)
    return tx.delete(plans).where(eq(plans.id, planId)).run().changes > 0
  })
}
