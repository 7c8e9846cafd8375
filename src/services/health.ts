import { count } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { plans } from '../db/schema.js'

/** A query that needs the database to answer: the number of plans held. */
export function countPlans(db: Db): number {
  return db.select({ n: count() }).from(plans).get()!.n
}
