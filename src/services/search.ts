// Japanese full-text search over every text of every plan (search_entries,
// filled by the importer). Hits are ranked by BM25, a title match weighing
// five times a body match, and paged by keyset on (rank, row).
import { sql } from 'drizzle-orm'
import { LRUCache } from 'lru-cache'
import type { Db } from '../db/connection.js'
import type { Completeness, OrganizationYearFilter } from './entities.js'
import { escapeHtml } from '../formats/html.js'
import { normalizeWithMap } from '../plans/text.js'
import { SEARCH_KINDS, type SearchKind, matchExpression, searchRuns } from '../db/search-grams.js'
import { InvalidParameterError } from './errors.js'
import { type Ordering, keptPages, newOrderingId } from './kept-pages.js'
import { memoByDataVersion } from './memo.js'
import { type Page, type PageRequest, decodeCursor, toPage } from './pagination.js'
import { preparedFor } from './prepared.js'
import type { SortOf } from './arguments.js'
import { type FacetValue, type Facets, facetsCounted, facetValues, fiscalYearLabel } from './facets.js'
import { type Entries, type EntryPlace, filtered, filters, includes, matchingEntries } from './search-hits.js'
import { memoryOrders, pageOfSorted, sortedBy } from './sorts.js'

export { SEARCH_KINDS, type SearchKind }

export interface SearchFilter extends OrganizationYearFilter {
  q: string
  kind?: SearchKind
  plan?: string
}

export interface SearchHit {
  kind: SearchKind
  id: string
  planId: string
  /** The completeness of the hit's plan: an excerpt may hold more than was read. */
  planCompleteness: Completeness
  title: string | null
  /** HTML: the text around the first match, escaped, with the match in <mark>. */
  snippet: string
}

interface HitRow {
  row: number
  kind: SearchKind
  id: string
  planId: string
  planCompleteness: Completeness
  title: string | null
  body: string
  score: number
}

/** Every hit of a query, best first: [rowid, score] pairs, kept until the data changes. */
const rankingOf = memoByDataVersion<Ordering & { rows: Float64Array; scores: Float64Array }>(64)

export type SearchSort = SortOf<'search'>
/** A hit's place in the plans: the other sorts than rank order by it, in memory, as ranking does. */
interface HitPlace {
  row: number
  planId: string
  fiscalYear: number
}
const PLACE_ORDERS = memoryOrders<HitPlace, 'plan' | 'fiscalYear'>({
  // Row ids follow each plan's text in document order.
  plan: { dirs: ['asc', 'asc'], keyOf: (h) => [h.planId, h.row] },
  fiscalYear: { dirs: ['asc', 'asc', 'asc'], keyOf: (h) => [h.fiscalYear, h.planId, h.row] },
})
const orderedPlaces = memoByDataVersion<Ordering & { places: HitPlace[] }>(64)

/** What a query asks for: its FTS5 MATCH expression, and the runs its snippets mark (the match is made of them). */
interface ParsedQuery {
  match: string
  runs: string[]
}

/** Queries parsed, by their text: parsing depends on the text alone, and normalizing it costs more than a page cut. */
const parsedQueries = new LRUCache<string, ParsedQuery>({ max: 1024 })

function parseQuery(q: string): ParsedQuery {
  let parsed = parsedQueries.get(q)
  if (parsed === undefined) {
    const match = matchExpression(q)
    if (match === undefined) throw new InvalidParameterError('q', 'q has no letters or digits to search for')
    parsed = { match, runs: searchRuns(q).map((chars) => chars.join('')) }
    parsedQueries.set(q, parsed)
  }
  return parsed
}

/** What identifies a search's hits: the match and the filters. */
const searchKey = (match: string, filter: SearchFilter) => JSON.stringify([match, filter.kind, filter.plan, filter.organization, filter.fiscalYear, filter.fiscalYearFrom, filter.fiscalYearTo])

/**
 * Pages of hits, looked up and snippeted once per ordering (a ranking or an order of places).
 * The match is made of the query's runs, so an ordering tells the snippets too.
 */
const hitPage = keptPages<SearchHit>(16 * 1024 * 1024, (hit) => 128 + 2 * (hit.id.length + hit.planId.length + (hit.title?.length ?? 0) + hit.snippet.length))

