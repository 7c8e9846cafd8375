// A list's `total`: the count of every row its filters match. Counting walks the
// filter's index to the end, so each count is a statement prepared once per
// set of filters, and its answer is kept until the data changes (imports are
// the only writes): the pages after the first, and every repeat, cost nothing.
import type { Db } from '../db/connection.js'
import { memoByDataVersion } from './memo.js'
import { type Binding, preparedFor } from './prepared.js'

const counts = memoByDataVersion<{ n: number }>(4096)

/** The count `build` prepares (a `{ n }` row), for the filters bound so far: call it before binding the cursor. */
export function totalOf(db: Db, name: string, binding: Binding, build: () => { get(values: Record<string, unknown>): { n: number } | undefined }): number {
  const key = `${name} count ${binding.key}`
  return counts(db, `${key} ${JSON.stringify(binding.values)}`, () => preparedFor(db, key, build).get(binding.values)!).n
}
