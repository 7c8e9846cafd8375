import { eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { noteWrite } from '../db/data-version.js'
import { plans } from '../db/schema.js'

/** Removes a plan, its parts (ON DELETE CASCADE) and its search entries, in one transaction. */
export function deletePlan(db: Db, planId: string): boolean {
  try {
    return db.transaction((tx) => {
      tx.run(sql`delete from search_entries where plan_id = ${planId}`)
      return tx.delete(plans).where(eq(plans.id, planId)).run().changes > 0
    })
  } finally {
    noteWrite()
  }
}
