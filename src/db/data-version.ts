// When did the data last change? Caches key their entries by this version, so
// an entry is dropped once the data under it has moved.
import type { Statement } from 'better-sqlite3'
import type { Db } from './connection.js'
import { pinnedVersion } from './read-snapshot.js'

const versionStatements = new WeakMap<Db['$client'], Statement>()

/** The version: data_version moves when another connection commits, total_changes() when this one writes. */
export const DATA_VERSION_SQL = 'select (select data_version from pragma_data_version) * 1000000000 + total_changes()'

/**
 * The exact version: SQLite's data_version (moves when another connection
 * commits) and this connection's own total_changes(). Costs a read of the
 * WAL index, a few microseconds; the statement is prepared once per connection.
 */
export function dataVersion(db: Db): number {
  // A pinned snapshot's version cannot move until it is renewed (db/read-snapshot.ts).
  const pinned = pinnedVersion(db.$client)
  if (pinned !== undefined) return pinned
  let statement = versionStatements.get(db.$client)
  if (!statement) {
    statement = db.$client.prepare(DATA_VERSION_SQL).pluck()
    versionStatements.set(db.$client, statement)
  }
  return (statement as Statement).get() as number
}

/** Bumped by every import and delete in this process (src/importer). */
let localWrites = 0

/** Tells version clocks and pinned snapshots that this process has just written, so they look again at once. */
export function noteWrite(): void {
  localWrites++
}

/** How many writes this process has noted. */
export function localWriteCount(): number {
  return localWrites
}

/**
 * A version that is asked at most once per `maxAgeMs`, for a cache in front of
 * every request: writes made by this process are seen at once (noteWrite), and
 * writes by another process (a CLI import beside the server) within `maxAgeMs`.
 */
export function versionClock(db: Db, maxAgeMs: number, now: () => number = Date.now): () => number {
  let version = dataVersion(db)
  let checkedAt = now()
  let seenWrites = localWrites
  return () => {
    const time = now()
    if (time - checkedAt >= maxAgeMs || seenWrites !== localWrites) {
      seenWrites = localWrites
      checkedAt = time
      version = dataVersion(db)
    }
    return version
  }
}

const clocks = new WeakMap<Db['$client'], () => number>()

/**
 * The version as this connection's clock last saw it (at most a second old; this process's
 * own writes at once): for whole answers kept in memory, which another process's import
 * may then reach a second late, as the response cache's do.
 */
export function recentDataVersion(db: Db): number {
  let clock = clocks.get(db.$client)
  if (!clock) {
    clock = versionClock(db, 1000)
    clocks.set(db.$client, clock)
  }
  return clock()
}
