// Japanese full-text search and budget totals, over REST and GraphQL.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { openDatabase } from '../../src/db/connection.js'
import { SEARCH_ENTRIES_FORM } from '../../src/db/search-grams.js'
import { refreshSearchEntries } from '../../src/importer/search-entries.js'
import { OPENINGS_DIR, SEED_PLAN_DIR, build, getJson, tempDir } from '../helper.js'

const searchIds = async (app: Awaited<ReturnType<typeof build>>, q: string, extra = '') => {
  const { status, body } = await getJson(app, `/v1/search?q=${encodeURIComponent(q)}${extra}`)
  t.equal(status, 200, `q=${q} answers 200`)
  return body.data.map((hit: any) => `${hit.kind}:${hit.id}`)
}

t.test('Japanese words of any length', async (t) => {
  const app = await build(t)
  t.ok((await searchIds(app, '防災')).includes('initiative:asahi-2017.3-1-2'), '防災 (2 characters) finds 3-1-2')
  t.equal((await searchIds(app, '城北公園'))[0], 'initiative:asahi-2017.1-1-1', '城北公園 finds 1-1-1 first')
  t.same(await searchIds(app, 'マタニティカフェ'), ['initiative:asahi-2017.2-3-1'])
  const muda = await searchIds(app, 'ムダ')
  t.ok(muda.includes('initiative:asahi-2017.4-2-1'), 'ムダ finds 4-2-1')
  t.ok(muda.some((id: string) => id.startsWith('reformItem:')), 'ムダ finds a reform item')
  t.ok((await searchIds(app, '旭')).length > 0, 'one character works')
  t.same(await searchIds(app, 'ﾏﾀﾆﾃｨｶﾌｪ'), ['initiative:asahi-2017.2-3-1'], 'half-width katakana match after NFKC')
  t.same(await searchIds(app, '城北公園 イベント'), ['initiative:asahi-2017.1-1-1'], 'several words mean AND')
  t.same(await searchIds(app, '存在しない言葉'), [], 'no match is an empty list, not an error')
  t.same(await searchIds(app, '防災', '&kind=strategy'), ['strategy:asahi-2017.3-1'], 'kind filter')
})

t.test('every text of a plan is searched: notes, contact and attachments in the plan\'s entry', async (t) => {
  const app = await build(t)
  for (const q of ['中間振り返り', '企画課', '大宮1丁目', '6957-9683']) {
    t.same(await searchIds(app, q, '&plan=asahi-2017'), ['plan:asahi-2017'], `${q}: the plan`)
  }
  t.ok((await searchIds(app, '7,133千円')).includes('initiative:asahi-2017.1-1-1'), 'a budget line, in its initiative')
})

t.test('search entries of an older form are written again at start', async (t) => {
  const databasePath = join(tempDir(t, 'search-form'), 'old.db')
  const first = await buildApp({ databasePath, seedDir: SEED_PLAN_DIR })
  t.same((await first.inject({ url: `/v1/search?q=${encodeURIComponent('企画課')}` })).json().data.length, 1)
  // As a version before the plan's entry held its notes and contact left it.
  first.writer.run(sql`update search_entries set body = '', body_grams = '' where kind = 'plan'`)
  first.writer.run(sql.raw('pragma user_version = 1'))
  t.same(first.writer.all(sql`select body from search_entries where kind = 'plan'`), [{ body: '' }], 'the entry of the older form')
  await first.close()
  const again = await buildApp({ databasePath, seedDir: SEED_PLAN_DIR })
  t.teardown(() => again.close())
  t.same((await again.inject({ url: `/v1/search?q=${encodeURIComponent('企画課')}` })).json().data.map((hit: { id: string }) => hit.id), ['asahi-2017'], 'found again')
})

t.test('a new database records the form its entries are written in, so starting on it rewrites none', async (t) => {
  const connection = openDatabase(join(tempDir(t, 'search-form-new'), 'new.db'))
  t.teardown(() => connection.close())
  t.equal(connection.sqlite.pragma('user_version', { simple: true }), SEARCH_ENTRIES_FORM)
  t.equal(refreshSearchEntries(connection.db), 0, 'nothing to write again')
})

