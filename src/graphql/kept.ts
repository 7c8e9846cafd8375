// What GraphQL's nested fields have loaded, kept until the data changes: the
// data changes only on import, so a field's rows for a parent (the issues of a
// plan, the initiatives of a strategy …) are the same for every request of one
// data version. A request reads the version once and answers the parents whose
// rows are kept at once, without a batch or a statement.
import type { Db } from '../db/connection.js'
import { dataVersion } from '../db/data-version.js'
import { keptPerVersion } from '../services/memo.js'

/** Parents whose value is kept, per field and connection (about 20 000 initiatives, strategies … each). */
const MAX_KEPT = 20_000

const versions = new WeakMap<object, number>()

/** The data version a request reads: asked once per request (its GraphQL context), not once per field. */
export function versionOf(db: Db, context: object): number {
  let version = versions.get(context)
  if (version === undefined) {
    version = dataVersion(db)
    versions.set(context, version)
  }
  return version
}

/** Values by key for the data version they were loaded at: at most MAX_KEPT per field and connection. */
export const keptByVersion = <V>() => keptPerVersion<V>(MAX_KEPT)

/**
 * An entity by id, as the root fields (plan, issue …) answer it: kept for the
 * data version once found (an unknown id is asked again, so ids that are not
 * there fill nothing).
 */
export function keptById<T extends object>(db: Db, find: (id: string) => T | undefined) {
  const kept = keptByVersion<T>()
  return (id: string, context: object): T | null => {
    const version = versionOf(db, context)
    const known = kept.get(db, version, id)
    if (known !== undefined) return known
    const found = find(id)
    if (found !== undefined) kept.set(db, version, id, found)
    return found ?? null
  }
}
