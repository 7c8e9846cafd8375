// Hostile bodies sent by a holder of the token: refused (or read) quickly, as problems,
// and the server answers afterwards. A stranger's are 401s before any byte is read.
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { SEED_PLAN_DIR } from '../helper.js'

const TOKEN = 'test-token-0123456789abcdef'
const auth = { authorization: `Bearer ${TOKEN}` }

async function build(t: { teardown(fn: () => unknown): void }) {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR, adminToken: TOKEN })
  t.teardown(() => app.close())
  return app
}

const html = (body: string) => `<!doctype html><html><body>${body}</body></html>`

t.test('a page of unclosed elements is refused once it passes the depth read, not after counting them all', async (t) => {
  const app = await build(t)
  // The first page read loads the readers: not counted.
  await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/html' }, payload: html('<p>x</p>') })
  // Each took 4 to 9 s: the HTML parser keeps open elements in an array it grows at the front.
  for (const [name, body] of Object.entries({
    divs: '<div>'.repeat(200_000),
    spans: '<span>'.repeat(170_000),
    'table cells': '<table><tr><td>'.repeat(60_000),
    'bold text': '<b>'.repeat(250_000),
  })) {
    const started = performance.now()
    const response = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/html; charset=utf-8' }, payload: html(body) })
    const ms = performance.now() - started
    t.equal(response.statusCode, 422, name)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
    t.match(response.json(), { type: '/problems/invalid-plan', detail: /nest 1001 deep or more/ }, name)
    t.ok(ms < 500, `${name}: ${ms.toFixed(0)} ms`)
  }
  t.equal((await app.inject({ url: '/v1/plans/asahi-2017' })).statusCode, 200, 'the server still answers')
})

t.test('a page that takes the readers seconds is read off the event loop, and refused at the time limit', async (t) => {
  const app = await build(t)
  await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/html' }, payload: html('<p>x</p>') })
  // Lists nested 300 deep, each of their 40,000 lines indented once per level: over 10 s of converting.
  const costly = html('<ol><li>'.repeat(300) + '<li>x'.repeat(40_000))
  const started = performance.now()
  const write = app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/html' }, payload: costly })
  // Meanwhile the server answers at once.
  await new Promise((resolve) => setTimeout(resolve, 200))
  for (let i = 0; i < 3; i++) {
    const asked = performance.now()
    const read = await app.inject({ url: `/v1/plans?limit=${i + 1}` })
    t.equal(read.statusCode, 200)
    t.ok(performance.now() - asked < 250, `a read during the write took ${(performance.now() - asked).toFixed(0)} ms`)
  }
  const refused = await write
  const ms = performance.now() - started
  t.equal(refused.statusCode, 422)
  t.match(refused.json(), { type: '/problems/invalid-plan', detail: /not read within 5 s/ })
  t.ok(ms < 7000, `refused after ${ms.toFixed(0)} ms`)
  // The reader starts afresh for the next body.
  const next = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/html' }, payload: html('<p>x</p>') })
  t.equal(next.statusCode, 422)
  t.match(next.json(), { type: '/problems/invalid-plan', line: 1 })
  t.equal((await app.inject({ url: '/v1/plans/asahi-2017' })).statusCode, 200, 'the server still answers')
})

t.test('budget amounts beyond any budget are refused, so no total overflows', async (t) => {
  const app = await build(t)
  const plan = (await app.inject({ url: '/v1/plans/asahi-2017' })).json()
  // Two lines of 5×10^18 yen made SQLite's sum() overflow: every budget total, /v1/meta and / answered 500.
  const huge = structuredClone(plan)
  for (const issue of huge.issues) for (const strategy of issue.strategies) for (const initiative of strategy.initiatives) if (initiative.budget?.amountYen != null) initiative.budget.amountYen = 5e18
  const refused = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify(huge) })
  t.equal(refused.statusCode, 422)
  t.match(refused.json(), { type: '/problems/invalid-plan', pointer: '/issues/0/strategies/0/initiatives/0/budget/amountYen', detail: /0 to 1000000000000000/ })
  const negative = structuredClone(plan)
  negative.issues[0].strategies[0].initiatives[0].budget.amountYen = -1
  t.match((await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify(negative) })).json(), { type: '/problems/invalid-plan', pointer: '/issues/0/strategies/0/initiatives/0/budget/amountYen' })
  // From a plan text, the parser reads no such amount: the line is kept without one, with a warning.
  const text = (await import('node:fs')).readFileSync(new URL('../../seed/asahi-2017.txt', import.meta.url), 'utf8').replace('7,133千円', '9,999,999,999,999,999千円')
  const fromText = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/plain' }, payload: text })
  t.equal(fromText.statusCode, 200)
  t.match(fromText.json().warnings, [/cannot read the amount/])
  for (const url of ['/v1/budgets?groupBy=plan', '/v1/budgets?groupBy=organization&source=issues', '/v1/meta', '/', '/organizations/asahi', '/fiscal-years/2017']) {
    t.equal((await app.inject({ url })).statusCode, 200, `${url} still answers`)
  }
})

