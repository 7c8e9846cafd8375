// What GraphQL's nested fields have loaded, kept until the data changes: the
// data changes only on import, so a field's rows for a parent (the issues of a
// plan, the initiatives of a strategy …) are the same for every request of one
// data version. A request reads the version once and answers the parents whose
// rows are kept at once, without a batch or a statement.
import { LRUCache } from 'lru-cache'
import type { Db } from '../db/connection.js'
import { dataVersion } from '../db/data-version.js'

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

/** Values by key, each good for the data version it was loaded at. One cache per connection, as memo.ts keeps them. */
export function keptByVersion<V>() {
  const caches = new WeakMap<Db['$client'], LRUCache<string, { version: number; value: V }>>()
  const cacheOf = (db: Db) => {
    let cache = caches.get(db.$client)
    if (!cache) {
      cache = new LRUCache({ max: MAX_KEPT })
      caches.set(db.$client, cache)
    }
    return cache
  }
  return {
    /** The value kept for `key` at `version`; undefined when there is none. */
    get(db: Db, version: number, key: string): V | undefined {
      const entry = cacheOf(db).get(key)
      return entry?.version === version ? entry.value : undefined
    },
    set(db: Db, version: number, key: string, value: V): void {
      cacheOf(db).set(key, { version, value })
    },
  }
}

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
