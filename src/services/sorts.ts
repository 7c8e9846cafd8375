// The sorts of a list as keyset orders: each sort's keys end with the row's
// identity, so the order is total (stable pages, a cursor after any row), and
// -field is the exact reverse of field (every key flipped), so it walks the
// same index backwards. A list may define a reverse of its own (initiatives'
// -budget keeps unbudgeted rows last and the plan's order within an amount).
import { type Page, type PageRequest, type SortKey, decodeCursor, toPage } from './pagination.js'

export interface SortOrder<Row> {
  keys: SortKey[]
  /** The values of the keys of a row, for its cursor. */
  keyOf: (row: Row) => (string | number)[]
}

type Reversed<Name extends string> = `-${Name}`

/** Each ascending sort and its reverse, unless `own` defines that reverse. */
export function sortOrders<Row, Name extends string>(
  ascending: Record<Name, SortOrder<Row>>,
  own: Partial<Record<Reversed<Name>, SortOrder<Row>>> = {},
): Record<Name | Reversed<Name>, SortOrder<Row>> {
  const orders = { ...ascending } as Record<Name | Reversed<Name>, SortOrder<Row>>
  for (const [name, order] of Object.entries(ascending) as [Name, SortOrder<Row>][]) {
    orders[`-${name}`] = own[`-${name}`] ?? { keys: order.keys.map((k) => ({ ...k, dir: k.dir === 'asc' ? 'desc' : 'asc' })), keyOf: order.keyOf }
  }
  return orders
}

/**
 * For orders kept in memory (search hits, budget groups): compares two rows' key
 * values in the sort's directions. Values are numbers or strings, as in cursors.
 */
export function compareKeys(dirs: readonly ('asc' | 'desc')[], a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < dirs.length; i++) {
    if (a[i] === b[i]) continue
    const less = a[i] < b[i]
    return (less ? -1 : 1) * (dirs[i] === 'asc' ? 1 : -1)
  }
  return 0
}

/** The index of the first of `rows` (in the sort's order) strictly after the cursor's key: binary search. */
export function firstAfter<Row>(rows: readonly Row[], keyOf: (row: Row) => (string | number)[], dirs: readonly ('asc' | 'desc')[], after: readonly (string | number)[]): number {
  let lo = 0
  let hi = rows.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareKeys(dirs, keyOf(rows[mid]), after) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** An order kept in memory: the directions of its keys and a row's key values. */
export interface MemoryOrder<Row> {
  dirs: readonly ('asc' | 'desc')[]
  keyOf: (row: Row) => (string | number)[]
}

/** Each in-memory order and its exact reverse, as sortOrders does for SQL. */
export function memoryOrders<Row, Name extends string>(ascending: Record<Name, MemoryOrder<Row>>): Record<Name | Reversed<Name>, MemoryOrder<Row>> {
  const orders = { ...ascending } as Record<Name | Reversed<Name>, MemoryOrder<Row>>
  for (const [name, order] of Object.entries(ascending) as [Name, MemoryOrder<Row>][]) {
    orders[`-${name}`] = { dirs: order.dirs.map((d) => (d === 'asc' ? 'desc' : 'asc')), keyOf: order.keyOf }
  }
  return orders
}

/** Rows sorted by the order (a copy). */
export function sortedBy<Row>(rows: readonly Row[], { dirs, keyOf }: MemoryOrder<Row>): Row[] {
  return rows.map((row) => ({ row, key: keyOf(row) })).sort((a, b) => compareKeys(dirs, a.key, b.key)).map(({ row }) => row)
}

/** A page of rows already in the order: after the cursor's key, with the next cursor from the last row served. */
export function pageOfSorted<Row, T>(rows: readonly Row[], request: PageRequest, sortName: string, order: MemoryOrder<Row>, toEntity: (row: Row) => T): Page<T> {
  const start = request.cursor === undefined ? 0 : firstAfter(rows, order.keyOf, order.dirs, decodeCursor(request.cursor, sortName, order.dirs.length))
  return toPage(rows.slice(start, start + request.limit + 1), request, sortName, order.keyOf, toEntity, rows.length)
}
