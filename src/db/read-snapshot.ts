// A serving connection's reads share one read transaction: a snapshot of the
// database, renewed when this process writes and at least once a second.
// In autocommit every statement takes and drops SQLite's WAL read lock (about
// 5 µs, more than most of our queries cost), and the data version takes one
// statement more; pinned, both are free, and the reads of one answer see the
// same data. Only for connections that never write (a write would join the
// open transaction and wait for its commit), and only in WAL mode.
import type Database from 'better-sqlite3'
import { DATA_VERSION_SQL, localWriteCount } from './data-version.js'

interface Pin {
  /** When the snapshot was taken (ms, the clock given). */
  takenAt: number
  /** The version read inside it: it cannot move until the snapshot is renewed. */
  version: number
  /** This process's write count when it was taken. */
  writes: number
}

const pins = new WeakMap<Database.Database, Pin>()

export interface SnapshotPinner {
  /** Before a request's reads: keeps the snapshot, or renews it when this process wrote or it is `maxAgeMs` old. */
  (): void
  /** Ends the snapshot (the connection closes, or it stays idle). */
  release(): void
}

/**
 * Pins the reads of `sqlite` (a read-only connection) to a snapshot renewed at most `maxAgeMs`
 * apart: another process's import is seen within that time, this process's at once, as the
 * response cache and the serialized item answers see them. An idle connection lets its
 * snapshot go after `maxAgeMs`, so it never holds back the WAL's checkpoints.
 */
export function pinReads(sqlite: Database.Database, maxAgeMs = 1000, now: () => number = Date.now): SnapshotPinner {
  // Only under WAL do readers leave writers alone: in a rollback journal (a replica's file that
  // could not be put in WAL mode, replica/wal.ts) a held read lock would keep the next snapshot
  // from being copied in.
  if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return Object.assign(() => {}, { release: () => {} })
  const begin = sqlite.prepare('begin')
  const commit = sqlite.prepare('commit')
  const version = sqlite.prepare(DATA_VERSION_SQL).pluck()
  let idle: NodeJS.Timeout | undefined

  const release = () => {
    pins.delete(sqlite)
    if (!sqlite.open || !sqlite.inTransaction) return
    try {
      commit.run()
    } catch {
      // A statement still reading (a streamed download): the snapshot ends at the next renewal.
    }
  }
  const pin = (() => {
    const held = pins.get(sqlite)
    const time = now()
    if (held && sqlite.inTransaction && time - held.takenAt < maxAgeMs && held.writes === localWriteCount()) return
    release()
    if (sqlite.inTransaction) return // could not end the old one: reads go on in it, renewed at the next request
    begin.run()
    // The read that takes the snapshot (BEGIN alone takes nothing).
    pins.set(sqlite, { takenAt: time, version: version.get() as number, writes: localWriteCount() })
    clearTimeout(idle)
    idle = setTimeout(() => {
      const current = pins.get(sqlite)
      if (current && now() - current.takenAt >= maxAgeMs) release()
    }, maxAgeMs + 10)
    idle.unref()
  }) as SnapshotPinner
  pin.release = () => {
    clearTimeout(idle)
    release()
  }
  return pin
}

/** The data version of the connection's pinned snapshot; undefined when it has none open. */
export function pinnedVersion(sqlite: Database.Database): number | undefined {
  return sqlite.inTransaction ? pins.get(sqlite)?.version : undefined
}
