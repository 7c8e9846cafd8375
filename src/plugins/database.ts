// The database: opened and migrated at start, seeded when empty (the catalogue too), closed with the app.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type Connection, type Db, openDatabase, openReadOnly } from '../db/connection.js'
import { pinReads } from '../db/read-snapshot.js'
import { plans } from '../db/schema.js'
import { catalogueIsEmpty, loadCatalogue } from '../importer/catalogue.js'
import { refreshSearchEntries } from '../importer/search-entries.js'
import { seedDatabase } from '../importer/seed.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The read-only connection every query uses. */
    db: Db
    sqlite: Connection['sqlite']
    /** The importer's connection: the only one that writes. */
    writer: Db
  }
}

export interface DatabaseOptions {
  databasePath: string
  /** Seed an empty database from this directory at start; null to leave it empty. */
  seedDir: string | null
  /** Open the file read-only: no migrations, no seeding (a replica's snapshot, a cluster worker). */
  readOnly?: boolean
}

async function database(app: FastifyInstance, options: DatabaseOptions) {
  if (options.readOnly) {
    const reader = openReadOnly(options.databasePath)
    app.addHook('onClose', async () => reader.close())
    pinRequestReads(app, reader)
    // No writer: the write routes are refused (plugins/read-only.ts), and a write through this connection would throw.
    app.decorate('writer', reader.db)
    app.decorate('db', reader.db)
    app.decorate('sqlite', reader.sqlite)
    return
  }
  const writer = openDatabase(options.databasePath)
  app.addHook('onClose', async () => writer.close())
  // Search entries written by an older version (before notes and contact were searched) are written again.
  const rewritten = refreshSearchEntries(writer.db)
  if (rewritten > 0) app.log.info({ plans: rewritten }, 'rewrote the search entries of every plan')
  if (options.seedDir && writer.db.select({ id: plans.id }).from(plans).limit(1).all().length === 0) {
    const summaries = seedDatabase(writer.db, options.seedDir)
    app.log.info({ plans: summaries.map((s) => s.planId) }, 'seeded an empty database')
  } else if (options.seedDir && catalogueIsEmpty(writer.db)) {
    // A database seeded before the catalogue existed gets it without losing its plans.
    app.log.info({ entries: loadCatalogue(writer.db, options.seedDir) }, 'loaded the catalogue of plan pages')
  }
  // An in-memory database exists only in its one connection, so there it also reads.
  const reader = options.databasePath === ':memory:' ? writer : openReadOnly(options.databasePath)
  if (reader !== writer) {
    app.addHook('onClose', async () => reader.close())
    pinRequestReads(app, reader)
  }
  app.decorate('writer', writer.db)
  app.decorate('db', reader.db)
  app.decorate('sqlite', reader.sqlite)
}

/** Each request's reads share the reader's snapshot (db/read-snapshot.ts): the reader never writes. */
function pinRequestReads(app: FastifyInstance, reader: Connection): void {
  const pin = pinReads(reader.sqlite)
  app.addHook('onRequest', (_request, _reply, done) => {
    pin()
    done()
  })
  // (Closing with the snapshot still open is harmless too: a read transaction has nothing to keep.)
  app.addHook('onClose', async () => pin.release())
}

export default fp(database, { name: 'database' })
