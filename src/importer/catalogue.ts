// The catalogue: seed/catalogue.csv lists the plan pages known to be
// published (slug, fiscalYear, isDraft, url), most of whose texts are not at
// hand. Loaded into catalogue_entries, it says which plans exist beyond those
// loaded. Entries are replaced whole, in one transaction.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Db } from '../db/connection.js'
import { noteWrite } from '../db/data-version.js'
import { catalogueEntries } from '../db/schema.js'
import { organizationOfPage } from '../plans/organizations.js'

export const CATALOGUE_FILE = 'catalogue.csv'

export type CatalogueRow = typeof catalogueEntries.$inferInsert

/** A catalogue that cannot be read: names the file and the line at fault. */
export class CatalogueError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`)
    this.name = 'CatalogueError'
  }
}

const COLUMNS = ['slug', 'fiscalYear', 'isDraft', 'url'] as const

/** Reads and checks a catalogue CSV (a header row naming the columns, then one page per row). */
export function readCatalogue(file: string): CatalogueRow[] {
  let records: { record: Record<(typeof COLUMNS)[number], string>; info: { lines: number } }[]
  try {
    records = parse(readFileSync(file), { bom: true, columns: true, skip_empty_lines: true, trim: true, info: true })
  } catch (error) {
    throw new CatalogueError(file, (error as { lines?: number }).lines ?? 0, error instanceof Error ? error.message : String(error))
  }
  const seen = new Set<string>()
  return records.map(({ record, info }) => {
    const fault = (problem: string) => new CatalogueError(file, info.lines, problem)
    for (const column of COLUMNS) if (!record[column]) throw fault(`no ${column}`)
    const fiscalYear = Number(record.fiscalYear)
    if (!Number.isInteger(fiscalYear) || fiscalYear < 1989 || fiscalYear > 2100) throw fault(`fiscalYear '${record.fiscalYear}' is not a year`)
    if (record.isDraft !== 'true' && record.isDraft !== 'false') throw fault(`isDraft '${record.isDraft}' is neither true nor false`)
    if (!/^https?:\/\/[^\s/]+\//.test(record.url)) throw fault(`url '${record.url}' is not an http(s) address`)
    if (seen.has(record.url)) throw fault(`url ${record.url} is listed twice`)
    seen.add(record.url)
    const isDraft = record.isDraft === 'true'
    const organization = organizationOfPage(record.slug, record.url)
    return {
      url: record.url,
      slug: record.slug,
      organizationId: organization.id,
      organizationName: organization.name,
      city: organization.city,
      fiscalYear,
      isDraft,
      planId: `${organization.id}-${fiscalYear}${isDraft ? '-draft' : ''}`,
    }
  })
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
  return existsSync(file) ? readCatalogue(file) : undefined
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
