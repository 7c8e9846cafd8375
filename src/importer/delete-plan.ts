import { eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { noteWrite } from '../db/data-version.js'
import { planEvents, plans } from '../db/schema.js'

/** Removes a plan, its parts (ON DELETE CASCADE) and its search entries, and records the deletion, in one transaction. */
export function deletePlan(db: Db, planId: string): boolean {
  try {
    return db.transaction((tx) => {
      tx.run(sql`delete from search_entries where plan_id = ${planId}`)
      const [deleted] = tx.delete(plans).where(eq(plans.id, planId)).returning({ title: plans.title }).all()
      if (deleted) tx.insert(planEvents).values({ planId, kind: 'deleted', at: new Date().toISOString(), title: deleted.title }).run()
      return deleted !== undefined
    })
  } finally {
    noteWrite()
  }
}
