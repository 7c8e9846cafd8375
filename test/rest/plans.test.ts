import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { importPlans } from '../../src/importer/import-plans.js'
import { parsePlan } from '../../src/plans/parse.js'
import { OPENINGS_DIR, build, getJson } from '../helper.js'

t.test('GET /v1/plans/asahi-2017 returns the whole plan', async (t) => {
  const app = await build(t)
  const { status, body } = await getJson(app, '/v1/plans/asahi-2017')
  t.equal(status, 200)
  t.equal(body.title, '平成29年度 旭区運営方針')
  t.equal(body.organization.code, '271179')
  t.equal(body.contact.phone, '06-6957-9683')
  const initiatives = body.issues.flatMap((i: any) => i.strategies.flatMap((s: any) => s.initiatives))
  t.equal(initiatives.length, 9)
  t.equal(initiatives.reduce((sum: number, i: any) => sum + (i.budget?.amountYen ?? 0), 0), 48_639_000)
  t.same(initiatives.filter((i: any) => i.budget?.amountYen === null).map((i: any) => i.number), ['4-2-1', '4-2-2'])
  t.equal(body.reformItems.length, 2)
})

t.test('the plan list and its filters', async (t) => {
  const app = await build(t)
  t.same((await getJson(app, '/v1/plans')).body.data.map((p: any) => p.id), ['asahi-2017'])
  t.equal((await getJson(app, '/v1/plans?organization=asahi&fiscalYear=2017&isDraft=false')).body.page.total, 1)
  t.equal((await getJson(app, '/v1/plans?fiscalYear=2018')).body.page.total, 0)
  t.equal((await getJson(app, '/v1/plans?isDraft=true')).body.page.total, 0)
})

t.test('organizations', async (t) => {
  const app = await build(t)
  const { body } = await getJson(app, '/v1/organizations/asahi')
  t.same(body, { id: 'asahi', name: '旭区', kind: 'ward', code: '271179', city: '大阪市', url: '/v1/organizations/asahi' }, 'with its own url')
  t.equal((await getJson(app, '/v1/organizations?kind=ward')).body.page.total, 1)
  t.equal((await getJson(app, '/v1/organizations?kind=bureau')).body.page.total, 0)
})

t.test('issues and strategies', async (t) => {
  const app = await build(t)
  const issues = await getJson(app, '/v1/issues?plan=asahi-2017')
  t.same(issues.body.data.map((i: any) => i.id), ['asahi-2017.1', 'asahi-2017.2', 'asahi-2017.3', 'asahi-2017.4'])
  t.equal((await getJson(app, '/v1/issues/asahi-2017.4')).body.title, '区民サービスの充実')
  const strategies = await getJson(app, '/v1/strategies?organization=asahi')
  t.same(strategies.body.data.map((s: any) => s.number), ['1-1', '1-2', '2-3', '3-1', '4-2'])
  t.same((await getJson(app, '/v1/strategies?issue=asahi-2017.2')).body.data.map((s: any) => s.id), ['asahi-2017.2-3'])
  t.equal((await getJson(app, '/v1/strategies/asahi-2017.2-3')).body.title, '総合的な子育て支援')
})

t.test('health answers with the database', async (t) => {
  const app = await build(t)
  const { status, body, headers } = await getJson(app, '/healthz')
  t.equal(status, 200)
  t.same(body, { status: 'ok', role: 'writer', plans: 1 })
  t.equal(headers['cache-control'], 'no-store')
  // The count is read on every probe (its statement is prepared once), so an import shows at once.
  importPlans(app.writer, [{ plan: parsePlan(readFileSync(join(OPENINGS_DIR, 'sumiyoshi-2023.txt'), 'utf8'), 'sumiyoshi-2023.txt') }])
  t.equal((await getJson(app, '/healthz')).body.plans, 2)
})

t.test('issue budget lines (FY2023 on) in the issue, the plan document and GraphQL', async (t) => {
  const app = await build(t)
  const text = readFileSync(join(OPENINGS_DIR, 'sumiyoshi-2023.txt'), 'utf8')
  importPlans(app.writer, [{ plan: parsePlan(text, 'sumiyoshi-2023.txt') }])
  const expected = [
    { kind: 'settlement', amountYen: 69_000_000, fiscalYear: 2021, text: '令和3年度決算額 6千9百万円' },
    { kind: 'budget', amountYen: 53_000_000, fiscalYear: 2022, text: '令和4年度予算額 5千3百万円' },
    { kind: 'budget', amountYen: 54_000_000, fiscalYear: 2023, text: '令和5年度予算額 5千4百万円' },
  ]
  t.same((await getJson(app, '/v1/issues/sumiyoshi-2023.1')).body.budgets, expected)
  t.same((await getJson(app, '/v1/plans/sumiyoshi-2023')).body.issues[0].budgets, expected)
  t.same((await getJson(app, '/v1/issues/asahi-2017.1')).body.budgets, [], 'the seed plan has none')
  const graphql = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ issue(id: "sumiyoshi-2023.1") { budgets { kind amountYen fiscalYear text } } }' } })
  t.same(graphql.json().data.issue.budgets, expected)
})
