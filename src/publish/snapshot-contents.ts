// What the SQLite download (ward-plans.sqlite) holds: the data, under the
// names the database has (the CSV files and the API use the same names in
// camelCase: organization_id is organizationId; management_issues are the
// issues, catalogue_entries the catalogue), and a dataset_metadata table with
// the licence and attribution owed. What only the service uses is left out:
// the full-text index (search_entries and its FTS5 tables), the migration
// journal, the content-version token with its triggers, and the writer's sync
// state. Replicas serve this same file: they restore those from the data and
// their own migrations before serving it (replica/restore.ts), and refuse a
// file whose schema is not the one they read (its migration, recorded here).
import Database from 'better-sqlite3'

/** Tables the published snapshot leaves out; dropping the FTS5 table drops its shadow tables. */
export const INTERNAL_TABLES: readonly string[] = ['page_fetches', 'search_entries', '__drizzle_migrations', 'content_version']

/** The table of the snapshot's own facts: one row per key. */
export const METADATA_TABLE = 'dataset_metadata'

/** The metadata keys of the schema's migration: how many were applied, and the last one's timestamp (drizzle's journal). */
export const MIGRATION_KEYS = { count: 'schema_migrations', last: 'schema_last_migration' } as const

export interface SnapshotFacts {
  license: { name: string; url: string }
  attribution: string
  generatedAt: string
}

/**
 * Turns a fresh VACUUM INTO copy at `path` into the published snapshot: internals out, metadata in, compacted.
 * Returns the content version it was copied at (content_version, read before it goes).
 */
export function finishSnapshot(path: string, facts: SnapshotFacts): { dataVersion: string } {
  const sqlite = new Database(path, { fileMustExist: true })
  try {
    const dataVersion = sqlite.prepare('select version from content_version where id = 1').pluck().get() as string
    sqlite.transaction(() => {
      const migrations = sqlite.prepare('select count(*) as count, max(created_at) as last from __drizzle_migrations').get() as { count: number; last: number }
      // The triggers that keep content_version would point at a table that is gone.
      const triggers = sqlite.prepare("select name from sqlite_master where type = 'trigger' and sql like '%content_version%'").pluck().all() as string[]
      for (const trigger of triggers) sqlite.exec(`drop trigger "${trigger}"`)
      for (const table of INTERNAL_TABLES) sqlite.exec(`drop table if exists "${table}"`)
      sqlite.exec(`create table ${METADATA_TABLE} (key text primary key, value text not null) without rowid`)
      const insert = sqlite.prepare(`insert into ${METADATA_TABLE} (key, value) values (?, ?)`)
      const rows: [string, string][] = [
        ['license_name', facts.license.name],
        ['license_url', facts.license.url],
        ['attribution', facts.attribution],
        ['generated_at', facts.generatedAt],
        ['data_version', dataVersion],
        [MIGRATION_KEYS.count, String(migrations.count)],
        [MIGRATION_KEYS.last, String(migrations.last)],
      ]
      for (const row of rows) insert.run(...row)
    })()
    // The dropped tables' pages are not shipped.
    sqlite.exec('vacuum')
    return { dataVersion }
  } finally {
    sqlite.close()
  }
}
