// The HTML pages of src/pages/: a plan, an organization, a fiscal year and a comparison as pages, with the
// API's values, escaped text, alternates and JSON-LD, 304 on a repeat.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { importPlans } from '../../src/importer/import-plans.js'
import { parsePlan } from '../../src/plans/parse.js'
import { SEED_DIR, SEED_PLAN, build, getJson } from '../helper.js'

const app = await build(t, SEED_DIR)
// A plan whose texts hold markup, under a year no seed plan has: it must come out as text.
importPlans(app.db, [
  {
    plan: parsePlan(
      readFileSync(SEED_PLAN, 'utf8').replaceAll('平成29年度', '平成30年度').replace('区外からの旭区への集客を図り', '区外から<img src=x onerror=alert(1)>への & "集客"'),
      'asahi-2018.txt',
    ),
  },
])

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })
const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">\n([\s\S]*?)\n<\/script>/g)].map((m) => JSON.parse(m[1]))

t.test('/plans/asahi-2017: the seed plan as a page, with the API values', async (t) => {
  const page = await get('/plans/asahi-2017')
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /^text\/html; charset=utf-8/)
  t.match(page.headers['content-security-policy'], /default-src 'self'/, "helmet's page policy, not the API's")
  t.notMatch(page.headers['content-security-policy'], /upgrade-insecure-requests/)
  const html = page.body
  t.notMatch(html, /<script(?! type="application\/ld\+json")/, 'no JavaScript')
  t.match(html, '<h1>平成29年度 旭区運営方針</h1>')
  t.match(html, 'https://www.city.osaka.lg.jp/asahi/page/0000397263.html', 'the source page, from its page number')
  t.match(html, '<li>にぎわいがあり活力ある旭区づくり</li>')
  t.match(html, '全文 <span class="en">complete</span>')
  t.match(html, '<td class="num" id="budget-total" data-amount-yen="48639000">48,639,000 円</td>')
  t.equal(html.match(/<section class="strategy"/g)?.length, 5, 'the 5 strategies')
  t.match(html, '<td class="num" data-amount-yen="">—<br><span class="en">(平成29年度予算額:-円)</span></td>', '"-円" is no amount, shown with its text')
  t.match(html, '<link rel="alternate" href="/v1/plans/asahi-2017" type="application/json">')
  t.match(html, '<link rel="alternate" href="/v1/initiatives?plan=asahi-2017&amp;format=csv" type="text/csv">')
  t.match(html, 'href="/compare?from=asahi-2016&amp;to=asahi-2017"', 'links its comparison with the year before')
  const [data] = jsonLd(html)
  t.same([data['@type'], data.name, data.temporalCoverage, data.isBasedOn], ['Dataset', '平成29年度 旭区運営方針', '2017-04-01/2018-03-31', 'https://www.city.osaka.lg.jp/asahi/page/0000397263.html'])

  // The chart's numbers and the table's are the API's budget totals by issue.
  const api = (await getJson(app, '/v1/budgets?groupBy=issue&plan=asahi-2017')).body.data
  const chart = [...html.matchAll(/<g data-key="経営課題(\d+)" data-amount-yen="(\d*)">/g)].map((m) => [`asahi-2017.${m[1]}`, m[2] === '' ? null : Number(m[2])])
  t.same(chart, api.map((g: any) => [g.key, g.totalYen]))
  t.same(chart.map((c) => c[1]), [35_524_000, 3_166_000, 9_949_000, null])

  // Each issue's budgets by strategy, equal to the API's.
  const strategies = (await getJson(app, '/v1/budgets?groupBy=strategy&plan=asahi-2017')).body.data
  const strategyBars = [...html.matchAll(/<g data-key="戦略([\d-]+)" data-amount-yen="(\d*)">/g)].map((m) => [`asahi-2017.${m[1]}`, m[2] === '' ? null : Number(m[2])])
  const apiByKey = new Map(strategies.map((g: any) => [g.key, g.totalYen]))
  for (const [key, amount] of strategyBars) t.equal(amount, apiByKey.get(key), `the chart's ${key} is the API's`)
  t.same(strategyBars.map((b) => b[0]), ['asahi-2017.1-1', 'asahi-2017.1-2', 'asahi-2017.2-3', 'asahi-2017.3-1'], 'issue 4, with no amount ("-円"), has no chart')
  t.same(strategyBars.slice(0, 2), [['asahi-2017.1-1', 7_978_000], ['asahi-2017.1-2', 27_546_000]])
})

