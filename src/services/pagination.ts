// Keyset (cursor) pagination shared by every list. A cursor holds the sort
// it was made for and the sort key of the last row served; the next page
// starts strictly after that key, so pages stay stable while rows are added.
// The transports bind each cursor they hand out to the query that made it
// (pageOfQuery), so a cursor reused with other filters is refused as such.
import { type SQL, and, asc, desc, or, sql } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Db } from '../db/connection.js'
import { digest } from './digest.js'
import { CursorMismatchError, InvalidParameterError } from './errors.js'
import { type Binding, LIMIT, preparedFor, rowidOf } from './prepared.js'

export interface SortKey {
  expr: SQL | SQLiteColumn
  dir: 'asc' | 'desc'
}

export interface PageRequest {
  limit: number
  cursor?: string
}

export interface Page<T> {
  data: T[]
  page: { limit: number; nextCursor: string | null; total: number }
}

/** Every page of a list, from the first, along its cursor. */
export function* pagesOf<T>(first: Page<T>, next: (cursor: string) => Page<T>): Generator<T[]> {
  let page = first
  yield page.data
  while (page.page.nextCursor !== null) {
    page = next(page.page.nextCursor)
    yield page.data
  }
}

/** Every row of a list, read `limit` rows at a time. */
export function allRows<T>(list: (request: PageRequest) => Page<T>, limit: number): T[] {
  return [...pagesOf(list({ limit }), (cursor) => list({ limit, cursor }))].flat()
}

export function orderByOf(keys: SortKey[]): SQL[] {
  return keys.map((k) => (k.dir === 'asc' ? asc(k.expr) : desc(k.expr)))
}

/**
 * The rows after the cursor's key: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …
 * With a binding, the key's values are parameters (after0, after1…) of a prepared statement.
 */
export function afterCursor(keys: SortKey[], sortName: string, cursor: string | undefined, binding?: Binding): SQL | undefined {
  if (cursor === undefined) return undefined
  const decoded = decodeCursor(cursor, sortName, keys.length)
  const values = binding ? decoded.map((value, i) => binding.value(`after${i}`, value)) : decoded
  const branches: SQL[] = []
  for (let i = 0; i < keys.length; i++) {
    const equalBefore = keys.slice(0, i).map((k, j) => sql`${k.expr} = ${values[j]}`)
    const beyond = keys[i].dir === 'asc' ? sql`${keys[i].expr} > ${values[i]}` : sql`${keys[i].expr} < ${values[i]}`
    branches.push(and(...equalBefore, beyond)!)
  }
  if (keys.length === 1) return branches[0]
  // The first key's bound, said alone too: the planner seeks to it along the sort's index,
  // where the OR alone may lead it to gather the branches from several indexes and sort them.
  const first = keys[0].dir === 'asc' ? sql`${keys[0].expr} >= ${values[0]}` : sql`${keys[0].expr} <= ${values[0]}`
  return and(first, or(...branches))
}

/** Cuts the `limit + 1` rows fetched into a page and makes the next cursor from the last row served. */
export function toPage<Row, T>(rows: Row[], request: PageRequest, sortName: string, keyOf: (row: Row) => unknown[], toEntity: (row: Row) => T, total: number): Page<T> {
  const served = rows.slice(0, request.limit)
  const more = rows.length > request.limit
  return {
    data: served.map(toEntity),
    page: {
      limit: request.limit,
      nextCursor: more ? encodeCursor(sortName, keyOf(served[served.length - 1])) : null,
      total,
    },
  }
}

/** A list's query as its service builds it: filters bound, sort keys, total counted. */
export interface ListQuery {
  /** The service's name for its statements (listInitiatives). */
  name: string
  table: SQLiteTable
  where: SQL | undefined
  keys: SortKey[]
  sortName: string
  binding: Binding
  total: number
}