export function search(db: Db, filter: SearchFilter, request: PageRequest, sort: SearchSort = 'rank'): Page<SearchHit> {
  const { match, runs } = parseQuery(filter.q)
  const key = searchKey(match, filter)
  if (sort !== 'rank') {
    // Every hit's place, ordered once per query, sort and data version; pages are cut from it.
    const order = PLACE_ORDERS[sort]
    const ordered = orderedPlaces(db, `${sort} ${key}`, () => {
      const hits = hitEntries(db, match, filter)
      const places = Array.from(hits.rows, (row, i): HitPlace => {
        const { planId, fiscalYear } = hits.placeList[hits.places[i]]
        return { row, planId, fiscalYear: fiscalYear as number }
      })
      return { orderingId: newOrderingId(), places: sortedBy(places, order) }
    })
    return hitPage(ordered, sort, request, () => {
      const page = pageOfSorted(ordered.places, request, sort, order, (place) => place.row)
      return { ...page, data: hitsOf(db, page.data, () => 0).map((hit) => toHit(hit, runs)) }
    })
  }

  // Ranking scores every hit, whichever page is asked: it is done once per match and
  // data version, on row ids and scores alone (BM25 reads the index, not the entries'
  // rows); a filtered search keeps the match's ranking of its hits. Pages are cut from it.
  const ranking = rankingOf(db, key, () => {
    const ranked = rankingOf(db, searchKey(match, { q: filter.q }), () => {
      const rows = rankStatement(db).all(match)
      return { orderingId: newOrderingId(), rows: Float64Array.from(rows, (r) => r[0]), scores: Float64Array.from(rows, (r) => r[1]) }
    })
    if (!filters(filter)) return ranked
    const hits = hitEntries(db, match, filter)
    const kept: number[] = []
    for (let i = 0; i < ranked.rows.length; i++) if (includes(hits, ranked.rows[i])) kept.push(i)
    return { orderingId: newOrderingId(), rows: Float64Array.from(kept, (i) => ranked.rows[i]), scores: Float64Array.from(kept, (i) => ranked.scores[i]) }
  })
  return hitPage(ranking, 'rank', request, () => {
    const start = request.cursor === undefined ? 0 : firstAfter(ranking, decodeCursor(request.cursor, 'rank', 2) as [number, number])
    const pageRows = Array.from(ranking.rows.subarray(start, start + request.limit + 1))
    const rows = hitsOf(db, pageRows, (i) => ranking.scores[start + i])
    return toPage(rows, request, 'rank', (r) => [r.score, r.row], (r) => toHit(r, runs), ranking.rows.length)
  })
}

/** Every match of an expression by BM25 (a title match weighing five times a body match), best first: prepared once per connection. */
const rankStatement = (db: Db) =>
  preparedFor(db, 'searchRanking', () =>
    db.$client.prepare<[string], [row: number, score: number]>('select rowid as row, bm25(search_entries, 5.0, 1.0) as score from search_entries where search_entries match ? order by score, row').raw(),
  )

/** The hits of a search (its match and filters): the entries' row ids and attributes, kept per data version. */
const filteredEntries = memoByDataVersion<Entries>(64)

function hitEntries(db: Db, match: string, filter: SearchFilter): Entries {
  if (!filters(filter)) return matchingEntries(db, match)
  return filteredEntries(db, searchKey(match, filter), () => filtered(matchingEntries(db, match), filter))
}

/** The texts of hits by row id, in the order given, each with its score (`scoreOf` its index). */
function hitsOf(db: Db, pageRows: number[], scoreOf: (index: number) => number): HitRow[] {
  const texts = new Map(hitTexts(db).all({ ids: JSON.stringify(pageRows) }).map((r) => [r.row, r]))
  return pageRows.map((row, i) => ({ ...texts.get(row)!, score: scoreOf(i) }))
}

/** Hits counted by kind, organization, fiscal year or their plan's completeness, over every hit: every facet asked from one pass over the hits. */
export function searchFacets(db: Db, filter: SearchFilter, names: readonly string[]): Facets {
  const { match } = parseQuery(filter.q)
  return facetsCounted(db, 'search', { key: searchKey(match, filter) }, names, (missing) => countFacets(db, hitEntries(db, match, filter), missing))
}