t.test('text is escaped, in the page and in its JSON-LD', async (t) => {
  const html = (await get('/plans/asahi-2018')).body
  t.match(html, '<li>区外から&lt;img src=x onerror=alert(1)&gt;への &amp; &quot;集客&quot;、')
  t.notMatch(html, '<img')
})

t.test('an excerpt says so; its totals are only what it holds', async (t) => {
  const html = (await get('/plans/asahi-2016')).body
  t.match(html, '抜粋 <span class="en">excerpt: the text stops before the end</span>')
  t.match(html, 'This plan is not complete')
  t.match(html, 'href="/compare?from=asahi-2016&amp;to=asahi-2017"', 'links the comparison with the year after')
})

t.test('/compare: the comparison as a page, changes marked', async (t) => {
  const page = await get('/compare?from=asahi-2014&to=asahi-2016')
  t.equal(page.statusCode, 200)
  const html = page.body
  t.match(html, '<h1>平成26年度 旭区運営方針 → 平成28年度 旭区運営方針</h1>')
  t.match(html, '<li class="changed"><del>元気で活力ある旭区づくり</del> → <ins>にぎわいがあり活力ある旭区づくり</ins>')
  t.match(html, '<li class="added"><ins>子育てしやすい旭区づくり</ins>')
  t.match(html, '<li class="removed"><del>やさしくて、あたたかい旭区づくり</del>')
  t.match(html, 'id="not-compared"', 'the excerpts say what could not be compared')
  const budgets = (await get('/compare?from=asahi-2017&to=asahi-2018')).body
  t.match(budgets, '<td class="num" data-amount-yen="48639000">48,639,000 円</td>')
  t.match(budgets, '番号 <span class="en">by number</span>')
  t.notMatch(budgets, 'id="not-compared"', 'two complete plans compare whole')
})

t.test('pages answer 304 to a repeated conditional request; unknown ids are problems', async (t) => {
  for (const url of ['/plans/asahi-2017', '/compare?from=asahi-2016&to=asahi-2017']) {
    const first = await get(url)
    t.ok(first.headers.etag, `${url} has an ETag`)
    const again = await get(url, { 'if-none-match': String(first.headers.etag) })
    t.equal(again.statusCode, 304, url)
  }
  const missing = await get('/plans/nowhere-1999')
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().type, '/problems/not-found')
  const bad = await get('/compare?from=asahi-2017')
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().parameter, 'to')
})

t.test('/organizations/asahi: the timeline, year by year, with the API budget totals', async (t) => {
  const page = await get('/organizations/asahi')
  t.equal(page.statusCode, 200)
  const html = page.body
  t.match(html, '<h1>大阪市旭区</h1>')
  const row = (id: string) => html.match(new RegExp(`<tr[^>]* id="${id}"[\\s\\S]*?</tr>`))?.[0] ?? ''
  t.match(row('fy-2014'), '抜粋 <span class="en">excerpt')
  t.match(row('fy-2014'), '<li>やさしくて、あたたかい旭区づくり</li>', "2014's goals")
  t.match(row('fy-2015'), '欠落 <span class="en">missing', 'a year with no plan known')
  t.match(row('fy-2016'), 'href="/compare?from=asahi-2014&amp;to=asahi-2016"', 'each year links its comparison with the year before')
  t.match(row('fy-2017'), '<td class="num" data-amount-yen="48639000">48,639,000 円</td>')
  t.match(row('fy-2017'), '<li>区民サービスの充実</li>', "2017's issue titles")
  t.match(row('fy-2018'), '平成30年度 旭区運営方針')
  t.match(row('fy-2019'), '未取込 <span class="en">known, not loaded')
  const api = (await getJson(app, '/v1/budgets?groupBy=plan&organization=asahi')).body.data
  const chart = new Map([...html.matchAll(/<g data-key="(\d+)" data-amount-yen="(\d*)">/g)].map((m) => [`asahi-${m[1]}`, m[2] === '' ? null : Number(m[2])]))
  t.same(api.map((g: any) => g.key).sort(), ['asahi-2017', 'asahi-2018'], 'the plans with amounts')
  for (const group of api) t.equal(chart.get(group.key), group.totalYen, `the chart's ${group.key} is the API's`)
  t.equal((await get('/organizations/nowhere')).statusCode, 404)
})

