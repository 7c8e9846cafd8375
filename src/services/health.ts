import { count } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { plans } from '../db/schema.js'
import { preparedFor } from './prepared.js'

/** A query that needs the database to answer: the number of plans held (prepared once: a probe may come every second). */
export function countPlans(db: Db): number {
  return preparedFor(db, 'countPlans', () => db.select({ n: count() }).from(plans).prepare()).get()!.n
}
