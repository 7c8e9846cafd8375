// Flat tables: every CSV and JSON Lines row carries what a spreadsheet needs
// without a join (its plan's organization and fiscal year; a plan's goals,
// missions, policy and contact), lists as JSON beside their text, alike in
// the paged CSV, the streamed lists and the downloads.
import { parse } from 'csv-parse/sync'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { LIST_SEPARATOR } from '../../src/formats/tables.js'
import { SEED_DIR, tempDir } from '../helper.js'

type Row = Record<string, string>
const csvOf = (body: string) => parse(body, { bom: true, columns: true }) as Row[]
const linesOf = (body: string) => body.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>)

async function seeded(t: { teardown(fn: () => unknown): void }) {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, downloadsDir: tempDir(t, 'flat-tables'), maxEventLoopDelay: 0 })
  t.teardown(() => app.close())
  await app.ready()
  return app
}

t.test('initiative rows name their organization, fiscal year and plan in every CSV', async (t) => {
  const app = await seeded(t)
  const paged = csvOf((await app.inject({ url: '/v1/initiatives?plan=asahi-2017&format=csv&limit=100' })).body)
  const streamed = csvOf((await app.inject({ url: '/v1/initiatives.csv?plan=asahi-2017' })).body)
  const downloaded = csvOf((await app.inject({ url: '/downloads/initiatives.csv' })).body).filter((r) => r.planId === 'asahi-2017')
  t.equal(paged.length, 9, "the seed plan's 9 initiatives")
  t.same(streamed, paged, 'the streamed list has the same columns and cells')
  t.same(downloaded, paged, 'and so has the download')
  const first = paged[0]
  t.match(first, { id: 'asahi-2017.1-1-1', planId: 'asahi-2017', organizationId: 'asahi', organizationName: '旭区', fiscalYear: '2017', budgetYen: '7133000' })
  t.same(JSON.parse(first.points), [first.pointsText], 'one point: its text alone')
  t.match(first.pointsText, /^区外からの旭区への集客を図り/)
  t.ok(paged.every((r) => r.organizationName === '旭区' && r.fiscalYear === '2017'))

  const line = linesOf((await app.inject({ url: '/v1/initiatives.jsonl?plan=asahi-2017' })).body)[0]
  t.match(line, { id: 'asahi-2017.1-1-1', organizationId: 'asahi', organizationName: '旭区', fiscalYear: 2017, budget: { amountYen: 7_133_000 } }, 'JSON Lines: the entity and the same additions')
  t.notOk('pointsText' in line, 'JSON keeps lists as arrays, with no text column')
})

t.test('plans carry goals, missions, policy and contact as text', async (t) => {
  const app = await seeded(t)
  for (const url of ['/v1/plans?organization=asahi&format=csv', '/v1/plans.csv?organization=asahi', '/downloads/plans.csv']) {
    const plan = csvOf((await app.inject({ url })).body).find((r) => r.id === 'asahi-2017')!
    t.equal(plan.organizationName, '旭区', url)
    t.equal(plan.goalsText, ['にぎわいがあり活力ある旭区づくり', '子育てしやすい旭区づくり', '災害に強い安全で安心な旭区づくり'].join(LIST_SEPARATOR))
    t.same(JSON.parse(plan.goals), plan.goalsText.split(LIST_SEPARATOR))
    t.equal(JSON.parse(plan.missions)[2], '災害対応能力向上のための施策の推進')
    t.match(plan.policy, /^大きな公共を担う活力ある地域社会づくりをめざし/)
    t.match(plan, { contactDepartment: '大阪市旭区役所 企画課', contactPostalCode: '535-8501', contactPhone: '06-6957-9683', contactFax: '06-6952-3247' })
  }
  const excerpt = csvOf((await app.inject({ url: '/v1/plans.csv?organization=kita' })).body).find((r) => r.id === 'kita-2022')!
  t.match(excerpt, { completeness: 'excerpt', contactPhone: '' }, 'an excerpt stops before its contact: empty, not invented')
})

t.test('issues and strategies: their plan, SDGs and budget lines as JSON and as text', async (t) => {
  const app = await seeded(t)
  const issues = csvOf((await app.inject({ url: '/v1/issues.csv?plan=sumiyoshi-2023' })).body)
  const first = issues.find((r) => r.id === 'sumiyoshi-2023.1')!
  t.match(first, { organizationId: 'sumiyoshi', organizationName: '住吉区', fiscalYear: '2023', sdgs: '[11,13,16,17]', sdgsText: '11 | 13 | 16 | 17' })
  const budgets = JSON.parse(first.budgets) as { text: string; amountYen: number | null }[]
  t.ok(budgets.length > 0, 'the issue publishes budget lines')
  t.equal(first.budgetsText, budgets.map((b) => b.text).join(LIST_SEPARATOR), 'their text as published, joined')
  const downloaded = csvOf((await app.inject({ url: '/downloads/issues.csv' })).body).find((r) => r.id === 'sumiyoshi-2023.1')
  t.same(downloaded, first, 'the download has the same row')

  const strategy = csvOf((await app.inject({ url: '/v1/strategies?plan=asahi-2017&format=csv' })).body)[0]
  t.match(strategy, { id: 'asahi-2017.1-1', issueId: 'asahi-2017.1', organizationId: 'asahi', organizationName: '旭区', fiscalYear: '2017', sdgs: '[]', sdgsText: '' })
})

t.test('budget groups and search hits say where they sit', async (t) => {
  const app = await seeded(t)
  const byIssue = csvOf((await app.inject({ url: '/v1/budgets.csv?groupBy=issue&plan=asahi-2017' })).body)
  t.match(byIssue[0], { key: 'asahi-2017.1', planId: 'asahi-2017', organizationId: 'asahi', organizationName: '旭区', fiscalYear: '2017', totalYen: '35524000' })
  const byOrganization = csvOf((await app.inject({ url: '/v1/budgets?groupBy=organization&organization=asahi&format=csv' })).body)
  t.match(byOrganization[0], { key: 'asahi', planId: '', organizationId: 'asahi', organizationName: '旭区', fiscalYear: '', totalYen: '48639000' })
  const byYear = csvOf((await app.inject({ url: '/v1/budgets.csv?groupBy=fiscalYear&fiscalYear=2017' })).body)
  t.match(byYear[0], { key: '2017', fiscalYear: '2017', organizationId: '' })
  const hits = csvOf((await app.inject({ url: `/v1/search.csv?q=${encodeURIComponent('防災')}&plan=asahi-2017` })).body)
  t.ok(hits.length > 0)
  t.ok(hits.every((h) => h.organizationName === '旭区' && h.fiscalYear === '2017'))
})
