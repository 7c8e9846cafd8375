// Opening the SQLite database and applying the committed migrations.
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { SEARCH_ENTRIES_FORM } from './search-grams.js'
import { refreshStatistics } from './statistics.js'
import { makeDirectories } from '../directories.js'
import * as schema from './schema.js'

/** The drizzle database, with its better-sqlite3 connection as `$client`. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

export interface Connection {
  sqlite: Database.Database
  db: Db
  close(): void
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url))

/**
 * A read-only connection to a database another connection writes: queries
 * cannot change data, whatever SQL they run. WAL lets it read while the
 * writer writes, and it sees each import once committed.
 */
export function openReadOnly(path: string, options: { snapshots?: boolean } = {}): Connection {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true })
  // query_only also refuses VACUUM INTO, which writes a copy elsewhere and leaves this file alone.
  if (!options.snapshots) sqlite.pragma('query_only = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle(sqlite, { schema })
  return { sqlite, db, close: () => sqlite.close() }
}

/** Opens (creating if needed) the database at `path` (':memory:' for tests) and migrates it. */
export function openDatabase(path: string): Connection {
  if (path !== ':memory:') makeDirectories(dirname(path))
  const sqlite = new Database(path)
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle(sqlite, { schema })
  const before = migrationsApplied(sqlite)
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER })
  // A new database has no entries of an older form: every one will be written in this one. (Left at 0,
  // the first start after importing into it would write every plan's entries again.)
  if (before === 0) sqlite.pragma(`user_version = ${SEARCH_ENTRIES_FORM}`)
  // A migration that built indexes leaves them without statistics until the next import: the planner would guess.
  if (before > 0 && migrationsApplied(sqlite) > before) refreshStatistics(db)
  return { sqlite, db, close: () => sqlite.close() }
}

/** How many migrations drizzle has recorded in this database (0 for a new one). */
function migrationsApplied(sqlite: Database.Database): number {
  const journal = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get()
  return journal === undefined ? 0 : (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n
}
