// Japanese full-text search over every text of every plan (search_entries,
// filled by the importer). Hits are ranked by BM25, a title match weighing
// five times a body match, and paged by keyset on (rank, row).
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { SEARCH_KINDS, type SearchKind, matchExpression, searchRuns } from '../db/search-grams.js'
import { InvalidParameterError } from './errors.js'
import type { Page, PageRequest } from './pagination.js'
import { afterCursor, toPage } from './pagination.js'

export { SEARCH_KINDS, type SearchKind }

export interface SearchFilter {
  q: string
  kind?: SearchKind
  plan?: string
  organization?: string
  fiscalYear?: number
}

export interface SearchHit {
  kind: SearchKind
  id: string
  planId: string
  title: string | null
  /** HTML: the text around the first match, escaped, with the match in <mark>. */
  snippet: string
}

interface HitRow {
  row: number
  kind: SearchKind
  id: string
  planId: string
  title: string | null
  body: string
  score: number
}

const keys = [
  { expr: sql.raw('score'), dir: 'asc' as const },
  { expr: sql.raw('row'), dir: 'asc' as const },
]

export function search(db: Db, filter: SearchFilter, request: PageRequest): Page<SearchHit> {
  const match = matchExpression(filter.q)
  if (match === undefined) throw new InvalidParameterError('q', 'q has no letters or digits to search for')
  const conditions: SQL[] = [sql`search_entries match ${match}`]
  if (filter.kind !== undefined) conditions.push(sql`kind = ${filter.kind}`)
  if (filter.plan !== undefined) conditions.push(sql`plan_id = ${filter.plan}`)
  if (filter.organization !== undefined) conditions.push(sql`organization_id = ${filter.organization}`)
  if (filter.fiscalYear !== undefined) conditions.push(sql`fiscal_year = ${filter.fiscalYear}`)
  const where = sql.join(conditions, sql` and `)

  // Rank on row ids and scores alone; only the page's rows read their texts.
  const ranked = sql`select rowid as row, bm25(search_entries, 5.0, 1.0) as score from search_entries where ${where}`
  const after = afterCursor(keys, 'rank', request.cursor)
  const page = db.all<{ row: number; score: number }>(sql`select * from (${ranked}) ${after ? sql`where ${after}` : sql``} order by score, row limit ${request.limit + 1}`)
  const texts = new Map(
    db
      .all<Omit<HitRow, 'score'>>(
        sql`select rowid as row, kind, entity_id as id, plan_id as planId, title, body from search_entries where rowid in (select value from json_each(${JSON.stringify(page.map((p) => p.row))}))`,
      )
      .map((r) => [r.row, r]),
  )
  const rows: HitRow[] = page.map((p) => ({ ...texts.get(p.row)!, score: p.score }))
  const total = db.get<{ n: number }>(sql`select count(*) as n from search_entries where ${where}`)!.n
  const runs = searchRuns(filter.q).map((chars) => chars.join(''))
  return toPage(rows, request, 'rank', (r) => [r.score, r.row], (r) => toHit(r, runs), total)
}

function toHit(row: HitRow, runs: string[]): SearchHit {
  const inTitle = row.title !== null && firstMatch(row.title, runs) !== undefined
  return { kind: row.kind, id: row.id, planId: row.planId, title: row.title, snippet: snippet(inTitle || row.body === '' ? (row.title ?? '') : row.body, runs) }
}

const CONTEXT = 40

/** The published text around the first match, HTML-escaped, with the match marked. */
export function snippet(text: string, runs: string[]): string {
  const found = firstMatch(text, runs)
  if (!found) return escapeHtml(text.length > 2 * CONTEXT ? `${text.slice(0, 2 * CONTEXT)}…` : text)
  const from = Math.max(0, found.start - CONTEXT)
  const to = Math.min(text.length, found.end + CONTEXT)
  return (
    (from > 0 ? '…' : '') +
    escapeHtml(text.slice(from, found.start)) +
    `<mark>${escapeHtml(text.slice(found.start, found.end))}</mark>` +
    escapeHtml(text.slice(found.end, to)) +
    (to < text.length ? '…' : '')
  )
}

/** Where in the published text the earliest run matches, comparing NFKC lower-case forms. */
function firstMatch(text: string, runs: string[]): { start: number; end: number } | undefined {
  let folded = ''
  const origin: number[] = []
  let i = 0
  for (const ch of text) {
    const f = ch.normalize('NFKC').toLowerCase()
    for (let k = 0; k < f.length; k++) origin.push(i)
    folded += f
    i += ch.length
  }
  origin.push(text.length)
  let best: { start: number; end: number } | undefined
  for (const run of runs) {
    const at = folded.indexOf(run)
    if (at >= 0 && (!best || origin[at] < best.start)) {
      // The end maps to the first published character after the match.
      const endIndex = at + run.length
      let end = origin[endIndex]
      while (endIndex > 0 && end <= origin[endIndex - 1]) end = origin[endIndex - 1] + 1
      best = { start: origin[at], end }
    }
  }
  return best
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}
