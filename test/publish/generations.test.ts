// Downloads follow the data's content version: a set is written from one
// snapshot, and a start rewrites it whenever the database holds other data
// than the set was written from (a crash between a delete and the rewrite).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { DEFAULT_DATASET_INFO } from '../../src/dataset-info.js'
import { openDatabase } from '../../src/db/connection.js'
import { contentVersion } from '../../src/db/content-version.js'
import { deletePlan } from '../../src/importer/delete-plan.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { seedDatabase } from '../../src/importer/seed.js'
import { parsePlan } from '../../src/plans/parse.js'
import { readManifest } from '../../src/publish/downloads.js'
import { createPublisher } from '../../src/publish/publisher.js'
import { OPENINGS_DIR, SEED_PLAN_DIR, tempDir } from '../helper.js'

const TOKEN = 'generations-token-0123456789'
const kitaText = readFileSync(join(OPENINGS_DIR, 'kita-2022.txt'), 'utf8')
const licence = { license: DEFAULT_DATASET_INFO.license, attribution: DEFAULT_DATASET_INFO.attribution }

/** The plan ids in a downloaded plans.csv. */
const planIdsIn = (csv: string) => csv.trimEnd().split('\n').slice(1).map((row) => row.split(',')[0])

async function start(dir: string) {
  const app = await buildApp({ databasePath: join(dir, 'plans.db'), seedDir: SEED_PLAN_DIR, downloadsDir: join(dir, 'downloads'), adminToken: TOKEN })
  await app.ready()
  return app
}

t.test('every write moves the content version, in its own transaction, whoever makes it', async (t) => {
  const connection = openDatabase(':memory:')
  t.teardown(() => connection.close())
  const versions = [contentVersion(connection.db)]
  seedDatabase(connection.db, SEED_PLAN_DIR)
  versions.push(contentVersion(connection.db))
  importPlans(connection.db, [{ plan: parsePlan(kitaText) }])
  versions.push(contentVersion(connection.db))
  deletePlan(connection.db, 'kita-2022')
  versions.push(contentVersion(connection.db))
  connection.sqlite.prepare('update plans set title = ? where id = ?').run('changed by hand', 'asahi-2017')
  versions.push(contentVersion(connection.db))
  t.equal(new Set(versions).size, versions.length, `each write gives a new version: ${versions.join(' ')}`)
  t.ok(versions.every((v) => /^[0-9a-f]{16}$/.test(v)))
  const before = contentVersion(connection.db)
  t.throws(() => connection.db.transaction((tx) => {
    deletePlan(tx as never, 'asahi-2017')
    throw new Error('rolled back')
  }))
  t.equal(contentVersion(connection.db), before, 'a rolled-back write leaves the version as it was')
})

t.test('a plan deleted just before a crash is gone from the downloads after the restart', async (t) => {
  for (const how of ['the importer', 'SQL by hand'] as const) {
    const dir = tempDir(t, 'generations')
    const first = await start(dir)
    const posted = await first.inject({ method: 'POST', url: '/v1/plans', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' }, payload: kitaText })
    t.equal(posted.statusCode, 201)
    t.same(planIdsIn((await first.inject({ url: '/downloads/plans.csv' })).body), ['asahi-2017', 'kita-2022'], `${how}: the downloads have the posted plan`)
    await first.close()

    // The crash: the delete is committed, the downloads are never rewritten.
    if (how === 'the importer') {
      const connection = openDatabase(join(dir, 'plans.db'))
      t.equal(deletePlan(connection.db, 'kita-2022'), true)
      connection.close()
    } else {
      const sqlite = new Database(join(dir, 'plans.db'))
      sqlite.pragma('foreign_keys = ON')
      sqlite.prepare("delete from search_entries where plan_id = 'kita-2022'").run()
      t.equal(sqlite.prepare("delete from plans where id = 'kita-2022'").run().changes, 1)
      sqlite.close()
    }
    const stale = readManifest(join(dir, 'downloads'))!
    t.same(planIdsIn(readFileSync(join(dir, 'downloads', 'plans.csv'), 'utf8')), ['asahi-2017', 'kita-2022'], `${how}: before the restart the set is stale`)

    const second = await start(dir)
    t.teardown(() => second.close())
    const manifest = readManifest(join(dir, 'downloads'))!
    t.not(manifest.dataVersion, stale.dataVersion, `${how}: the start rewrote the set`)
    t.equal(manifest.dataVersion, contentVersion(second.db), 'from the data the database holds')
    t.same(planIdsIn((await second.inject({ url: '/downloads/plans.csv' })).body), ['asahi-2017'], `${how}: the deleted plan is gone from plans.csv`)
    const initiatives = (await second.inject({ url: '/downloads/initiatives.csv' })).body
    t.notMatch(initiatives, /kita-2022/, 'and from initiatives.csv')
    t.equal(initiatives.trimEnd().split('\n').length, 10, 'a header and the seed plan\'s 9 initiatives')
    t.same(JSON.parse((await second.inject({ url: '/downloads/plans.json' })).body).plans.map((p: { id: string }) => p.id), ['asahi-2017'])

    await second.close()
    const third = await start(dir)
    t.teardown(() => third.close())
    t.equal(readManifest(join(dir, 'downloads'))!.generatedAt, manifest.generatedAt, `${how}: a start over unchanged data writes nothing`)
  }
})

t.test('each set is one generation, while imports and deletes go on beside the writer', async (t) => {
  const dir = tempDir(t, 'generations')
  const databasePath = join(dir, 'plans.db')
  const connection = openDatabase(databasePath)
  t.teardown(() => connection.close())
  seedDatabase(connection.db, SEED_PLAN_DIR)
  const publisher = createPublisher({ databasePath, dir: join(dir, 'downloads'), licence, db: connection.db })
  t.teardown(() => publisher.close())
  const kita = parsePlan(kitaText)
  for (let round = 0; round < 2; round++) {
    let done = false
    const written = publisher.publish().finally(() => {
      done = true
    })
    let writes = 0
    while (!done) {
      if (writes % 2 === 0) importPlans(connection.db, [{ plan: kita }])
      else deletePlan(connection.db, kita.id)
      writes++
      await new Promise((resolve) => setImmediate(resolve))
    }
    t.ok((await written).ok)
    const downloads = join(dir, 'downloads')
    const manifest = readManifest(downloads)!
    const snapshot = new Database(join(downloads, 'ward-plans.sqlite'), { readonly: true })
    const inSnapshot = snapshot.prepare('select id from plans order by id').pluck().all()
    const snapshotVersion = snapshot.prepare("select value from dataset_metadata where key = 'data_version'").pluck().get()
    snapshot.close()
    const csvPlans = planIdsIn(readFileSync(join(downloads, 'plans.csv'), 'utf8'))
    const jsonPlans = JSON.parse(readFileSync(join(downloads, 'plans.json'), 'utf8')).plans.map((p: { id: string }) => p.id)
    const initiativePlans = [...new Set(readFileSync(join(downloads, 'initiatives.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).planId))].sort()
    t.equal(manifest.dataVersion, snapshotVersion, `round ${round} (${writes} writes beside it): the manifest names the snapshot's version`)
    t.same(csvPlans, inSnapshot, 'plans.csv holds the snapshot\'s plans')
    t.same(jsonPlans, inSnapshot, 'plans.json too')
    t.same(initiativePlans, inSnapshot, 'initiatives.jsonl too')
  }
})
