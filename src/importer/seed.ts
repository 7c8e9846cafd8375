// Loading every plan under seed/ in one transaction.
import type { Db } from '../db/connection.js'
import { type ImportSummary, importPlans } from './import-plans.js'
import { readPlanFile, seedFiles } from './read-plan-file.js'

/** Parses every seed file first, so one bad file stops the seed before anything is written. */
export function seedDatabase(db: Db, seedDir: string): ImportSummary[] {
  const inputs = seedFiles(seedDir).map((file) => ({ plan: readPlanFile(file), sourceFile: file }))
  return importPlans(db, inputs)
}
