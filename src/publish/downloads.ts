// Bulk downloads, written on every import (never per request): each entity
// as CSV (UTF-8 with BOM) and JSON Lines, the whole dataset as one JSON file
// of plan documents, and a read-only snapshot of the SQLite database, each
// with a gzip copy. Files are written to a fresh directory and swapped in
// whole, with a manifest of their sizes, ETags and the data version they
// were written from; every file of a set comes from one snapshot.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { type Db, openReadOnly } from '../db/connection.js'
import { contentVersion } from '../db/content-version.js'
import { combinedAttribution } from '../dataset-info.js'
import { makeDirectories } from '../directories.js'
import { CSV_MEDIA_TYPE, JSONL_MEDIA_TYPE, withCharset } from '../formats/media-types.js'
import { type Table, catalogueTable, initiativeTable, issueTable, organizationTable, planTable, strategyTable, toCsv } from '../formats/tables.js'
import { listCatalogue } from '../services/catalogue.js'
import { planSources } from '../services/dataset.js'
import type { Page } from '../services/pagination.js'
import { listInitiatives } from '../services/initiatives.js'
import { listIssues } from '../services/issues.js'
import { listOrganizations } from '../services/organizations.js'
import { getPlanDocument, listPlans } from '../services/plans.js'
import { listStrategies } from '../services/strategies.js'
import { finishSnapshot } from './snapshot-contents.js'

export interface DownloadFile {
  name: string
  description: string
  contentType: string
  bytes: number
  etag: string
  /** Size of the gzip copy beside it (`name.gz`), sent to clients that accept gzip. */
  gzipBytes?: number
}

export interface DownloadManifest {
  generatedAt: string
  /** The database's content version the set was written from (src/db/content-version.ts). */
  dataVersion: string
  license: { name: string; url: string }
  attribution: string
  files: DownloadFile[]
}

export interface Licence {
  license: { name: string; url: string }
  attribution: string
}

export const MANIFEST_FILE = 'manifest.json'

/** Every row of a paged list. */
function allRows<T>(fetchPage: (cursor: string | undefined) => Page<T>): T[] {
  const rows: T[] = []
  let cursor: string | undefined
  do {
    const page = fetchPage(cursor)
    rows.push(...page.data)
    cursor = page.page.nextCursor ?? undefined
  } while (cursor)
  return rows
}

const page = (cursor: string | undefined) => ({ limit: 100, cursor })

export function writeDownloads(db: Db, dir: string, homeLicence: Licence): DownloadManifest {
  // Plans of other cities credit their own city's site beside the home city's.
  const licence = { ...homeLicence, attribution: combinedAttribution(homeLicence.attribution, planSources(db)) }
  const next = `${dir}.next`
  rmSync(next, { recursive: true, force: true })
  makeDirectories(next)
  // One generation for the whole set: VACUUM INTO writes a consistent copy even while the
  // database is being written, and every other file is read from that copy, not the live database.
  const snapshotName = 'ward-plans.sqlite'
  const snapshotPath = join(next, snapshotName)
  db.run(sql`vacuum into ${snapshotPath}`)
  const generatedAt = new Date().toISOString()
  finishSnapshot(snapshotPath, { ...licence, generatedAt })
  const snapshot = openReadOnly(snapshotPath)
  let files: DownloadFile[]
  let dataVersion: string
  try {
    dataVersion = contentVersion(snapshot.db)
    files = writeTables(snapshot.db, next, licence)
  } finally {
    snapshot.close()
  }
  files.push(describe(next, snapshotName, 'SQLite データベース (the database, read-only snapshot)', 'application/vnd.sqlite3', readFileSync(snapshotPath)))

  const manifest: DownloadManifest = { generatedAt, dataVersion, ...licence, files }
  writeFileSync(join(next, MANIFEST_FILE), JSON.stringify(manifest, null, 2))
  // Swap the new set in whole, so readers never see half of one and half of another.
  const old = `${dir}.old`
  rmSync(old, { recursive: true, force: true })
  if (existsSync(dir)) renameSync(dir, old)
  renameSync(next, dir)
  rmSync(old, { recursive: true, force: true })
  return manifest
}

/** Every entity as CSV and JSON Lines, and every plan document, written into `dir` from `db`. */
function writeTables(db: Db, dir: string, licence: Licence): DownloadFile[] {
  const files: DownloadFile[] = []
  const add = (name: string, description: string, contentType: string, content: string) => {
    const bytes = Buffer.from(content)
    writeFileSync(join(dir, name), bytes)
    files.push(describe(dir, name, description, contentType, bytes))
  }
  const tables: [string, string, Table<any>, () => unknown[]][] = [
    ['organizations', '区・局 (organizations)', organizationTable, () => allRows((c) => listOrganizations(db, {}, page(c)))],
    ['plans', '区運営方針 (plans)', planTable, () => allRows((c) => listPlans(db, {}, page(c)))],
    ['issues', '経営課題 (management issues)', issueTable, () => allRows((c) => listIssues(db, {}, page(c)))],
    ['strategies', '戦略 (strategies)', strategyTable, () => allRows((c) => listStrategies(db, {}, page(c)))],
    ['initiatives', '具体的取組と予算額 (initiatives and budgets)', initiativeTable, () => allRows((c) => listInitiatives(db, {}, 'plan', page(c)))],
    ['catalogue', '既知の運営方針ページ (the catalogue of known plan pages, loaded or not)', catalogueTable, () => allRows((c) => listCatalogue(db, {}, page(c)))],
  ]
  for (const [name, description, table, rows] of tables) {
    const entities = rows()
    add(`${name}.csv`, `${description}: CSV`, withCharset(CSV_MEDIA_TYPE), toCsv(table, entities))
    add(`${name}.jsonl`, `${description}: JSON Lines`, withCharset(JSONL_MEDIA_TYPE), entities.map((e) => `${JSON.stringify(e)}\n`).join(''))
  }
  const documents = allRows((c) => listPlans(db, {}, page(c))).map((p) => getPlanDocument(db, p.id))
  add('plans.json', '全データ: 運営方針ドキュメント (every plan document, nested)', 'application/json; charset=utf-8', JSON.stringify({ ...licence, plans: documents }, null, 2))
  return files
}

/** Hashes a written file's bytes and writes its gzip copy: compressed once here, not on every download. */
function describe(dir: string, name: string, description: string, contentType: string, content: Buffer): DownloadFile {
  const gzip = gzipSync(content)
  writeFileSync(join(dir, `${name}.gz`), gzip)
  return { name, description, contentType, bytes: content.length, etag: `"${createHash('sha256').update(content).digest('base64url')}"`, gzipBytes: gzip.length }
}

export type DownloadsOutcome = { ok: true; files: number; ms: number } | { ok: false; message: string }

/** writeDownloads, reporting how it went instead of throwing (its callers log it and go on). */
export function tryWriteDownloads(db: Db, dir: string, licence: Licence): DownloadsOutcome {
  const started = performance.now()
  try {
    const manifest = writeDownloads(db, dir, licence)
    return { ok: true, files: manifest.files.length, ms: Math.round(performance.now() - started) }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}

export function readManifest(dir: string): DownloadManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as DownloadManifest
  } catch {
    return undefined
  }
}