t.test('the landing page: coverage grid of organizations × fiscal years, linking plan and organization pages', async (t) => {
  const html = (await get('/')).body
  const grid = html.match(/<section id="coverage">[\s\S]*?<\/section>/)?.[0] ?? ''
  const asahi = grid.match(/<tr><th><a href="\/organizations\/asahi">大阪市旭区<\/a><\/th>[\s\S]*?<\/tr>/)?.[0] ?? ''
  t.match(asahi, '<a href="/plans/asahi-2017" class="completeness-complete" title="asahi-2017">全文</a>')
  t.match(asahi, '<a href="/plans/asahi-2025-draft" class="completeness-excerpt" title="asahi-2025-draft">抜粋案</a>')
  t.match(asahi, 'class="not-loaded">未取込</a>')
  t.equal(grid.match(/<th><a href="\/fiscal-years\/20\d\d">20\d\d<\/a><\/th>/g)?.length, 14, 'FY2013 to FY2026, each heading linking its year')
})

t.test('/fiscal-years/2022: every plan of the year, its budget totals the API\'s, excerpts marked partial', async (t) => {
  const page = await get('/fiscal-years/2022')
  t.equal(page.statusCode, 200)
  const html = page.body
  t.match(html, '<h1>2022年度の運営方針と予算額')
  t.match(html, '<link rel="alternate" href="/v1/budgets?groupBy=plan&amp;fiscalYear=2022&amp;limit=100" type="application/json">')
  // The chart draws the API's rows, largest first; an excerpt's bar says it is partial.
  const api = (await getJson(app, '/v1/budgets?groupBy=plan&fiscalYear=2022&limit=100')).body.data
  const bars = [...html.matchAll(/<g data-key="([^"]+)" data-id="([^"]+)" data-amount-yen="(\d*)">/g)].map((m) => [m[2], m[3] === '' ? null : Number(m[3])])
  t.same(bars, [['kita-2022', 77_800_000], ['konohana-2022', null]])
  t.same(new Set(bars.map(String)), new Set(api.map((g: any) => String([g.key, g.totalYen]))), "the chart's numbers are the API's")
  t.match(html, '<text x="0" y="17">大阪市北区</text><rect class="bar partial"')
  t.match(html, '77,800,000 円 (抜粋)</text>')
  t.match(html, /<p class="notice">全文でない運営方針 \d+ 件の合計は読めた分のみです/)
  // The table: every plan of the year, with its completeness and a link to it.
  const row = (id: string) => html.match(new RegExp(`<tr id="${id}"[\\s\\S]*?</tr>`))?.[0] ?? ''
  t.match(row('kita-2022'), '<a href="/plans/kita-2022">')
  t.match(row('kita-2022'), '抜粋 <span class="en">excerpt')
  t.match(row('kita-2022'), '<td class="num" data-amount-yen="77800000">77,800,000 円</td>')
  t.match(row('yokohama-naka-2022'), '横浜市中区', 'another city')
  t.match(row('chuo-2022'), '<a href="/organizations/chuo">大阪市中央区</a>')
  const total = (await getJson(app, '/v1/budgets?groupBy=fiscalYear&fiscalYear=2022')).body.data[0]
  t.match(html, `<td class="num" id="budget-total" data-amount-yen="${total.totalYen}">77,800,000 円</td>`, "the year's total is the API's")
  t.match(html, `partial: ${total.incompletePlanCount} plans not complete`)
  t.match(html, '<a href="/fiscal-years/2021" rel="prev">')

  const complete = (await get('/fiscal-years/2018')).body
  t.match(complete, '<g data-key="大阪市旭区" data-id="asahi-2018" data-amount-yen="48639000">')
  t.match(complete, '<rect class="bar" ', 'a complete plan is drawn whole')

  const again = await get('/fiscal-years/2022', { 'if-none-match': String(page.headers.etag) })
  t.equal(again.statusCode, 304)
  t.equal((await get('/fiscal-years/1999')).json().type, '/problems/not-found')
  t.equal((await get('/fiscal-years/twenty')).statusCode, 400)
  t.match((await get('/organizations/asahi')).body, '<td><a href="/fiscal-years/2017">2017</a></td>', 'the organization page links each year')
  t.match((await get('/plans/asahi-2017')).body, '(<a href="/fiscal-years/2017">2017</a>)', 'so does the plan page')
})
