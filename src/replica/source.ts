// The snapshot a replica serves, and its replacement: fetched from
// SNAPSHOT_URL at start (and every SNAPSHOT_REFRESH_SECONDS), verified
// before it is used. A bad snapshot never replaces a good one: at start the
// last good file at DATABASE_PATH is served instead, and later the one being
// served stays. A good new one is copied into the served file with SQLite's
// backup API, in one transaction, so open read-only connections (this
// process's or cluster workers') see it through their data version like an import.
// The served file is kept in WAL mode (wal.ts), so those connections read it
// from a snapshot of their own while the next one is copied in.
import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { noteWrite } from '../db/data-version.js'
import { restoreSnapshot } from './restore.js'
import { type SnapshotInfo, downloadSnapshot, hashFile, verifySnapshot } from './snapshot.js'
import { checkpoint, removeSideFiles, serveInWal } from './wal.js'

/** After a snapshot is copied in, readers move to it within a second (db/read-snapshot.ts); then its WAL is checkpointed. */
const CHECKPOINT_DELAY_MS = 3000

/** The part of a pino logger this uses. */
export interface Log {
  info(object: object, message: string): void
  warn(object: object, message: string): void
  error(object: object, message: string): void
}

export interface SnapshotSourceOptions {
  /** The file served (DATABASE_PATH). */
  path: string
  /** Where snapshots are published; none: serve `path` as it is. */
  url?: string
  /** Look for a new snapshot this often; 0: only at start. */
  refreshSeconds: number
  log: Log
  /** Told of every snapshot served after the first (cluster workers are sent it). */
  onChange?: (info: SnapshotInfo) => void
}

export interface SnapshotSource {
  current(): SnapshotInfo
  /** Fetches the snapshot again; a good new one replaces the one served. */
  refresh(): Promise<'unchanged' | 'replaced' | 'refused'>
  close(): void
}

export class NoSnapshotError extends Error {}

export async function openSnapshotSource(options: SnapshotSourceOptions): Promise<SnapshotSource> {
  const { path, url, log } = options
  const download = `${path}.download`
  let etag: string | null = null
  let info: SnapshotInfo

  /** The file at `path` as it is: the one given, or the last good one fetched. */
  const servedAsIs = async (why: string): Promise<SnapshotInfo> => {
    // A published snapshot given as the file gets its internals restored in place, once.
    const restored = restoreSnapshot(path)
    const verdict = restored.ok ? verifySnapshot(path) : restored
    if (!verdict.ok) throw new NoSnapshotError(`${why}${path} cannot be served: ${verdict.reason}`)
    serveInWal(path, log)
    return { sha256: await hashFile(path), importedAt: verdict.importedAt, source: path, loadedAt: new Date().toISOString() }
  }

  if (!url) {
    info = await servedAsIs('')
  } else {
    mkdirSync(dirname(path), { recursive: true })
    const fetched = await fetchVerified(url, download, null)
    if (fetched.ok === true) {
      removeSideFiles(path)
      renameSync(download, path)
      serveInWal(path, log)
      etag = fetched.etag
      info = { sha256: fetched.sha256, importedAt: fetched.importedAt, source: url, loadedAt: new Date().toISOString() }
    } else {
      const reason = fetched.ok === false ? fetched.reason : 'no snapshot'
      log.error({ url, reason }, 'snapshot refused; trying the last good one')
      info = await servedAsIs(`the snapshot at ${url} was refused (${reason}) and `)
      log.warn({ path, sha256: info.sha256 }, 'serving the last good snapshot')
    }
  }
  log.info({ snapshot: info }, 'serving snapshot')

  let refreshing: Promise<'unchanged' | 'replaced' | 'refused'> | undefined
  let checkpointLater: NodeJS.Timeout | undefined
  const refreshOnce = async (): Promise<'unchanged' | 'replaced' | 'refused'> => {
    if (!url) return 'unchanged'
    const fetched = await fetchVerified(url, download, etag)
    if (fetched.ok === 'unchanged') return 'unchanged'
    if (!fetched.ok) {
      log.error({ url, reason: fetched.reason, serving: info.sha256 }, 'snapshot refused; still serving the last good one')
      return 'refused'
    }
    etag = fetched.etag
    if (fetched.sha256 === info.sha256) {
      rmSync(download, { force: true })
      return 'unchanged'
    }
    const source = new Database(download, { readonly: true })
    try {
      await source.backup(path)
      // This process's serving connection renews its snapshot at once (db/read-snapshot.ts).
      noteWrite()
    } finally {
      source.close()
      rmSync(download, { force: true })
    }
    clearTimeout(checkpointLater)
    checkpointLater = setTimeout(() => {
      try {
        checkpoint(path)
      } catch (error) {
        log.warn({ path, reason: error instanceof Error ? error.message : String(error) }, 'the WAL of the snapshot served could not be checkpointed')
      }
    }, CHECKPOINT_DELAY_MS).unref()
    info = { sha256: fetched.sha256, importedAt: fetched.importedAt, source: url, loadedAt: new Date().toISOString() }
    log.info({ snapshot: info }, 'serving a new snapshot')
    options.onChange?.(info)
    return 'replaced'
  }
  const refresh = () => {
    refreshing ??= refreshOnce().finally(() => {
      refreshing = undefined
    })
    return refreshing
  }
  const timer = url && options.refreshSeconds > 0 ? setInterval(() => void refresh(), options.refreshSeconds * 1000).unref() : undefined

  const close = () => {
    clearInterval(timer)
    clearTimeout(checkpointLater)
  }
  return { current: () => info, refresh, close }
}

type Fetched = { ok: true; sha256: string; etag: string | null; importedAt: string | null } | { ok: 'unchanged' } | { ok: false; reason: string }

/** Downloads to `dest` and verifies it; a refused file is removed. */
async function fetchVerified(url: string, dest: string, etag: string | null): Promise<Fetched> {
  const download = await downloadSnapshot(url, dest, etag)
  if (download.status === 'unchanged') return { ok: 'unchanged' }
  if (download.status === 'failed') return { ok: false, reason: download.reason }
  const restored = restoreSnapshot(dest)
  const verdict = restored.ok ? verifySnapshot(dest) : restored
  if (!verdict.ok) {
    rmSync(dest, { force: true })
    return { ok: false, reason: verdict.reason }
  }
  return { ok: true, sha256: download.sha256, etag: download.etag, importedAt: verdict.importedAt }
}