/**
 * The same page as the service's full rows give, as each row's rowid: read from the sort's
 * index alone (the keys are in it, and every index holds the rowid), so no table row is
 * touched. The rows themselves are then looked up by rowid, most from a memo of their
 * answers (rest/list-route.ts). Rowids are stable while the data version is.
 */
export function rowidPage(db: Db, query: ListQuery, request: PageRequest): Page<number> {
  const { binding, keys, sortName } = query
  const after = afterCursor(keys, sortName, request.cursor, binding)
  const statement = preparedFor(db, `${query.name} rowids ${sortName} ${binding.key}`, () =>
    db
      .select({ rowid: rowidOf(query.table), ...Object.fromEntries(keys.map((key, i) => [`k${i}`, key.expr])) })
      .from(query.table)
      .where(and(query.where, after))
      .orderBy(...orderByOf(keys))
      .limit(LIMIT)
      .prepare(),
  )
  // Raw values: the keys as SQLite holds them, which is what cursors carry.
  const rows = statement.values({ ...binding.values, limit: request.limit + 1 }) as [number, ...(string | number)[]][]
  return toPage(rows, request, sortName, (row) => row.slice(1), (row) => row[0], query.total)
}

interface CursorFields {
  /** The sort. */
  s?: unknown
  /** The sort key of the last row served. */
  k?: unknown
  /** The query's fingerprint (queryFingerprint), once bound. */
  q?: unknown
}

const notOurs = () => new InvalidParameterError('cursor', 'cursor is not a cursor this API issued; use page.nextCursor from a previous response')

function encodeCursor(sortName: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify({ s: sortName, k: values })).toString('base64url')
}

function readCursor(cursor: string): CursorFields {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw notOurs()
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw notOurs()
  return parsed as CursorFields
}

/** Arguments that choose the page or the representation, not the rows: a cursor goes on across them. */
const NOT_BOUND = new Set(['limit', 'cursor', 'format', 'fields', 'facets'])

/**
 * A short hash of a list and the arguments that choose its rows (filters, sort), in a canonical
 * order. REST and GraphQL give the same for the same list and arguments.
 */
export function queryFingerprint(list: string, query: object): string {
  const chosen = Object.entries(query)
    .filter(([name, value]) => !NOT_BOUND.has(name) && value !== undefined && value !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return digest('sha256', JSON.stringify([list, chosen]), 'base64url').slice(0, 12)
}

/**
 * One page of a query whose cursors are bound to it: the cursor passed must carry the query's
 * fingerprint (else CursorMismatchError), and the next cursor gets it.
 */
export function pageOfQuery<T>(fingerprint: string, request: PageRequest, list: (request: PageRequest) => Page<T>): Page<T> {
  let cursor: string | undefined
  if (request.cursor !== undefined) {
    const { q, ...unbound } = readCursor(request.cursor)
    if (typeof q !== 'string') throw notOurs()
    if (q !== fingerprint) {
      throw new CursorMismatchError('cursor was issued for another query (another list, filters or sort); page with the query that returned it, or start again without a cursor')
    }
    cursor = Buffer.from(JSON.stringify(unbound)).toString('base64url')
  }
  const page = list({ ...request, cursor })
  const next = page.page.nextCursor
  if (next === null) return page
  const bound = Buffer.from(JSON.stringify({ ...readCursor(next), q: fingerprint })).toString('base64url')
  return { ...page, page: { ...page.page, nextCursor: bound } }
}

/** The sort key values a cursor holds, checked to be for this sort. */
export function decodeCursor(cursor: string, sortName: string, keyCount: number): (string | number)[] {
  const { s, k } = readCursor(cursor)
  // A forged cursor may hold anything: only a string is shown back.
  if (typeof s !== 'string') throw notOurs()
  if (s !== sortName) throw new InvalidParameterError('cursor', `cursor was issued for another sort order (${JSON.stringify(s.slice(0, 40))}); keep the same sort while paging`)
  if (!Array.isArray(k) || k.length !== keyCount || !k.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) throw notOurs()
  return k
}
