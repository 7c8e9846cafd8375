// A replica serves its snapshot in WAL mode, as the writer serves its database:
// only there can a serving connection keep one read transaction open across
// requests (db/read-snapshot.ts) while the next snapshot is copied in. Read in
// autocommit, a rollback-journal file took SQLite's file locks and re-read its
// header for every statement: a page of 20 initiatives cost 383-419 µs of
// server CPU against 235-274 in WAL (400 plans, cache off, same run).
import { rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { Log } from './source.js'

/**
 * Switches the file at `path` to WAL mode, which the file keeps (a snapshot copied in with the
 * backup API stays in it). A file that cannot be written (a read-only volume) stays as it is
 * and is read in autocommit, as before; that is logged, not refused.
 */
export function serveInWal(path: string, log: Log): void {
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(path, { fileMustExist: true })
    const mode = sqlite.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal') log.warn({ path, mode }, 'the snapshot could not be put in WAL mode; its reads take file locks per statement')
  } catch (error) {
    log.warn({ path, reason: error instanceof Error ? error.message : String(error) }, 'the snapshot could not be put in WAL mode; its reads take file locks per statement')
  } finally {
    sqlite?.close()
  }
}

/**
 * Copies into the file the pages of the WAL that no reader still needs, never waiting for one
 * (PASSIVE); `copied` says whether that was all of them. Done a while after a snapshot is copied in, once readers have moved to it: they
 * then read the file itself, and the next copy writes the WAL from its start instead of
 * growing it by a whole snapshot each time.
 */
export function checkpoint(path: string): { copied: boolean } {
  const sqlite = new Database(path, { fileMustExist: true })
  try {
    const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[]
    // log is -1 where the file is not in WAL mode: nothing to copy.
    return { copied: result.checkpointed === result.log }
  } finally {
    sqlite.close()
  }
}

/**
 * Removes what SQLite keeps beside the file at `path` (its WAL, shared memory index and
 * rollback journal) before another file is renamed onto it: a WAL left by a process that
 * stopped without closing would otherwise be read as part of the new file.
 */
export function removeSideFiles(path: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true })
}
