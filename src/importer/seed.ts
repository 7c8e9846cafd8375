// Loading seed/: every plan text and the catalogue of known plan pages, in one transaction.
import type { Db } from '../db/connection.js'
import { refreshStatistics } from '../db/statistics.js'
import { type CatalogueRow, readSeedCatalogue, replaceCatalogue } from './catalogue.js'
import { type ImportInput, type ImportSummary, importPlans } from './import-plans.js'
import { readPlanFile, seedFiles } from './read-plan-file.js'

/** Reads every seed file and the catalogue first, so one bad file stops the seed before anything is written. */
export function seedDatabase(db: Db, seedDir: string): ImportSummary[] {
  const inputs = seedFiles(seedDir).map((file) => ({ plan: readPlanFile(file), sourceFile: file }))
  return importWithCatalogue(db, inputs, readSeedCatalogue(seedDir))
}

/**
 * Imports plans and, when given, replaces the catalogue, in one transaction (the server's seed
 * and the CLI's), then refreshes the planner's statistics, which cannot run inside it.
 */
export function importWithCatalogue(db: Db, inputs: ImportInput[], catalogue?: CatalogueRow[]): ImportSummary[] {
  const summaries = db.transaction((tx) => {
    const summaries = importPlans(tx as unknown as Db, inputs)
    if (catalogue) replaceCatalogue(tx as unknown as Db, catalogue)
    return summaries
  })
  refreshStatistics(db)
  return summaries
}
