// The facts of the FY2017 Asahi plan (shared/DOMAIN.md), read by the parser from seed/.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { parsePlan } from '../../src/plans/parse.js'
import { SEED_PLAN } from '../helper.js'

const plan = parsePlan(readFileSync(SEED_PLAN, 'utf8'), 'asahi-2017.txt')
const initiatives = plan.issues.flatMap((i) => i.strategies.flatMap((s) => s.initiatives))

t.test('provenance: id, organization, year, update date, page id', async (t) => {
  t.equal(plan.id, 'asahi-2017')
  t.same(plan.organization, { id: 'asahi', name: '旭区', kind: 'ward', code: '271179', city: '大阪市' })
  t.equal(plan.fiscalYear, 2017)
  t.equal(plan.fiscalYearLabel, '平成29年度')
  t.equal(plan.title, '平成29年度 旭区運営方針')
  t.equal(plan.isDraft, false)
  t.equal(plan.updatedOn, '2018-06-07')
  t.equal(plan.pageId, '397263')
  t.equal(plan.sourceUrl, null)
  t.same(plan.warnings, [], 'the complete plan reads without warnings')
})

t.test('contact', async (t) => {
  t.same(plan.contact, {
    department: '大阪市旭区役所 企画課',
    postalCode: '535-8501',
    address: '大阪市旭区大宮1丁目1番17号(旭区役所3階)',
    phone: '06-6957-9683',
    fax: '06-6952-3247',
  })
})

t.test('3 goals, 3 missions, 1 policy', async (t) => {
  t.equal(plan.goals.length, 3)
  t.equal(plan.goals[0], 'にぎわいがあり活力ある旭区づくり', 'bullet marks are layout, not text')
  t.equal(plan.missions.length, 3)
  t.type(plan.policy, 'string')
  t.match(plan.policy!, /^大きな公共を担う/)
})

t.test('4 issues; 5 strategies numbered as published, gaps kept', async (t) => {
  t.same(plan.issues.map((i) => i.number), [1, 2, 3, 4])
  t.same(plan.issues.map((i) => i.id), ['asahi-2017.1', 'asahi-2017.2', 'asahi-2017.3', 'asahi-2017.4'])
  t.equal(plan.issues[0].title, 'にぎわいがあり活力あるまちづくりの推進')
  t.match(plan.issues[2].aim!, /\n交通事故や犯罪のない/, 'a two-line aim keeps both lines')
  const strategies = plan.issues.flatMap((i) => i.strategies)
  t.same(strategies.map((s) => s.number), ['1-1', '1-2', '2-3', '3-1', '4-2'])
  t.equal(strategies[2].id, 'asahi-2017.2-3')
  t.equal(strategies[0].points.length, 2)
})

t.test('9 initiatives; 7 budgets sum to 48,639,000 yen; 4-2-1 and 4-2-2 have -円', async (t) => {
  t.equal(initiatives.length, 9)
  const budgeted = initiatives.filter((i) => i.budget?.amountYen != null)
  t.equal(budgeted.length, 7)
  t.equal(budgeted.reduce((sum, i) => sum + i.budget!.amountYen!, 0), 48_639_000)
  const unbudgeted = initiatives.filter((i) => i.budget?.amountYen === null)
  t.same(unbudgeted.map((i) => i.number), ['4-2-1', '4-2-2'])
  t.same(unbudgeted[0].budget, { amountYen: null, fiscalYear: 2017, text: '(平成29年度予算額:-円)' }, '-円 is a budget line without an amount, not zero')
  t.same(initiatives[0].budget, { amountYen: 7_133_000, fiscalYear: 2017, text: '(平成29年度予算額:7,133千円)' })
})

t.test('text is kept as published, typo included', async (t) => {
  const i311 = initiatives.find((i) => i.number === '3-1-1')!
  t.equal(i311.title, '地域住民の命を財産を守る')
  t.same(i311.points, ['地域の初期消火能力増強の支援を行う。', '大型消火器の追加配備 15台(計107台)'])
})

t.test('2 reform items', async (t) => {
  t.equal(plan.reformItems.length, 2)
  t.equal(plan.reformItems[1].item, '自律的なリスク管理体制の構築')
  t.match(plan.reformItems[0].content!, /Asahi Management System/)
})