t.test('hits: title and a highlighted snippet', async (t) => {
  const app = await build(t)
  const { body } = await getJson(app, `/v1/search?q=${encodeURIComponent('マタニティカフェ')}`)
  const [hit] = body.data
  t.same(
    { kind: hit.kind, id: hit.id, planId: hit.planId, planCompleteness: hit.planCompleteness, title: hit.title },
    { kind: 'initiative', id: 'asahi-2017.2-3-1', planId: 'asahi-2017', planCompleteness: 'complete', title: '子育て支援保健事業' },
  )
  t.match(hit.snippet, /「<mark>マタニティカフェ<\/mark>」事業を実施する。/)
})

t.test('hostile queries get results or a 400, never a 500', async (t) => {
  const app = await build(t)
  const queries = ['"', '*', 'NEAR(', 'OR', 'a OR b', '"防災" NEAR(x, y)', '防災*', '-', '()', "'; drop table plans; --", 'あ'.repeat(200), 'x'.repeat(1000)]
  for (const q of queries) {
    const response = await app.inject({ url: `/v1/search?q=${encodeURIComponent(q)}` })
    t.ok([200, 400].includes(response.statusCode), `${q.slice(0, 20)}: ${response.statusCode}`)
    if (response.statusCode === 400) t.match(response.headers['content-type'], /problem\+json/)
  }
  t.equal((await app.inject({ url: '/v1/search' })).statusCode, 400, 'q is required')
  t.equal((await app.inject({ url: `/v1/search?q=${'x'.repeat(1000)}` })).json().parameter, 'q')
})

t.test('search pages with cursors', async (t) => {
  const app = await build(t)
  const seen: string[] = []
  let url = `/v1/search?q=${encodeURIComponent('区')}&limit=4`
  for (let i = 0; i < 20 && url; i++) {
    const { body } = await getJson(app, url)
    seen.push(...body.data.map((h: any) => h.id))
    url = body.page.nextCursor ? `/v1/search?q=${encodeURIComponent('区')}&limit=4&cursor=${body.page.nextCursor}` : ''
  }
  const { body: all } = await getJson(app, `/v1/search?q=${encodeURIComponent('区')}&limit=100`)
  t.same(seen, all.data.map((h: any) => h.id), 'pages give the ranked list, none twice')
})

t.test('pages of hits and budget groups kept by the services follow the data (response cache off)', async (t) => {
  const token = 'test-token-0123456789abcdef'
  const headers = { authorization: `Bearer ${token}` }
  const app = await buildApp({ databasePath: join(tempDir(t, 'search-pages'), 'plans.db'), seedDir: SEED_PLAN_DIR, adminToken: token, cacheResponses: false })
  t.teardown(() => app.close())
  const urls = ['', '&sort=plan', '&sort=-fiscalYear'].map((sort) => `/v1/search?q=${encodeURIComponent('地域カルテ')}&limit=1${sort}`)
  const hits = async () => Promise.all(urls.map(async (url) => (await getJson(app, url)).body))
  const years = async () => Promise.all(['', '&sort=-totalYen'].map(async (sort) => (await getJson(app, `/v1/budgets?groupBy=fiscalYear&limit=1${sort}`)).body))
  const before = await hits()
  const yearsBefore = await years()
  t.same(before.map((body) => body.page.total), [0, 0, 0], 'no hit before the import')
  t.same(yearsBefore.map((body) => [body.page.total, body.data[0].key, body.page.nextCursor]), [[1, '2017', null], [1, '2017', null]], 'one year before the import')
  t.same(await hits(), before, 'asked again: the same pages')
  t.same(await years(), yearsBefore, 'and the same groups')
  const kita = readFileSync(join(OPENINGS_DIR, 'kita-2022.txt'), 'utf8')
  t.equal((await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...headers, 'content-type': 'text/plain' }, payload: kita })).statusCode, 201)
  const after = await hits()
  for (const [i, body] of after.entries()) {
    t.ok(body.page.total > 1 && body.data.length === 1, `${urls[i]}: the imported plan's hits, a page of them`)
    t.ok(body.data.every((hit: any) => hit.planId === 'kita-2022' && hit.snippet.includes('<mark>地域カルテ</mark>')), 'with their snippets')
  }
  const yearsAfter = await years()
  t.same(yearsAfter.map((body) => [body.page.total, body.data[0].key]), [[2, '2017'], [2, '2022']], 'two years after it, by key and by total')
  const nextYear = await getJson(app, `/v1/budgets?groupBy=fiscalYear&limit=1&cursor=${yearsAfter[0].page.nextCursor}`)
  t.same(nextYear.body.data.map((row: any) => [row.key, row.totalYen]), [['2022', 77_800_000]], 'the next page of groups is the new year')
  const second = await getJson(app, `${urls[0]}&cursor=${after[0].page.nextCursor}`)
  t.notSame(second.body.data.map((hit: any) => hit.id), after[0].data.map((hit: any) => hit.id), 'the next page holds other hits')
  t.equal((await app.inject({ method: 'DELETE', url: '/v1/plans/kita-2022', headers })).statusCode, 204)
  t.same(await hits(), before, 'deleted: no hit again')
  t.same((await years()).map((body) => body.data), yearsBefore.map((body) => body.data), 'and one year again')
})

