// The catalogue of known plan pages: a CSV with a header row
// slug,fiscalYear,isDraft,url (one row per page the city publishes). The one
// reader of it, for npm run sync and for the seed (importer/catalogue.ts).
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { organizationOfPage } from '../plans/organizations.js'

export interface CatalogueEntry {
  /** The catalogue's name for the organization (asahi, shiminkyoku, sakai-nishi); its plans' ids follow the page's address where that tells (see planIdOf). */
  slug: string
  fiscalYear: number
  isDraft: boolean
  url: string
  /** The line of the CSV file, for messages. */
  line: number
}

export class CatalogueError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`)
    this.name = 'CatalogueError'
  }
}

const COLUMNS = ['slug', 'fiscalYear', 'isDraft', 'url'] as const

/** The plan id a catalogue entry's page gives (`-draft` for 案/素案): its organization's by the parser's rule (organizationOfPage). */
export function planIdOf(entry: Pick<CatalogueEntry, 'slug' | 'url' | 'fiscalYear' | 'isDraft'>): string {
  return `${organizationOfPage(entry.slug, entry.url).id}-${entry.fiscalYear}${entry.isDraft ? '-draft' : ''}`
}

/** Reads and checks the catalogue at `file`; a bad row throws naming its line. */
export function readCatalogue(file: string): CatalogueEntry[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new CatalogueError(file, 0, `cannot read the catalogue (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
  let rows: { record: Record<string, string>; info: { lines: number } }[]
  try {
    rows = parse(text, { bom: true, columns: true, skip_empty_lines: true, trim: true, info: true })
  } catch (error) {
    const e = error as { lines?: number; message: string }
    throw new CatalogueError(file, e.lines ?? 0, e.message)
  }
  const header = Object.keys(rows[0]?.record ?? {})
  const missing = COLUMNS.filter((c) => !header.includes(c))
  if (missing.length > 0) throw new CatalogueError(file, 1, `missing column(s) ${missing.join(', ')}; expected a header ${COLUMNS.join(',')}`)
  const lineOfUrl = new Map<string, number>()
  return rows.map(({ record, info }) => {
    const entry = toEntry(record, info.lines, file)
    const earlier = lineOfUrl.get(entry.url)
    if (earlier !== undefined) throw new CatalogueError(file, info.lines, `url ${entry.url} is listed twice (first on line ${earlier})`)
    lineOfUrl.set(entry.url, info.lines)
    return entry
  })
}

function toEntry(record: Record<string, string>, line: number, file: string): CatalogueEntry {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(record.slug)) throw new CatalogueError(file, line, `slug '${record.slug}' is not an organization id (a-z, 0-9, -)`)
  if (!/^\d{4}$/.test(record.fiscalYear) || Number(record.fiscalYear) < 1989 || Number(record.fiscalYear) > 2100) throw new CatalogueError(file, line, `fiscalYear '${record.fiscalYear}' is not a year`)
  if (record.isDraft !== 'true' && record.isDraft !== 'false') throw new CatalogueError(file, line, `isDraft '${record.isDraft}' is neither true nor false`)
  let url: URL
  try {
    url = new URL(record.url)
  } catch {
    throw new CatalogueError(file, line, `url '${record.url}' is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CatalogueError(file, line, `url '${record.url}' is not http(s)`)
  return { slug: record.slug, fiscalYear: Number(record.fiscalYear), isDraft: record.isDraft === 'true', url: record.url, line }
}
