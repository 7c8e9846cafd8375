// Snapshots a replica serves: the SQLite file the writer publishes
// (downloads/ward-plans.sqlite, made with VACUUM INTO), with what the
// download leaves out restored (restore.ts). A file is served only
// once it opens, passes PRAGMA quick_check and holds the schema this code
// reads (every table, at the last migration), so a truncated or corrupt
// download is refused with its reason instead of served.
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream, readFileSync, rmSync } from 'node:fs'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import Database from 'better-sqlite3'
import { is } from 'drizzle-orm'
import { SQLiteTable, getTableConfig } from 'drizzle-orm/sqlite-core'
import { MIGRATIONS_FOLDER } from '../db/connection.js'
import * as schema from '../db/schema.js'

/** Which snapshot a replica serves: /healthz reports it. */
export interface SnapshotInfo {
  /** SHA-256 of the file as published (hex), the same bytes as the download's ETag names. */
  sha256: string
  /** The last import in it (max plans.imported_at); null for an empty database. */
  importedAt: string | null
  /** The URL or path it came from. */
  source: string
  /** When this process started serving it. */
  loadedAt: string
}

/** Every table the queries read: the drizzle schema's but npm run sync's state (page_fetches), and the full-text index (a virtual table outside it). */
export const REQUIRED_TABLES: string[] = [
  ...Object.values(schema as Record<string, unknown>)
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .map((table) => getTableConfig(table).name)
    .filter((name) => name !== 'page_fetches'),
  'search_entries',
]

/** The last migration this code knows: a snapshot from an older (or newer) writer has another schema. */
function lastMigration(): { count: number; when: number } {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: { when: number }[] }
  return { count: journal.entries.length, when: journal.entries.at(-1)!.when }
}

/** Why PRAGMA quick_check finds the file damaged, or undefined when it is whole. */
export function quickCheckFailure(sqlite: Database.Database): string | undefined {
  const check = sqlite.pragma('quick_check') as { quick_check: string }[]
  if (check.length === 1 && check[0].quick_check === 'ok') return undefined
  return `PRAGMA quick_check failed: ${check.slice(0, 3).map((row) => row.quick_check).join('; ')}`
}

export type Verdict = { ok: true; importedAt: string | null } | { ok: false; reason: string }

/** Whether `path` is a snapshot this code can serve, and if not, why. Never throws. */
export function verifySnapshot(path: string): Verdict {
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true })
    const damage = quickCheckFailure(sqlite)
    if (damage) return { ok: false, reason: damage }
    const tables = new Set((sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]))
    const missing = REQUIRED_TABLES.filter((name) => !tables.has(name))
    if (missing.length > 0) return { ok: false, reason: `tables missing: ${missing.join(', ')}` }
    const expected = lastMigration()
    const applied = tables.has('__drizzle_migrations')
      ? (sqlite.prepare('select count(*) as count, max(created_at) as "when" from __drizzle_migrations').get() as { count: number; when: number })
      : { count: 0, when: 0 }
    if (applied.count !== expected.count || Number(applied.when) !== expected.when) {
      return { ok: false, reason: `schema at migration ${applied.count}, this server reads migration ${expected.count}` }
    }
    const importedAt = (sqlite.prepare('select max(imported_at) from plans').pluck().get() as string | null) ?? null
    return { ok: true, importedAt }
  } catch (error) {
    // "file is not a database", "database disk image is malformed", a missing file.
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  } finally {
    sqlite?.close()
  }
}

/** SHA-256 (hex) of a file's bytes, streamed. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash)
  return hash.digest('hex')
}

export type Download =
  | { status: 'fetched'; sha256: string; etag: string | null }
  | { status: 'unchanged' }
  | { status: 'failed'; reason: string }

/**
 * GETs `url` into `dest` (If-None-Match `etag`, so an unchanged snapshot
 * costs a 304), hashing the bytes as they arrive. Never throws; a failed
 * download leaves no file behind.
 */
export async function downloadSnapshot(url: string, dest: string, etag: string | null, timeoutMs = 60_000): Promise<Download> {
  try {
    const response = await fetch(url, { headers: etag ? { 'if-none-match': etag } : {}, signal: AbortSignal.timeout(timeoutMs) })
    if (response.status === 304) return { status: 'unchanged' }
    if (response.status !== 200 || !response.body) return { status: 'failed', reason: `GET ${url} answered ${response.status}` }
    const hash = createHash('sha256')
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk)
        done(null, chunk)
      },
    })
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), hashing, createWriteStream(dest))
    return { status: 'fetched', sha256: hash.digest('hex'), etag: response.headers.get('etag') }
  } catch (error) {
    rmSync(dest, { force: true })
    return { status: 'failed', reason: `GET ${url}: ${error instanceof Error ? error.message : String(error)}` }
  }
}