/** The facets named, counted over the entries: per kind and per place first, then by each dimension. */
function countFacets(db: Db, hits: Entries, names: readonly string[]): Map<string, FacetValue[]> {
  const perKind = new Uint32Array(hits.kindNames.length)
  const perPlace = new Uint32Array(hits.placeList.length)
  for (let i = 0; i < hits.rows.length; i++) {
    perKind[hits.kinds[i]]++
    perPlace[hits.places[i]]++
  }
  const facts = planFacts(db)
  const byPlace = <V extends string | number | null>(valueOf: (place: EntryPlace) => V) => {
    const counts = new Map<V, number>()
    for (let p = 0; p < perPlace.length; p++) {
      if (perPlace[p] === 0) continue
      const value = valueOf(hits.placeList[p])
      counts.set(value, (counts.get(value) ?? 0) + perPlace[p])
    }
    return counts
  }
  const facets = new Map<string, FacetValue[]>()
  for (const name of names) {
    if (name === 'kind') facets.set(name, facetValues(new Map(hits.kindNames.flatMap((kind, k) => (perKind[k] > 0 ? [[kind, perKind[k]]] : [])))))
    else if (name === 'organization') facets.set(name, facetValues(byPlace((place) => place.organizationId), (id) => (id === null ? null : (facts.organizationNames.get(id) ?? null))))
    else if (name === 'fiscalYear') facets.set(name, facetValues(byPlace((place) => place.fiscalYear), (year) => (year === null ? null : (facts.fiscalYearLabels.get(year) ?? null))))
    else if (name === 'completeness') facets.set(name, facetValues(byPlace((place) => facts.completeness.get(place.planId) ?? null)))
  }
  return facets
}

/** What facets read of the plans (few rows, not one per hit): names, year labels and completeness, per data version. */
const plansFacts = memoByDataVersion<{ organizationNames: Map<string, string | null>; fiscalYearLabels: Map<number, string | null>; completeness: Map<string, Completeness> }>(1)

const planFacts = (db: Db) =>
  plansFacts(db, 'facts', () => ({
    organizationNames: new Map(db.all<{ id: string; name: string | null }>(sql`select id, name from organizations`).map((o) => [o.id, o.name])),
    fiscalYearLabels: new Map(
      db.all<{ year: number; label: string | null }>(sql`select years.fiscal_year as year, ${fiscalYearLabel(sql`years.fiscal_year`)} as label from (select distinct fiscal_year from plans) years`).map((y) => [y.year, y.label]),
    ),
    completeness: new Map(db.all<{ id: string; completeness: Completeness }>(sql`select id, completeness from plans`).map((p) => [p.id, p.completeness])),
  }))

/** A page's hits by their rowids (FTS5 looks each up): prepared once per connection. */
const hitTexts = (db: Db) =>
  preparedFor(db, 'searchHitTexts', () =>
    db.$client.prepare<{ ids: string }, Omit<HitRow, 'score'>>(
      `select rowid as row, kind, entity_id as id, plan_id as planId, (select completeness from plans where plans.id = plan_id) as planCompleteness, title, body
        from search_entries where rowid in (select value from json_each(:ids))`,
    ),
  )

/** The index of the first hit ranked after (score, row): binary search over the ranking's order. */
function firstAfter(ranking: { rows: Float64Array; scores: Float64Array }, [score, row]: [number, number]): number {
  let lo = 0
  let hi = ranking.rows.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const before = ranking.scores[mid] < score || (ranking.scores[mid] === score && ranking.rows[mid] <= row)
    if (before) lo = mid + 1
    else hi = mid
  }
  return lo
}

function toHit(row: HitRow, runs: string[]): SearchHit {
  const inTitle = row.title !== null && firstMatch(row.title, runs) !== undefined
  return { kind: row.kind, id: row.id, planId: row.planId, planCompleteness: row.planCompleteness, title: row.title, snippet: snippet(inTitle || row.body === '' ? (row.title ?? '') : row.body, runs) }
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
  const { norm: folded, map: origin } = normalizeWithMap(text, (ch) => ch.normalize('NFKC').toLowerCase())
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
