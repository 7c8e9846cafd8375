// SQLite's ascending order of values, for orders kept in memory that must agree
// with SQL's `order by` and `>` (facet values, budget groups and their cursors).

/** SQLite's ascending order of values (NULL, then numbers, then text by its UTF-8 bytes, i.e. by code point: BINARY collation). */
export function compareSqlValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1
  if (typeof b === 'number') return 1
  // By code point: UTF-16 units order characters beyond the BMP before U+E000–U+FFFF.
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; ) {
    const x = a.codePointAt(i)!
    const y = b.codePointAt(i)!
    if (x !== y) return x - y
    i += x > 0xffff ? 2 : 1
  }
  return a.length - b.length
}
