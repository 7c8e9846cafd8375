// The downloads writer thread: calls made while it runs are coalesced, a
// failure is reported rather than thrown, and the files match the database.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { DEFAULT_DATASET_INFO } from '../../src/dataset-info.js'
import { openDatabase } from '../../src/db/connection.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { seedDatabase } from '../../src/importer/seed.js'
import { parsePlan } from '../../src/plans/parse.js'
import { readManifest } from '../../src/publish/downloads.js'
import { createPublisher } from '../../src/publish/publisher.js'
import { OPENINGS_DIR, SEED_PLAN_DIR, tempDir } from '../helper.js'

const licence = { license: DEFAULT_DATASET_INFO.license, attribution: DEFAULT_DATASET_INFO.attribution }

function setUp(t: { teardown(fn: () => unknown): void }) {
  const dir = tempDir(t, 'publisher')
  const databasePath = join(dir, 'plans.db')
  const connection = openDatabase(databasePath)
  seedDatabase(connection.db, SEED_PLAN_DIR)
  t.teardown(() => connection.close())
  return { dir, databasePath, connection }
}

t.test('a burst of publishes is written twice, and the last write has every plan', async (t) => {
  const { dir, databasePath, connection } = setUp(t)
  const publisher = createPublisher({ databasePath, dir: join(dir, 'downloads'), licence, db: connection.db })
  t.teardown(() => publisher.close())
  const first = publisher.publish()
  importPlans(connection.db, [{ plan: parsePlan(readFileSync(join(OPENINGS_DIR, 'kita-2022.txt'), 'utf8')) }])
  const rest = [publisher.publish(), publisher.publish(), publisher.publish()]
  t.equal(rest[0], rest[2], 'the calls made during a run share one run after it')
  t.not(rest[0], first)
  const outcomes = await Promise.all([first, ...rest])
  t.ok(outcomes.every((o) => o.ok), JSON.stringify(outcomes))
  const plans = readFileSync(join(dir, 'downloads', 'plans.csv'), 'utf8').trimEnd().split('\n')
  t.equal(plans.length, 3, 'a header, the seed plan and kita-2022')
  t.equal(readManifest(join(dir, 'downloads'))?.files.length, 15)
})

t.test('a write that fails is reported, and the previous downloads stay', async (t) => {
  const { dir, databasePath, connection } = setUp(t)
  const blocked = join(dir, 'not-a-directory')
  writeFileSync(blocked, 'a file where the downloads directory would go')
  const publisher = createPublisher({ databasePath, dir: join(blocked, 'downloads'), licence, db: connection.db })
  t.teardown(() => publisher.close())
  const outcome = await publisher.publish()
  t.equal(outcome.ok, false)
  t.match(outcome.ok ? '' : outcome.message, /ENOTDIR|EEXIST/)
})

t.test('an in-memory database is written on this thread', async (t) => {
  const dir = tempDir(t, 'publisher')
  const connection = openDatabase(':memory:')
  t.teardown(() => connection.close())
  seedDatabase(connection.db, SEED_PLAN_DIR)
  const publisher = createPublisher({ databasePath: ':memory:', dir: join(dir, 'downloads'), licence, db: connection.db })
  const outcome = await publisher.publish()
  t.match(outcome, { ok: true, files: 15 })
  t.equal(readFileSync(join(dir, 'downloads', 'initiatives.csv'), 'utf8').trimEnd().split('\n').length, 10, 'a header and 9 initiatives')
})

t.test('a writer thread that cannot open the database is reported, not thrown', async (t) => {
  const dir = tempDir(t, 'publisher')
  const connection = openDatabase(':memory:')
  t.teardown(() => connection.close())
  const publisher = createPublisher({ databasePath: join(dir, 'missing.db'), dir: join(dir, 'downloads'), licence, db: connection.db })
  t.teardown(() => publisher.close())
  const outcome = await publisher.publish()
  t.equal(outcome.ok, false)
  t.match(outcome.ok ? '' : outcome.message, /^cannot open the database: (unable to open|.*does not exist)/)
})
