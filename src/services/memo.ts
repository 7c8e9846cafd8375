// Results that only change when the data does, kept until it does: each entry
// carries the database's data version (SQLite's data_version, which moves when
// another connection commits, plus this connection's own total_changes()).
import { LRUCache } from 'lru-cache'
import type { Db } from '../db/connection.js'
import { dataVersion } from '../db/data-version.js'

/** Entries kept: at most `size` of them, or entries of at most `maxBytes` together as `bytesOf` counts them. */
export type MemoBound<V> = number | { maxBytes: number; bytesOf: (value: V, key: string) => number }

/**
 * Values by key, each good for the data version it was kept at: one cache per database connection,
 * since two databases (a replica's new snapshot, apps side by side) may share a version number.
 * The caller reads the version (GraphQL once per request, for all its fields).
 */
export function keptPerVersion<V>(bound: MemoBound<V>) {
  const newCache = () =>
    typeof bound === 'number'
      ? new LRUCache<string, { version: number; value: V }>({ max: bound })
      : new LRUCache<string, { version: number; value: V }>({ maxSize: bound.maxBytes, sizeCalculation: (entry, key) => bound.bytesOf(entry.value, key) })
  const caches = new WeakMap<object, ReturnType<typeof newCache>>()
  const cacheOf = (db: Db) => {
    let cache = caches.get(db.$client)
    if (!cache) {
      cache = newCache()
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
 * A memo of `compute(key)` per database state. An undefined result (nothing found) is not kept.
 * `version` tells the state: the exact one by default, for parts of an answer that must agree with the rest.
 */
export function memoByDataVersion<V extends object>(bound: MemoBound<V>, version: (db: Db) => number = dataVersion) {
  const kept = keptPerVersion(bound)
  const memo = <R extends V | undefined>(db: Db, key: string, compute: () => R): R => {
    const current = version(db)
    const hit = kept.get(db, current, key)
    if (hit !== undefined) return hit as R
    const value = compute()
    if (value !== undefined) kept.set(db, current, key, value)
    return value
  }
  /**
   * The values of many keys at once: those not kept are computed together by `computeMissing`
   * (one query for all of them), which returns them by key; a key it leaves out is undefined.
   */
  memo.many = (db: Db, keys: readonly string[], computeMissing: (keys: string[]) => Map<string, V>): (V | undefined)[] => {
    const current = version(db)
    const values: (V | undefined)[] = new Array(keys.length)
    const missing: string[] = []
    for (let i = 0; i < keys.length; i++) {
      values[i] = kept.get(db, current, keys[i])
      if (values[i] === undefined) missing.push(keys[i])
    }
    if (missing.length === 0) return values
    const computed = computeMissing(missing)
    for (const [key, value] of computed) kept.set(db, current, key, value)
    for (let i = 0; i < keys.length; i++) values[i] ??= computed.get(keys[i])
    return values
  }
  return memo
}
