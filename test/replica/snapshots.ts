// Snapshots for the replica tests, made the way the writer publishes them (VACUUM INTO).
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { openDatabase } from '../../src/db/connection.js'
import { deletePlan } from '../../src/importer/delete-plan.js'
import { seedDatabase } from '../../src/importer/seed.js'
import { finishSnapshot } from '../../src/publish/snapshot-contents.js'
import { SEED_PLAN_DIR } from '../helper.js'

/** A snapshot of the database seeded with the seed plan alone, in `dir`; `empty`: with its plans deleted (another import). */
export function makeSnapshot(dir: string, name: string, options: { empty?: boolean } = {}): string {
  const connection = openDatabase(join(dir, `${name}.db`))
  seedDatabase(connection.db, SEED_PLAN_DIR)
  if (options.empty) deletePlan(connection.db, 'asahi-2017')
  const path = join(dir, `${name}.sqlite`)
  connection.db.run(sql`vacuum into ${path}`)
  connection.close()
  finishSnapshot(path, { license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' }, attribution: '出典: test', generatedAt: new Date().toISOString() })
  return path
}