t.test('budget totals', async (t) => {
  const app = await build(t)
  const byPlan = (await getJson(app, '/v1/budgets?groupBy=plan')).body.data
  const whole = { planCount: 1, incompletePlanCount: 0, allPlansComplete: true, settlementYen: null, settlementFiscalYear: null }
  t.same(byPlan, [{ key: 'asahi-2017', label: '大阪市 平成29年度 旭区運営方針', totalYen: 48_639_000, budgetedCount: 7, unbudgetedCount: 2, share: 1, ...whole }])
  const byIssue = (await getJson(app, '/v1/budgets?groupBy=issue&plan=asahi-2017')).body.data
  t.same(byIssue.map((r: any) => r.key), ['asahi-2017.1', 'asahi-2017.2', 'asahi-2017.3', 'asahi-2017.4'])
  t.equal(byIssue.reduce((sum: number, r: any) => sum + (r.totalYen ?? 0), 0), 48_639_000, 'the issues add up to the plan')
  t.same(byIssue[3], { key: 'asahi-2017.4', label: '区民サービスの充実', totalYen: null, budgetedCount: 0, unbudgetedCount: 2, share: null, ...whole }, 'only -円: the total is unknown, not 0')
  t.equal(byIssue.reduce((sum: number, r: any) => sum + (r.share ?? 0), 0).toFixed(10), (1).toFixed(10), 'shares add up to 1')
  t.same((await getJson(app, '/v1/budgets?groupBy=organization')).body.data[0].key, 'asahi')
  t.same((await getJson(app, '/v1/budgets?groupBy=fiscalYear')).body.data[0].key, '2017')
  t.equal((await getJson(app, '/v1/budgets?groupBy=strategy&minBudgetYen=5000000')).body.page.total, 3, 'filters as on the initiative list')
  const csv = await app.inject({ url: '/v1/budgets?groupBy=plan&format=csv' })
  t.equal(csv.body, '\uFEFFkey,label,planId,organizationId,organizationName,fiscalYear,totalYen,settlementYen,settlementFiscalYear,budgetedCount,unbudgetedCount,share,planCount,incompletePlanCount,allPlansComplete\nasahi-2017,大阪市 平成29年度 旭区運営方針,asahi-2017,asahi,旭区,2017,48639000,,,7,2,1,1,0,true\n')
  const paged: any[] = []
  let url = '/v1/budgets?groupBy=issue&limit=1'
  for (let i = 0; i < 10 && url; i++) {
    const { body } = await getJson(app, url)
    t.equal(body.page.total, 4)
    paged.push(...body.data)
    url = body.page.nextCursor ? `/v1/budgets?groupBy=issue&limit=1&cursor=${body.page.nextCursor}` : ''
  }
  t.same(paged, byIssue, 'pages of one group give the same rows, shares of the whole')
  t.equal((await app.inject({ url: '/v1/budgets' })).statusCode, 400, 'groupBy is required')
  t.equal((await app.inject({ url: '/v1/budgets?groupBy=ward' })).statusCode, 400)
})

t.test('the same over GraphQL', async (t) => {
  const app = await build(t)
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    payload: { query: '{ search(q: "防災", kind: initiative) { data { id snippet } } budgets(groupBy: plan) { data { key totalYen budgetedCount unbudgetedCount share } } }' },
  })
  const { data } = response.json()
  t.same(data.search.data.map((h: any) => h.id), ['asahi-2017.3-1-2'])
  t.same(data.budgets.data, [{ key: 'asahi-2017', totalYen: 48_639_000, budgetedCount: 7, unbudgetedCount: 2, share: 1 }])
})