t.test('a plan with tens of thousands of goals, missions or issue budget lines is written, not a 500', async (t) => {
  const app = await build(t)
  const plan = (await app.inject({ url: '/v1/plans/asahi-2017' })).json()
  // One insert binding every row passed SQLite's 32,766 variables.
  const many = { ...structuredClone(plan), goals: Array(20_000).fill('目標'), missions: Array(20_000).fill('使命') }
  many.issues[0].budgets = Array(8_000).fill({ kind: 'budget', amountYen: 1, fiscalYear: 2017, text: '予算額:1円' })
  const written = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify(many) })
  t.equal(written.statusCode, 200, written.body.slice(0, 200))
  const read = (await app.inject({ url: '/v1/plans/asahi-2017' })).json()
  t.same([read.goals.length, read.missions.length, read.issues[0].budgets.length], [20_000, 20_000, 8_000])
  for (const url of ['/plans/asahi-2017', '/v1/budgets?groupBy=plan&source=issues', '/v1/meta']) t.equal((await app.inject({ url })).statusCode, 200, `${url} answers`)
})

t.test('text with a lone UTF-16 surrogate is refused, not stored as U+FFFD; a pair is stored as sent', async (t) => {
  const app = await build(t)
  const plan = (await app.inject({ url: '/v1/plans/asahi-2017' })).json()
  plan.issues[0].strategies[0].initiatives[0].title = 'LONE_SURROGATE'
  // JSON.stringify writes a lone surrogate as the escape \ud800, as a client's JSON would carry it.
  const body = JSON.stringify(plan).replace('LONE_SURROGATE', '取組\\ud800')
  const refused = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'application/json' }, payload: body })
  t.equal(refused.statusCode, 422)
  t.match(refused.json(), { type: '/problems/invalid-plan', pointer: '/issues/0/strategies/0/initiatives/0/title', detail: /lone UTF-16 surrogate/ })
  t.not((await app.inject({ url: '/v1/initiatives/asahi-2017.1-1-1' })).json().title, '取組\ufffd', 'the stored plan is unchanged')
  const paired = JSON.stringify(plan).replace('LONE_SURROGATE', '取組\\ud83d\\ude00')
  t.equal((await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'application/json' }, payload: paired })).statusCode, 200)
  t.equal((await app.inject({ url: '/v1/initiatives/asahi-2017.1-1-1' })).json().title, '取組😀', 'a pair (one astral character) is stored as sent')
})

t.test('a source URL of 100 KB and budget years no one can ask for are refused with their pointers', async (t) => {
  const app = await build(t)
  const plan = (await app.inject({ url: '/v1/plans/asahi-2017' })).json()
  const post = (document: unknown) => app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify(document) })
  const longUrl = structuredClone(plan)
  longUrl.sourceUrl = `https://www.city.osaka.lg.jp/asahi/page/${'0'.repeat(100_000)}.html`
  const refusedUrl = await post(longUrl)
  t.equal(refusedUrl.statusCode, 422)
  t.match(refusedUrl.json(), { type: '/problems/invalid-plan', pointer: '/sourceUrl', detail: /100\d{3} characters long; at most 2048/ })
  for (const year of [1e300, -5, 2017.5, 1900]) {
    const odd = structuredClone(plan)
    odd.issues[0].strategies[0].initiatives[0].budget.fiscalYear = year
    const refused = await post(odd)
    t.equal(refused.statusCode, 422, `budget year ${year}`)
    // 2017.5 is no integer, which the body's schema says; the others are integers out of range.
    t.match(refused.json(), { type: '/problems/invalid-plan', pointer: '/issues/0/strategies/0/initiatives/0/budget/fiscalYear', detail: Number.isInteger(year) ? /from 1989 to 2100, or null/ : /integer/ })
  }
  const unknownYear = structuredClone(plan)
  unknownYear.issues[0].strategies[0].initiatives[0].budget.fiscalYear = null
  t.equal((await post(unknownYear)).statusCode, 200, 'an unknown year (null) is taken')
  t.equal((await app.inject({ url: '/v1/initiatives/asahi-2017.1-1-1' })).json().budget.fiscalYear, null)
})
