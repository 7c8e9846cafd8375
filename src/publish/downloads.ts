// Bulk downloads, written on every import (never per request): each entity
// as CSV (UTF-8 with BOM) and JSON Lines, the whole dataset as one JSON file
// of plan documents, and a read-only snapshot of the SQLite database, each
// with a gzip copy. Files are written to a fresh directory and swapped in
// whole, with a manifest of their sizes, ETags and the data version they
// were written from; every file of a set comes from one snapshot.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { type Db, openReadOnly } from '../db/connection.js'
import { DEFAULT_DATASET_INFO, cityAttributions, combinedAttribution } from '../dataset-info.js'
import { makeDirectories } from '../directories.js'
import { CSV_MEDIA_TYPE, JSONL_MEDIA_TYPE, withCharset } from '../formats/media-types.js'
import { tableRows, toCsv } from '../formats/tables.js'
import { planSources } from '../services/dataset.js'
import { getPlanDocument, listPlans } from '../services/plans.js'
import { DATAPACKAGE_FILE, type PackageFacts, dataPackage } from './datapackage.js'
import { DOWNLOAD_TABLES, allRows, page } from './download-tables.js'
import { finishSnapshot } from './snapshot-contents.js'
import { digest } from '../services/digest.js'

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
  /** The dataset's title and description for datapackage.json; the project's own (dataset-info.ts) when not given. */
  title?: string
  description?: string
}

export const MANIFEST_FILE = 'manifest.json'

export function writeDownloads(db: Db, dir: string, { title, description, ...homeLicence }: Licence): DownloadManifest {
  // Plans of other cities credit their own city's site beside the home city's.
  const sources = planSources(db)
  const licence = { ...homeLicence, attribution: combinedAttribution(homeLicence.attribution, sources) }
  const next = `${dir}.next`
  rmSync(next, { recursive: true, force: true })
  makeDirectories(next)
  // One generation for the whole set: VACUUM INTO writes a consistent copy even while the
  // database is being written, and every other file is read from that copy, not the live database.
  const snapshotName = 'ward-plans.sqlite'
  const snapshotPath = join(next, snapshotName)
  db.run(sql`vacuum into ${snapshotPath}`)
  const generatedAt = new Date().toISOString()
  const { dataVersion } = finishSnapshot(snapshotPath, { ...licence, generatedAt })
  const snapshot = openReadOnly(snapshotPath)
  let files: DownloadFile[]
  try {
    const facts: PackageFacts = {
      title: title ?? DEFAULT_DATASET_INFO.title,
      description: description ?? DEFAULT_DATASET_INFO.description,
      ...licence,
      sources: cityAttributions(homeLicence.attribution, sources).map((city) => ({ title: city.attribution })),
      generatedAt,
      dataVersion,
    }
    files = writeTables(snapshot.db, next, licence, facts)
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

/** Every entity as CSV and JSON Lines with the Data Package describing the CSV files, and every plan document, written into `dir` from `db`. */
function writeTables(db: Db, dir: string, licence: Licence, facts: PackageFacts): DownloadFile[] {
  const files: DownloadFile[] = []
  const written = new Map<string, { bytes: number; sha256: string }>()
  const add = (name: string, description: string, contentType: string, content: string) => {
    const bytes = Buffer.from(content)
    writeFileSync(join(dir, name), bytes)
    files.push(describe(dir, name, description, contentType, bytes))
    written.set(name, { bytes: bytes.length, sha256: digest('sha256', bytes, 'hex') })
  }
  for (const { name, title, table, entities } of DOWNLOAD_TABLES) {
    const rows = tableRows(db, table, entities(db))
    add(`${name}.csv`, `${title}: CSV`, withCharset(CSV_MEDIA_TYPE), toCsv(table, rows))
    add(`${name}.jsonl`, `${title}: JSON Lines`, withCharset(JSONL_MEDIA_TYPE), rows.map((row) => `${JSON.stringify(row)}\n`).join(''))
  }
  add(DATAPACKAGE_FILE, 'Frictionless Data Package: a Table Schema for each CSV file (types, descriptions, keys) and the licence', 'application/json; charset=utf-8', JSON.stringify(dataPackage(facts, DOWNLOAD_TABLES, written), null, 2))
  const documents = allRows((c) => listPlans(db, {}, page(c))).map((p) => getPlanDocument(db, p.id))
  add('plans.json', '全データ: 運営方針ドキュメント (every plan document, nested)', 'application/json; charset=utf-8', JSON.stringify({ ...licence, plans: documents }, null, 2))
  return files
}

/** Hashes a written file's bytes and writes its gzip copy: compressed once here, not on every download. */
function describe(dir: string, name: string, description: string, contentType: string, content: Buffer): DownloadFile {
  const gzip = gzipSync(content)
  writeFileSync(join(dir, `${name}.gz`), gzip)
  return { name, description, contentType, bytes: content.length, etag: `"${digest('sha256', content, 'base64url')}"`, gzipBytes: gzip.length }
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
  return readManifestFile(dir)?.manifest
}

/** The manifest with the bytes it was read from (served as they are), or undefined when there is none to read. */
export function readManifestFile(dir: string): { manifest: DownloadManifest; bytes: Buffer } | undefined {
  try {
    const bytes = readFileSync(join(dir, MANIFEST_FILE))
    return { manifest: JSON.parse(bytes.toString('utf8')) as DownloadManifest, bytes }
  } catch {
    return undefined
  }
}
