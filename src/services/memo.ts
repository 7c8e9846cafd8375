// Results that only change when the data does, kept until it does: each entry
// carries the database's data version (SQLite's data_version, which moves when
// another connection commits, plus this connection's own total_changes()).
import type { Statement } from 'better-sqlite3'
import { LRUCache } from 'lru-cache'
import type { Db } from '../db/connection.js'

const versionStatements = new WeakMap<Db['$client'], Statement>()

/** Asked on every cached read, so its statement is prepared once per connection. */
export function dataVersion(db: Db): number {
  let statement = versionStatements.get(db.$client)
  if (!statement) {
    statement = db.$client.prepare('select (select data_version from pragma_data_version) * 1000000000 + total_changes()').pluck()
    versionStatements.set(db.$client, statement)
  }
  return (statement as Statement).get() as number
}

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
