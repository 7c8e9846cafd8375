// Loading seed/: every plan text and the catalogue of known plan pages, in one transaction.
import type { Db } from '../db/connection.js'
import { refreshStatistics } from '../db/statistics.js'
import { readSeedCatalogue, replaceCatalogue } from './catalogue.js'
import { type ImportSummary, importPlans } from './import-plans.js'
import { readPlanFile, seedFiles } from './read-plan-file.js'

/** Reads every seed file and the catalogue first, so one bad file stops the seed before anything is written. */
export function seedDatabase(db: Db, seedDir: string): ImportSummary[] {
  const inputs = seedFiles(seedDir).map((file) => ({ plan: readPlanFile(file), sourceFile: file }))
  const catalogue = readSeedCatalogue(seedDir)
  const summaries = db.transaction((tx) => {
    const summaries = importPlans(tx as unknown as Db, inputs)
    if (catalogue) replaceCatalogue(tx as unknown as Db, catalogue)
    return summaries
  })
  refreshStatistics(db)
  return summaries
}
