// The hits of a search as row ids with what the filters, sorts and facets read of
// them (each entry's kind, plan, organization and fiscal year), kept per query
// and data version, so a request reads the full-text index once for all of
// them and no entry's stored text beyond its page.
//
// The index's UNINDEXED columns (kind, plan_id …) sit in each entry's row of
// the FTS5 content table, beside its title, body and their grams: reading them
// for a hit is a lookup of its whole row, about 2.3 µs (1000 plans, 2 cores),
// where the match's row ids alone come from the index's doclists (0.1–0.3 µs
// a hit). So a query matching at least half of the entries (a common
// character) has every entry's attributes read in one pass (about 2 µs an
// entry, little more than its own hits' lookups) and kept for the data
// version, for every later query; a query matching fewer looks up its own
// hits' rows. Filters are checked in memory, on the row ids.
import type { Db } from '../db/connection.js'
import { dataVersion } from '../db/data-version.js'
import { keptPerVersion, memoByDataVersion } from './memo.js'
import { preparedFor } from './prepared.js'
import { organizationIds } from './scope.js'
import type { SearchFilter } from './search.js'

/** Where an entry belongs: its plan, and the plan's organization and year as the entry records them. */
export interface EntryPlace {
  planId: string
  organizationId: string | null
  fiscalYear: number | null
}

/** Entries by row id, ascending, each with its kind and place (indexes into `kindNames` and `placeList`). */
export interface Entries {
  rows: Float64Array
  kinds: Uint8Array
  places: Uint32Array
  kindNames: string[]
  placeList: EntryPlace[]
}

/**
 * A query matching at least this share of the entries (by the highest row id) has every
 * entry's attributes read (and kept), rather than its own hits' rows looked up one by one:
 * either way a request reads at most about every entry's row once.
 */
export const ALL_ENTRIES_FROM = { share: 1 / 2 }

type Row = [row: number, kind: string, planId: string, organizationId: string | null, fiscalYear: number | null]

/** Entries from rows in ascending row id order, their kinds and places interned. */
function entriesOf(rows: Iterable<Row>): Entries {
  const ids: number[] = []
  const kinds: number[] = []
  const places: number[] = []
  const kindNames: string[] = []
  const placeList: EntryPlace[] = []
  const kindIndex = new Map<string, number>()
  const placeIndex = new Map<string, number>()
  let lastPlace = -1
  for (const [row, kind, planId, organizationId, fiscalYear] of rows) {
    let k = kindIndex.get(kind)
    if (k === undefined) {
      k = kindNames.push(kind) - 1
      kindIndex.set(kind, k)
    }
    // A plan's entries are written together: the place is mostly the last one's.
    const last = placeList[lastPlace]
    if (last === undefined || last.planId !== planId || last.organizationId !== organizationId || last.fiscalYear !== fiscalYear) {
      const placeKey = JSON.stringify([planId, organizationId, fiscalYear])
      let p = placeIndex.get(placeKey)
      if (p === undefined) {
        p = placeList.push({ planId, organizationId, fiscalYear }) - 1
        placeIndex.set(placeKey, p)
      }
      lastPlace = p
    }
    ids.push(row)
    kinds.push(k)
    places.push(lastPlace)
  }
  if (kindNames.length > 256) throw new Error('search entries of more than 256 kinds')
  return { rows: Float64Array.from(ids), kinds: Uint8Array.from(kinds), places: Uint32Array.from(places), kindNames, placeList }
}

const ATTRIBUTES = 'rowid, kind, plan_id, organization_id, fiscal_year'

/** The statements, prepared once per connection. */
const statements = (db: Db) =>
  preparedFor(db, 'searchEntries', () => ({
    every: db.$client.prepare<[], Row>(`select ${ATTRIBUTES} from search_entries order by rowid`).raw(),
    matching: db.$client.prepare<[string], number>('select rowid from search_entries where search_entries match ? order by rowid').pluck(),
    byRowid: db.$client.prepare<[string], Row>(`select ${ATTRIBUTES} from search_entries where rowid in (select value from json_each(?)) order by rowid`).raw(),
    highest: db.$client.prepare<[], number | null>('select max(rowid) from search_entries').pluck(),
  }))

/** Every entry's attributes, read in one pass per data version (one connection's at a time: a few MB at 100,000 entries). */
const allEntries = keptPerVersion<Entries>(1)

