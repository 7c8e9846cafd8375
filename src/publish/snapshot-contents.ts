// What the SQLite download (ward-plans.sqlite) holds. Users get the data: the
// content tables, the catalogue, and a dataset_metadata table with the
// licence and attribution owed. Replicas serve this same file (src/replica),
// so it keeps what serving needs: the full-text index (search_entries and
// its shadow tables), the migration journal (__drizzle_migrations, checked
// before a snapshot is served) and content_version (the token the download
// set records). The writer's own bookkeeping is left out.
import Database from 'better-sqlite3'

/** Writer-only tables, dropped from the snapshot: page_fetches is npm run sync's state (validators and hashes of the city's pages). */
export const WRITER_ONLY_TABLES: readonly string[] = ['page_fetches']

/** The table of the snapshot's own facts: one row per key. */
export const METADATA_TABLE = 'dataset_metadata'

export interface SnapshotFacts {
  license: { name: string; url: string }
  attribution: string
  generatedAt: string
}

/** Turns a fresh VACUUM INTO copy at `path` into the published snapshot: internals out, metadata in, compacted. */
export function finishSnapshot(path: string, facts: SnapshotFacts): void {
  const sqlite = new Database(path, { fileMustExist: true })
  try {
    sqlite.transaction(() => {
      for (const table of WRITER_ONLY_TABLES) sqlite.exec(`drop table if exists "${table}"`)
      sqlite.exec(`create table ${METADATA_TABLE} (key text primary key, value text not null) without rowid`)
      const insert = sqlite.prepare(`insert into ${METADATA_TABLE} (key, value) values (?, ?)`)
      const rows: [string, string][] = [
        ['license_name', facts.license.name],
        ['license_url', facts.license.url],
        ['attribution', facts.attribution],
        ['generated_at', facts.generatedAt],
      ]
      for (const row of rows) insert.run(...row)
    })()
    // The dropped tables' pages are not shipped.
    sqlite.exec('vacuum')
  } finally {
    sqlite.close()
  }
}
