// The version clock in front of the response cache: this process's writes are
// seen at once, another connection's once the clock's age has passed.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { openDatabase, openReadOnly } from '../../src/db/connection.js'
import { dataVersion, versionClock } from '../../src/db/data-version.js'
import { pinReads } from '../../src/db/read-snapshot.js'
import { buildApp } from '../../src/app.js'
import { deletePlan } from '../../src/importer/delete-plan.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { parsePlan } from '../../src/plans/parse.js'
import { SEED_PLAN, tempDir } from '../helper.js'

t.test('versionClock', async (t) => {
  const dir = tempDir(t, 'version')
  const writer = openDatabase(join(dir, 'plans.db'))
  const reader = openReadOnly(join(dir, 'plans.db'))
  t.teardown(() => {
    reader.close()
    writer.close()
  })
  let time = 0
  const clock = versionClock(reader.db, 1000, () => time)
  const start = clock()
  t.equal(start, dataVersion(reader.db))

  // Another process's write: nothing tells this process, so it shows once the second has passed.
  writer.sqlite.prepare("insert into organizations (id, name, kind, city) values ('x', 'x', 'ward', 'x')").run()
  time = 999
  t.equal(clock(), start, 'not asked again within the second')
  time = 1000
  const afterOther = clock()
  t.not(afterOther, start, 'asked again after a second')

  // This process's imports and deletes are seen at once.
  importPlans(writer.db, [{ plan: parsePlan(readFileSync(SEED_PLAN, 'utf8')) }])
  const afterImport = clock()
  t.not(afterImport, afterOther, 'an import is seen at once')
  deletePlan(writer.db, 'asahi-2017')
  t.not(clock(), afterImport, 'a delete is seen at once')
})

t.test('pinReads: a serving connection reads one snapshot, renewed on this process’s writes and once a second', async (t) => {
  const dir = tempDir(t, 'pinned')
  const writer = openDatabase(join(dir, 'plans.db'))
  const reader = openReadOnly(join(dir, 'plans.db'))
  let time = 0
  const pin = pinReads(reader.sqlite, 1000, () => time)
  t.teardown(() => {
    pin.release()
    reader.close()
    writer.close()
  })
  const organizations = reader.sqlite.prepare('select count(*) from organizations').pluck()
  const versionUnpinned = dataVersion(reader.db)

  pin()
  t.ok(reader.sqlite.inTransaction, 'the reads share a read transaction')
  const start = dataVersion(reader.db)
  t.equal(start, versionUnpinned, 'the same version as asked without a snapshot')
  t.equal(organizations.get(), 0)

  // Another process's write: the snapshot keeps the data and version it was taken with, until it is a second old.
  writer.sqlite.prepare("insert into organizations (id, name, kind, city) values ('x', 'x', 'ward', 'x')").run()
  time = 999
  pin()
  t.equal(organizations.get(), 0, 'within the second: the snapshot as taken')
  t.equal(dataVersion(reader.db), start, 'and its version')
  time = 1000
  pin()
  t.equal(organizations.get(), 1, 'a second later: renewed')
  const renewed = dataVersion(reader.db)
  t.not(renewed, start, 'with a new version')

  // This process's imports are seen at once.
  importPlans(writer.db, [{ plan: parsePlan(readFileSync(SEED_PLAN, 'utf8')) }])
  pin()
  t.equal(reader.sqlite.prepare("select count(*) from plans where id = 'asahi-2017'").pluck().get(), 1, 'an import is seen at once')
  t.not(dataVersion(reader.db), renewed)

  // The writer is never held back by the snapshot (WAL), and a released connection reads in autocommit again.
  deletePlan(writer.db, 'asahi-2017')
  pin.release()
  t.notOk(reader.sqlite.inTransaction, 'released')
  t.equal(reader.sqlite.prepare("select count(*) from plans where id = 'asahi-2017'").pluck().get(), 0)
})

t.test('a file-backed app answers from its snapshot and sees its own writes at once', async (t) => {
  const dir = tempDir(t, 'pinned-app')
  const app = await buildApp({ databasePath: join(dir, 'plans.db'), seedDir: null, cacheResponses: false, adminToken: 'secret' })
  t.teardown(() => app.close())
  t.same((await app.inject('/v1/plans')).json().data, [])
  const created = await app.inject({ method: 'POST', url: '/v1/plans', headers: { authorization: 'Bearer secret', 'content-type': 'text/plain; charset=utf-8' }, payload: readFileSync(SEED_PLAN, 'utf8') })
  t.equal(created.statusCode, 201)
  const plans = (await app.inject('/v1/plans')).json()
  t.same(plans.data.map((plan: { id: string }) => plan.id), ['asahi-2017'], 'the new plan is listed at once')
  t.equal(plans.page.total, 1)
  const initiatives = (await app.inject('/v1/initiatives?plan=asahi-2017&limit=100')).json()
  t.ok(initiatives.data.length > 0 && initiatives.data.length === initiatives.page.total, 'its initiatives, as many as counted')
})