function everyEntry(db: Db, version: number): Entries {
  let entries = allEntries.get(db, version, 'all')
  if (entries === undefined) {
    entries = entriesOf(statements(db).every.iterate())
    allEntries.set(db, version, 'all', entries)
  }
  return entries
}

/** The entries of `rows` (ascending), taken from every entry's. */
function subsetOf(all: Entries, rows: readonly number[]): Entries {
  const kinds = new Uint8Array(rows.length)
  const places = new Uint32Array(rows.length)
  const found: number[] = []
  let lo = 0
  for (const row of rows) {
    // Binary search from the last row found: both lists ascend.
    let hi = all.rows.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (all.rows[mid] < row) lo = mid + 1
      else hi = mid
    }
    if (lo < all.rows.length && all.rows[lo] === row) {
      kinds[found.length] = all.kinds[lo]
      places[found.length] = all.places[lo]
      found.push(row)
    }
  }
  return { rows: Float64Array.from(found), kinds: kinds.subarray(0, found.length), places: places.subarray(0, found.length), kindNames: all.kindNames, placeList: all.placeList }
}

/** The entries matching a MATCH expression, whatever the filters: kept per data version. */
const matched = memoByDataVersion<Entries>(64)

export function matchingEntries(db: Db, match: string): Entries {
  return matched(db, match, () => {
    const version = dataVersion(db)
    const rows = statements(db).matching.all(match)
    const kept = allEntries.get(db, version, 'all')
    if (kept !== undefined) return subsetOf(kept, rows)
    const highest = statements(db).highest.get() ?? 0
    if (rows.length >= highest * ALL_ENTRIES_FROM.share) return subsetOf(everyEntry(db, version), rows)
    // Few hits: their own rows, each looked up by its row id (not by the match again: a match of
    // sixteen common characters is sixteen prefix scans).
    return entriesOf(statements(db).byRowid.iterate(JSON.stringify(rows)))
  })
}

/** Whether the filter leaves any entry out (`plan`, `kind`, `organization`, fiscal years). */
export const filters = (filter: SearchFilter): boolean =>
  filter.kind !== undefined || filter.plan !== undefined || filter.organization !== undefined || filter.fiscalYear !== undefined || filter.fiscalYearFrom !== undefined || filter.fiscalYearTo !== undefined

/**
 * The entries passing the filter, as the SQL conditions would have them (scope.ts
 * organizationYearConditions; a NULL compares as false).
 */
export function filtered(entries: Entries, filter: SearchFilter): Entries {
  if (!filters(filter)) return entries
  const organizations = filter.organization === undefined ? undefined : new Set(organizationIds(filter.organization))
  const year = (value: number | null, test: (year: number) => boolean) => value !== null && test(value)
  const placeKept = entries.placeList.map(
    (place) =>
      (filter.plan === undefined || place.planId === filter.plan) &&
      (organizations === undefined || (place.organizationId !== null && organizations.has(place.organizationId))) &&
      (filter.fiscalYear === undefined || year(place.fiscalYear, (y) => y === filter.fiscalYear)) &&
      (filter.fiscalYearFrom === undefined || year(place.fiscalYear, (y) => y >= filter.fiscalYearFrom!)) &&
      (filter.fiscalYearTo === undefined || year(place.fiscalYear, (y) => y <= filter.fiscalYearTo!)),
  )
  const kindKept = entries.kindNames.map((kind) => filter.kind === undefined || kind === filter.kind)
  const kept: number[] = []
  for (let i = 0; i < entries.rows.length; i++) if (placeKept[entries.places[i]] && kindKept[entries.kinds[i]]) kept.push(i)
  return {
    rows: Float64Array.from(kept, (i) => entries.rows[i]),
    kinds: Uint8Array.from(kept, (i) => entries.kinds[i]),
    places: Uint32Array.from(kept, (i) => entries.places[i]),
    kindNames: entries.kindNames,
    placeList: entries.placeList,
  }
}

/** Whether `row` is one of the entries: binary search over their ascending row ids. */
export function includes(entries: Entries, row: number): boolean {
  let lo = 0
  let hi = entries.rows.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (entries.rows[mid] < row) lo = mid + 1
    else hi = mid
  }
  return lo < entries.rows.length && entries.rows[lo] === row
}
