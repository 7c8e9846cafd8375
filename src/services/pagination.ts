// Keyset (cursor) pagination shared by every list. A cursor holds the sort
// it was made for and the sort key of the last row served; the next page
// starts strictly after that key, so pages stay stable while rows are added.
import { type SQL, and, asc, desc, or, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { InvalidParameterError } from './errors.js'
import type { Binding } from './prepared.js'

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

function encodeCursor(sortName: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify({ s: sortName, k: values })).toString('base64url')
}

/** The sort key values a cursor holds, checked to be for this sort. */
export function decodeCursor(cursor: string, sortName: string, keyCount: number): (string | number)[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new InvalidParameterError('cursor', 'cursor is not a cursor this API issued; use page.nextCursor from a previous response')
  }
  const { s, k } = (parsed ?? {}) as { s?: unknown; k?: unknown }
  if (s !== sortName) throw new InvalidParameterError('cursor', `cursor was issued for another sort order ('${String(s)}'); keep the same sort while paging`)
  if (!Array.isArray(k) || k.length !== keyCount || !k.every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw new InvalidParameterError('cursor', 'cursor is not a cursor this API issued; use page.nextCursor from a previous response')
  }
  return k
}
