// The version clock in front of the response cache: this process's writes are
// seen at once, another connection's once the clock's age has passed.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { openDatabase, openReadOnly } from '../../src/db/connection.js'
import { dataVersion, versionClock } from '../../src/db/data-version.js'
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
