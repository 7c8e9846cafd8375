// What an import may not write: a source URL other than absolute http(s), and
// organization facts that disagree with the parser's table or with other plans.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { openDatabase } from '../../src/db/connection.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { PlanDocumentError } from '../../src/importer/validate-document.js'
import { PlanParseError } from '../../src/plans/errors.js'
import { parsePlan } from '../../src/plans/parse.js'
import { OPENINGS_DIR, SEED_PLAN, SEED_PLAN_DIR as SEED_DIR } from '../helper.js'

const TOKEN = 'plan-facts-token-0123456789'
const auth = { authorization: `Bearer ${TOKEN}` }
const seedText = readFileSync(SEED_PLAN, 'utf8')
const somuText = readFileSync(join(OPENINGS_DIR, 'osaka-somu-2023.txt'), 'utf8')

const BAD_URLS = ['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', '/asahi/page/1.html', '//attacker.example/x', 'ftp://www.city.osaka.lg.jp/x', 'https://', 'http:/www.city.osaka.lg.jp/x', 'file:///etc/passwd']

async function buildWriter(t: { teardown(fn: () => unknown): void }) {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, adminToken: TOKEN })
  t.teardown(() => app.close())
  return app
}

const postText = (app: Awaited<ReturnType<typeof buildWriter>>, text: string) =>
  app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/plain' }, payload: text })
const postJson = (app: Awaited<ReturnType<typeof buildWriter>>, document: unknown) => app.inject({ method: 'POST', url: '/v1/plans', headers: auth, payload: document as object })

t.test('the parser refuses a source: line that is not an absolute http(s) URL, naming file and line', async (t) => {
  for (const url of BAD_URLS) {
    const text = `source: ${url}\n${seedText}`
    t.throws(() => parsePlan(text, 'hostile.txt'), PlanParseError, url)
    try {
      parsePlan(text, 'hostile.txt')
    } catch (error) {
      t.match((error as PlanParseError).message, /^hostile\.txt:1: the source URL .* (is not an absolute http\(s\) URL|is not a valid URL|has no host); expected a first line 'source: https:\/\/…'$/, url)
    }
  }
  for (const url of ['https://www.city.osaka.lg.jp/asahi/page/0000397263.html', 'HTTP://www.city.osaka.lg.jp/asahi/page/1.html']) {
    t.equal(parsePlan(`source: ${url}\n${seedText}`).sourceUrl, url, `${url} is kept as written`)
  }
})

t.test('POST refuses a non-http source URL: 422 with the line for texts, /sourceUrl for documents; nothing reaches the database or the landing page', async (t) => {
  const app = await buildWriter(t)
  const document = (await app.inject({ url: '/v1/plans/asahi-2017' })).json()
  for (const url of BAD_URLS) {
    const text = await postText(app, `source: ${url}\n${seedText.replace(/^source:.*\n/, '')}`)
    t.equal(text.statusCode, 422, `text: ${url}`)
    t.match(text.json(), { type: '/problems/invalid-plan', line: 1 })
    const json = await postJson(app, { ...document, sourceUrl: url })
    t.equal(json.statusCode, 422, `document: ${url}`)
    t.match(json.json(), { type: '/problems/invalid-plan', pointer: '/sourceUrl' })
    t.match(json.json().detail, /^\/sourceUrl: the source URL /)
  }
  t.equal((await app.inject({ url: '/v1/plans/asahi-2017' })).json().sourceUrl, document.sourceUrl, 'the stored URL is unchanged')
  const landing = await app.inject({ url: '/' })
  t.notMatch(landing.body, /javascript:|data:text|vbscript:/i, 'no hostile link on the landing page')
  t.equal((await postJson(app, { ...document, sourceUrl: null })).statusCode, 200, 'null (no source) is still fine')
  // Without a source URL the source page is built from the page number: it is digits or nothing.
  for (const pageId of ['../../evil', '397263?x=1', 'javascript:alert(1)', '']) {
    const answer = await postJson(app, { ...document, sourceUrl: null, pageId })
    t.equal(answer.statusCode, 422, `pageId ${JSON.stringify(pageId)}`)
    t.equal(answer.json().pointer, '/pageId')
  }
  t.same((await app.inject({ url: '/v1/meta' })).json().sources.map((s: { url: string }) => s.url), ['https://www.city.osaka.lg.jp/asahi/page/0000397263.html'])
})

