// Results that only change when the data does, kept until it does: each entry
// carries the database's data version (SQLite's data_version, which moves when
// another connection commits, plus this connection's own total_changes()).
import { LRUCache } from 'lru-cache'
import type { Db } from '../db/connection.js'
import { dataVersion } from '../db/data-version.js'

/** A memo of `compute(key)` per database state; `size` bounds the entries kept. */
export function memoByDataVersion<V extends object>(size: number) {
  const cache = new LRUCache<string, { version: number; value: V }>({ max: size })
  return (db: Db, key: string, compute: () => V): V => {
    const version = dataVersion(db)
    const hit = cache.get(key)
    if (hit && hit.version === version) return hit.value
    const value = compute()
    cache.set(key, { version, value })
    return value
  }
}
