// A published snapshot (publish/snapshot-contents.ts) holds the data without
// what only the service uses. Before a replica serves one, it restores them
// in the file: every schema object a database migrated by this code has and
// the file lacks (the full-text index, the migration journal, content_version
// and its triggers), the journal's rows, the content version the snapshot was
// written at, and the search entries, rebuilt from the plans as an import
// writes them. A file of another schema (its recorded migration) is refused.
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { openDatabase } from '../db/connection.js'
import * as schema from '../db/schema.js'
import { rewriteSearchEntries } from '../importer/search-entries.js'
import { MIGRATION_KEYS, METADATA_TABLE } from '../publish/snapshot-contents.js'
import { quickCheckFailure } from './snapshot.js'

export type Restored = { ok: true } | { ok: false; reason: string }

/** Restores the internals of the published snapshot at `path`, in place; a file that has them is left alone. Never throws. */
export function restoreSnapshot(path: string): Restored {
  let sqlite: Database.Database | undefined
  const fresh = openDatabase(':memory:')
  try {
    sqlite = new Database(path, { fileMustExist: true })
    const damage = quickCheckFailure(sqlite)
    if (damage) return { ok: false, reason: damage }
    const has = (name: string) => sqlite!.prepare('select 1 from sqlite_master where name = ?').get(name) !== undefined
    if (has('__drizzle_migrations') || !has(METADATA_TABLE)) return { ok: true } // a whole database, or not a snapshot: verifySnapshot judges
    const metadata = new Map(sqlite.prepare(`select key, value from ${METADATA_TABLE}`).raw().all() as [string, string][])
    const journal = fresh.sqlite.prepare('select * from __drizzle_migrations order by id').all() as { id: number; hash: string; created_at: number }[]
    const migration = metadata.get(MIGRATION_KEYS.count)
    if (migration !== String(journal.length) || metadata.get(MIGRATION_KEYS.last) !== String(journal.at(-1)!.created_at)) {
      return { ok: false, reason: `schema at migration ${migration ?? 'unknown'}, this server reads migration ${journal.length}` }
    }
    const target = sqlite
    target.transaction(() => {
      // In creation order: a virtual table makes its shadow tables, a trigger follows its tables.
      const objects = fresh.sqlite.prepare("select name, sql from sqlite_master where sql is not null and name not like 'sqlite_%' order by rowid").all() as { name: string; sql: string }[]
      for (const object of objects) if (!has(object.name)) target.exec(object.sql)
      const insertJournal = target.prepare('insert into __drizzle_migrations (id, hash, created_at) values (?, ?, ?)')
      for (const row of journal) insertJournal.run(row.id, row.hash, row.created_at)
      target.prepare('insert or replace into content_version (id, version) values (1, ?)').run(metadata.get('data_version') ?? 'restored')
      rewriteSearchEntries(drizzle(target, { schema }))
    })()
    return { ok: true }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  } finally {
    sqlite?.close()
    fresh.close()
  }
}