t.test('a known organization carries the table\'s facts: a document cannot rename 旭区 for every year', async (t) => {
  const app = await buildWriter(t)
  const document = (await app.inject({ url: '/v1/plans/asahi-2017' })).json()
  const changes: [string, unknown][] = [['name', '乗っ取り区'], ['kind', 'bureau'], ['code', '27117'], ['code', null], ['city', '堺市']]
  for (const [field, value] of changes) {
    const answer = await postJson(app, { ...document, organization: { ...document.organization, [field]: value } })
    t.equal(answer.statusCode, 422, `${field}: ${JSON.stringify(value)}`)
    t.equal(answer.json().pointer, `/organization/${field}`)
    t.match(answer.json().detail, new RegExp(`organization 'asahi' has ${field} .* \\(the organization table\\)`))
  }
  t.same((await app.inject({ url: '/v1/organizations/asahi' })).json(), { id: 'asahi', name: '旭区', kind: 'ward', code: '271179', city: '大阪市', url: '/v1/organizations/asahi' }, 'the row is the table\'s')

  // A text whose title names 総務局 under 市民局's URL would give shimin another name: refused too, by the parser, naming the title's line.
  const renamed = await postText(app, somuText.replace('/somu/', '/shimin/'))
  t.equal(renamed.statusCode, 422)
  t.match(renamed.json(), { type: '/problems/invalid-plan', line: 2 })
  t.match(renamed.json().detail, /the title names '総務局', but the source URL's organization 'shimin' is 市民局/)
  t.equal((await app.inject({ url: '/v1/organizations/shimin' })).statusCode, 404, 'nothing was written')
})

t.test('an organization outside the table keeps the facts its plans gave it', async (t) => {
  const app = await buildWriter(t)
  const kodomo = (year: string, name: string) =>
    somuText.replace('/somu/', '/kodomo/').replace('令和5年度総務局運営方針', `令和${year}年度${name}運営方針`)
  const first = await postText(app, kodomo('5', 'こども青少年局'))
  t.equal(first.statusCode, 201)
  t.equal(first.json().planId, 'kodomo-2023')
  t.same((await app.inject({ url: '/v1/organizations/kodomo' })).json(), { id: 'kodomo', name: 'こども青少年局', kind: 'bureau', code: null, city: '大阪市', url: '/v1/organizations/kodomo' })

  const other = await postText(app, kodomo('6', '偽物局'))
  t.equal(other.statusCode, 422, 'another plan cannot rename it')
  t.equal(other.json().pointer, '/organization/name')
  t.match(other.json().detail, /organization 'kodomo' has name "こども青少年局" from other plans \(kodomo-2023\), not "偽物局"/)
  t.equal((await app.inject({ url: '/v1/plans/kodomo-2024' })).statusCode, 404)

  const same = await postText(app, kodomo('6', 'こども青少年局'))
  t.equal(same.statusCode, 201, 'a plan with the same facts is welcome')
  const corrected = await postText(app, kodomo('5', 'こども青少年局2'))
  t.equal(corrected.statusCode, 422, 'once two plans name it, neither can rename it')

  t.equal((await app.inject({ method: 'DELETE', url: '/v1/plans/kodomo-2024', headers: auth })).statusCode, 204)
  const fixed = await postText(app, kodomo('5', 'こども青少年局2'))
  t.equal(fixed.statusCode, 200, 'the only plan naming it may correct it')
  t.equal((await app.inject({ url: '/v1/organizations/kodomo' })).json().name, 'こども青少年局2')
})

t.test('the importer refuses the same for every caller, naming the file; nothing of the batch is written', async (t) => {
  const connection = openDatabase(':memory:')
  t.teardown(() => connection.close())
  const good = parsePlan(seedText, 'seed/asahi-2017.txt')
  const somu = parsePlan(somuText, 'somu.txt')
  const bad = { ...somu, organization: { ...somu.organization, name: '市民局' } }
  const error = t.throws(() => importPlans(connection.db, [{ plan: good, sourceFile: 'seed/asahi-2017.txt' }, { plan: bad, sourceFile: 'shimin.txt' }])) as PlanDocumentError
  t.ok(error instanceof PlanDocumentError)
  t.equal(error.file, 'shimin.txt')
  t.equal(error.pointer, '/organization/name')
  t.equal(connection.sqlite.prepare('select count(*) from plans').pluck().get(), 0, 'the whole batch is refused')
  const hostile = { ...good, sourceUrl: 'javascript:alert(1)' }
  const refused = t.throws(() => importPlans(connection.db, [{ plan: hostile }])) as PlanDocumentError
  t.equal(refused.pointer, '/sourceUrl')
  // A plan's year is one the API can be asked for, as its budget lines' are (the parser refuses such a title, naming its line).
  for (const fiscalYear of [12017, 1988, 2101]) {
    const odd = t.throws(() => importPlans(connection.db, [{ plan: { ...good, id: `asahi-${fiscalYear}`, fiscalYear } }])) as PlanDocumentError
    t.same([odd.pointer, odd.message], ['/fiscalYear', `/fiscalYear: expected a fiscal year from 1989 to 2100, got ${fiscalYear}`], `fiscal year ${fiscalYear}`)
  }
  // An issue's number is one a header gives (0 to 999): GraphQL's Int could not hold 3000000000, and the plan was null in every answer.
  for (const [field, value] of [['number', 3_000_000_000], ['number', -1], ['subNumber', 1000], ['subNumber', 1.5]] as const) {
    const issues = good.issues.map((issue, i) => (i === 0 ? { ...issue, [field]: value } : issue))
    const odd = t.throws(() => importPlans(connection.db, [{ plan: { ...good, issues } }])) as PlanDocumentError
    t.same([odd.pointer, odd.message], [`/issues/0/${field}`, `/issues/0/${field}: expected a whole number from 0 to 999${field === 'subNumber' ? ', or null' : ''}, got ${value}`], `${field} ${value}`)
  }
  t.equal(connection.sqlite.prepare('select count(*) from plans').pluck().get(), 0)
})

t.test("a budget line's bad year or amount is pointed at in its own budget object, an issue's lines as an initiative's", async (t) => {
  const connection = openDatabase(':memory:')
  t.teardown(() => connection.close())
  const cases: [string, (plan: ReturnType<typeof parsePlan>) => void, string][] = [
    ['an issue line of year 1900', (plan) => plan.issues[1].budgets.push({ kind: 'budget', amountYen: 5_000_000, fiscalYear: 1900, text: '(予算額:5,000千円)' }), '/issues/1/budgets/0/fiscalYear'],
    ['an issue line of -1 yen', (plan) => plan.issues[1].budgets.push({ kind: 'settlement', amountYen: -1, fiscalYear: 2016, text: '(決算額:-1円)' }), '/issues/1/budgets/0/amountYen'],
    ['an initiative budget of year 2101', (plan) => (plan.issues[2].strategies[0].initiatives[0].budget!.fiscalYear = 2101), '/issues/2/strategies/0/initiatives/0/budget/fiscalYear'],
    ['an initiative budget of 0.5 yen', (plan) => (plan.issues[2].strategies[0].initiatives[0].budget!.amountYen = 0.5), '/issues/2/strategies/0/initiatives/0/budget/amountYen'],
  ]
  for (const [name, spoil, pointer] of cases) {
    const plan = parsePlan(seedText, 'seed/asahi-2017.txt')
    spoil(plan)
    const error = t.throws(() => importPlans(connection.db, [{ plan }]), name) as PlanDocumentError
    t.ok(error instanceof PlanDocumentError, name)
    t.equal(error.pointer, pointer, `${name}: ${pointer}`)
  }
})
