// The catalogue: seed/catalogue.csv lists the plan pages known to be
// published (slug, fiscalYear, isDraft, url), most of whose texts are not at
// hand. Loaded into catalogue_entries, it says which plans exist beyond those
// loaded. Entries are replaced whole, in one transaction.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../db/connection.js'
import { noteWrite } from '../db/data-version.js'
import { catalogueEntries } from '../db/schema.js'
import { organizationOfPage } from '../plans/organizations.js'
import { type CatalogueEntry, planIdOf, readCatalogue } from '../sources/catalogue.js'

export const CATALOGUE_FILE = 'catalogue.csv'

export type CatalogueRow = typeof catalogueEntries.$inferInsert

/** A catalogue entry as stored: with its organization and the id its plan gets. */
export function catalogueRow(entry: CatalogueEntry): CatalogueRow {
  const organization = organizationOfPage(entry.slug, entry.url)
  return {
    url: entry.url,
    slug: entry.slug,
    organizationId: organization.id,
    organizationName: organization.name,
    city: organization.city,
    fiscalYear: entry.fiscalYear,
    isDraft: entry.isDraft,
    planId: planIdOf(entry),
  }
}

/** Replaces the catalogue with these entries, in one transaction. */
export function replaceCatalogue(db: Db, rows: CatalogueRow[]): void {
  try {
    db.transaction((tx) => {
      tx.delete(catalogueEntries).run()
      // Under SQLite's limit of variables per statement.
      for (let i = 0; i < rows.length; i += 100) tx.insert(catalogueEntries).values(rows.slice(i, i + 100)).run()
    })
  } finally {
    noteWrite()
  }
}

/** The entries of seedDir/catalogue.csv; undefined when there is no such file. */
export function readSeedCatalogue(seedDir: string): CatalogueRow[] | undefined {
  const file = join(seedDir, CATALOGUE_FILE)
  return existsSync(file) ? readCatalogue(file).map(catalogueRow) : undefined
}

/** Loads seedDir/catalogue.csv when there is one; answers the number of entries, or undefined without a file. */
export function loadCatalogue(db: Db, seedDir: string): number | undefined {
  const rows = readSeedCatalogue(seedDir)
  if (rows) replaceCatalogue(db, rows)
  return rows?.length
}

export function catalogueIsEmpty(db: Db): boolean {
  return db.select({ url: catalogueEntries.url }).from(catalogueEntries).limit(1).all().length === 0
}
