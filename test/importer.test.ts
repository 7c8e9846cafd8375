// The importer: one transaction, idempotent, and nothing written when anything fails.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { openDatabase } from '../src/db/connection.js'
import { importPlans } from '../src/importer/import-plans.js'
import { seedDatabase } from '../src/importer/seed.js'
import { parsePlan } from '../src/plans/parse.js'
import type { PlanDocument } from '../src/plans/types.js'
import { SEED_PLAN_DIR, SEED_PLAN } from './helper.js'

const counts = (sqlite: ReturnType<typeof openDatabase>['sqlite']) =>
  Object.fromEntries(
    ['organizations', 'plans', 'goals', 'missions', 'management_issues', 'strategies', 'initiatives', 'budgets', 'reform_items', 'contacts'].map((table) => [
      table,
      (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n,
    ]),
  )

const seedPlan = () => parsePlan(readFileSync(SEED_PLAN, 'utf8'), 'asahi-2017.txt')

t.test('the seed plan lands whole', async (t) => {
  const { db, sqlite, close } = openDatabase(':memory:')
  t.teardown(close)
  const [summary] = seedDatabase(db, SEED_PLAN_DIR)
  t.same(summary, { planId: 'asahi-2017', completeness: 'complete', initiatives: 9, budgetYen: 48_639_000, replaced: false, changed: true })
  t.same(counts(sqlite), { organizations: 1, plans: 1, goals: 3, missions: 3, management_issues: 4, strategies: 5, initiatives: 9, budgets: 9, reform_items: 2, contacts: 1 })
  const sum = sqlite.prepare('select sum(amount_yen) as yen, count(*) - count(amount_yen) as nulls from budgets').get()
  t.same(sum, { yen: 48_639_000, nulls: 2 }, '-円 is stored as NULL, not 0')
})

t.test('re-importing the same plan leaves one copy', async (t) => {
  const { db, sqlite, close } = openDatabase(':memory:')
  t.teardown(close)
  importPlans(db, [{ plan: seedPlan() }])
  const once = counts(sqlite)
  const times = () => sqlite.prepare('select imported_at as importedAt, updated_at as updatedAt from plans').get() as { importedAt: string; updatedAt: string }
  const events = () => sqlite.prepare('select plan_id as planId, kind, title from plan_events order by id').all()
  const first = times()
  const [again] = importPlans(db, [{ plan: seedPlan() }, { plan: seedPlan() }])
  t.equal(again.replaced, true)
  t.equal(again.changed, false, 'the same content is no change')
  t.same(counts(sqlite), once)
  t.same(times(), first, 'importedAt and updatedAt stay')
  t.same(events(), [{ planId: 'asahi-2017', kind: 'added', title: '平成29年度 旭区運営方針' }], 'and the feed records nothing')

  const edited = seedPlan()
  edited.policy = `${edited.policy}\n(追記)`
  const [replaced] = importPlans(db, [{ plan: edited }])
  t.match(replaced, { replaced: true, changed: true })
  t.equal(times().importedAt, first.importedAt, 'a replacement keeps the first import time')
  t.ok(times().updatedAt > first.updatedAt, 'and moves updatedAt')
  t.same((events() as { kind: string }[]).map((e) => e.kind), ['added', 'replaced'])
})

t.test('a plan that fails leaves the database exactly as it was', async (t) => {
  const { db, sqlite, close } = openDatabase(':memory:')
  t.teardown(close)
  importPlans(db, [{ plan: seedPlan() }])
  const before = counts(sqlite)
  const before311 = sqlite.prepare("select title from initiatives where id = 'asahi-2017.3-1-1'").get()

  // A valid replacement of asahi-2017 followed by a broken plan: both must roll back.
  const changed = seedPlan()
  changed.issues[2].strategies[0].initiatives[0].title = 'changed'
  const broken: PlanDocument = { ...seedPlan(), id: 'broken-2017' } // its child ids collide with asahi-2017's
  t.throws(() => importPlans(db, [{ plan: changed }, { plan: broken }]), /UNIQUE constraint failed/)
  t.same(counts(sqlite), before, 'no row added or removed')
  t.same(sqlite.prepare("select title from initiatives where id = 'asahi-2017.3-1-1'").get(), before311, 'the earlier plan in the batch was rolled back too')
})

t.test('migrations switch foreign keys on', async (t) => {
  const { sqlite, close } = openDatabase(':memory:')
  t.teardown(close)
  t.equal(sqlite.pragma('foreign_keys', { simple: true }), 1)
})
