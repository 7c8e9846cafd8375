// The database: opened and migrated at start, seeded when empty, closed with the app.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type Connection, type Db, openDatabase } from '../db/connection.js'
import { plans } from '../db/schema.js'
import { seedDatabase } from '../importer/seed.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    sqlite: Connection['sqlite']
  }
}

export interface DatabaseOptions {
  databasePath: string
  /** Seed an empty database from this directory at start; null to leave it empty. */
  seedDir: string | null
}

async function database(app: FastifyInstance, options: DatabaseOptions) {
  const connection = openDatabase(options.databasePath)
  app.decorate('db', connection.db)
  app.decorate('sqlite', connection.sqlite)
  app.addHook('onClose', async () => connection.close())

  if (options.seedDir && connection.db.select({ id: plans.id }).from(plans).limit(1).all().length === 0) {
    const summaries = seedDatabase(connection.db, options.seedDir)
    app.log.info({ plans: summaries.map((s) => s.planId) }, 'seeded an empty database')
  }
}

export default fp(database, { name: 'database' })
