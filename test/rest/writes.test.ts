// POST and DELETE /v1/plans: bearer-protected writes through the importer's own connection.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { parsePlan } from '../../src/plans/parse.js'
import { OPENINGS_DIR, SEED_PLAN_DIR, SEED_PLAN } from '../helper.js'

const TOKEN = 'test-token-0123456789abcdef'
const auth = { authorization: `Bearer ${TOKEN}` }

/** An app over a database file, so reads go through the read-only connection. */
async function buildWithFile(t: Tap, adminToken: string | null = TOKEN) {
  const dir = mkdtempSync(join(tmpdir(), 'ward-plans-writes-'))
  const app = await buildApp({ databasePath: join(dir, 'plans.db'), seedDir: SEED_PLAN_DIR, adminToken })
  t.teardown(() => app.close())
  return app
}
type Tap = { teardown(fn: () => unknown): void }

const kitaText = readFileSync(join(OPENINGS_DIR, 'kita-2022.txt'), 'utf8')

t.test('writes need the token', async (t) => {
  const app = await buildWithFile(t)
  const none = await app.inject({ method: 'POST', url: '/v1/plans', headers: { 'content-type': 'text/plain' }, payload: kitaText })
  t.equal(none.statusCode, 401)
  t.equal(none.headers['www-authenticate'], 'Bearer realm="ward-plans"')
  t.match(none.headers['content-type'], /problem\+json/)
  const wrong = await app.inject({ method: 'DELETE', url: '/v1/plans/asahi-2017', headers: { authorization: 'Bearer nope' } })
  t.equal(wrong.statusCode, 401)
  t.equal((await app.inject({ url: '/v1/plans/asahi-2017' })).statusCode, 200, 'nothing was deleted')

  // The token is checked before the body: a stranger's invalid body is a 401, not a 415 or a 422.
  for (const [type, payload] of [['application/pdf', '%PDF'], ['application/json', '{"id":'], ['text/plain', '']]) {
    const stranger = await app.inject({ method: 'POST', url: '/v1/plans', headers: { 'content-type': type }, payload })
    t.equal(stranger.statusCode, 401, `${type} without the token: 401`)
  }

  const off = await buildWithFile(t, null)
  const disabled = await off.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/plain' }, payload: kitaText })
  t.equal(disabled.statusCode, 403, 'without ADMIN_TOKEN writes are off')
})

t.test('a plan without budget amounts reports budgetYen null, not 0', async (t) => {
  const app = await buildWithFile(t)
  const sumiyoshi = readFileSync(new URL('../../seed/sumiyoshi-2023.txt', import.meta.url), 'utf8')
  const created = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/plain' }, payload: sumiyoshi })
  t.equal(created.statusCode, 201)
  t.match(created.json(), { planId: 'sumiyoshi-2023', completeness: 'excerpt', budgetYen: null })
})

t.test('POST a plan text, read it back, replace it, delete it', async (t) => {
  const app = await buildWithFile(t)
  const totalBefore = (await app.inject({ url: '/v1/budgets?groupBy=fiscalYear' })).json().data
  t.same(totalBefore.map((r: any) => r.key), ['2017'])
  const created = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/plain; charset=utf-8' }, payload: kitaText })
  t.equal(created.statusCode, 201)
  t.equal(created.headers.location, '/v1/plans/kita-2022')
  t.same(created.json(), { planId: 'kita-2022', completeness: 'excerpt', initiatives: 1, budgetYen: 77_800_000, replaced: false, changed: true, warnings: parsePlan(kitaText).warnings })
  t.equal((await app.inject({ url: '/v1/plans/kita-2022' })).json().title, '令和4年度北区運営方針', 'the read-only connection sees the import')
  const totalAfter = (await app.inject({ url: '/v1/budgets?groupBy=fiscalYear' })).json().data
  t.same(totalAfter.map((r: any) => [r.key, r.totalYen]), [['2017', 48_639_000], ['2022', 77_800_000]], 'totals follow the import')
  t.same((await app.inject({ url: `/v1/search?q=${encodeURIComponent('地域カルテ')}&plan=kita-2022` })).json().data.length > 0, true, 'and searches it')

  const again = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/plain' }, payload: kitaText })
  t.equal(again.statusCode, 200)
  t.equal(again.json().replaced, true)
  t.equal(again.json().changed, false, 'the same text again changes nothing')
  t.equal((await app.inject({ url: '/v1/plans?organization=kita' })).json().page.total, 1, 'one copy')

  const deleted = await app.inject({ method: 'DELETE', url: '/v1/plans/kita-2022', headers: auth })
  t.equal(deleted.statusCode, 204)
  t.equal((await app.inject({ url: '/v1/plans/kita-2022' })).statusCode, 404)
  t.same((await app.inject({ url: `/v1/search?q=${encodeURIComponent('地域カルテ')}` })).json().data, [], 'its search entries went too')
  t.equal((await app.inject({ method: 'DELETE', url: '/v1/plans/kita-2022', headers: auth })).statusCode, 404)
})

t.test('POST a plan document as JSON', async (t) => {
  const app = await buildWithFile(t)
  const document = parsePlan(kitaText, 'kita-2022.txt')
  const created = await app.inject({ method: 'POST', url: '/v1/plans', headers: auth, payload: document })
  t.equal(created.statusCode, 201)
  const { importedAt, updatedAt, url, ...answered } = (await app.inject({ url: '/v1/plans/kita-2022' })).json()
  const withoutUrls = (value: unknown) => JSON.parse(JSON.stringify(value, (key, v) => (key === 'url' ? undefined : v)))
  t.same(withoutUrls(answered), document, 'the document comes back as sent')
  t.equal(answered.issues[0].strategies[0].initiatives[0].url, '/v1/initiatives/kita-2022.1-1-1', 'each part with its own URL')
  t.equal(importedAt, updatedAt, 'imported and last changed at once')
  t.equal(url, '/v1/plans/kita-2022', 'with its own URL')

  // A document as the API answers it (its times and URLs) imports as the same content.
  const sentBack = await app.inject({ method: 'POST', url: '/v1/plans', headers: auth, payload: { importedAt, updatedAt, url, ...answered } })
  t.equal(sentBack.statusCode, 200)
  t.equal(sentBack.json().changed, false, 'no change')
  t.equal((await app.inject({ url: '/v1/plans/kita-2022' })).json().updatedAt, updatedAt, 'updatedAt stays')
})

t.test('invalid input is 422, names where, and leaves the database as it was', async (t) => {
  const app = await buildWithFile(t)
  const before = (await app.inject({ url: '/v1/plans/asahi-2017' })).body
  const strategyFirst = '平成29年度 旭区運営方針\n【区の目標(何をめざすのか)】\n・ 目標\n【戦略1-1 早すぎる】\n'
  const text = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/plain' }, payload: strategyFirst })
  t.equal(text.statusCode, 422)
  t.match(text.json(), { type: '/problems/invalid-plan', line: 4 })
  t.match(text.json().detail, /request body:4: strategy 1-1 appears before any management issue/)

  const document = parsePlan(readFileSync(SEED_PLAN, 'utf8'))
  document.issues[1].strategies[0].id = 'asahi-2017.9-9'
  document.policy = 'changed'
  const badIds = await app.inject({ method: 'POST', url: '/v1/plans', headers: auth, payload: document })
  t.equal(badIds.statusCode, 422)
  t.equal(badIds.json().pointer, '/issues/1/strategies/0/id')

  const { goals: _goals, ...incomplete } = document
  const schemaFail = await app.inject({ method: 'POST', url: '/v1/plans', headers: auth, payload: incomplete })
  t.equal(schemaFail.statusCode, 422)
  t.match(schemaFail.json().detail, /goals/)

  // Every id of a plan begins with its organization's: a long or odd one would make ids the API cannot serve.
  for (const id of ['x'.repeat(65), 'asahi/2017', 'あさひ', '%E6%97%AD']) {
    const odd = parsePlan(kitaText, 'kita-2022.txt')
    const renamed = JSON.parse(JSON.stringify(odd).replaceAll('"kita-2022', `"${id}-2022`).replace('"id":"kita"', `"id":${JSON.stringify(id)}`))
    const refused = await app.inject({ method: 'POST', url: '/v1/plans', headers: auth, payload: renamed })
    t.same([refused.statusCode, refused.json().pointer], [422, '/organization/id'], `organization id ${id.slice(0, 10)}: 422`)
  }

  const empty = await app.inject({ method: 'POST', url: '/v1/plans', headers: auth })
  t.same([empty.statusCode, empty.json().type], [415, '/problems/unsupported-media-type'], 'no body at all: a 415, not a 500')

  const pdf = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'application/pdf' }, payload: '%PDF-1.4' })
  t.equal(pdf.statusCode, 415)
  t.equal(pdf.json().type, '/problems/unsupported-media-type')
  const emptyPage = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/html' }, payload: '<html></html>' })
  t.equal(emptyPage.statusCode, 422, 'a page is read (test/rest/writes-html.test.ts), and this one holds no plan')
  t.equal(emptyPage.json().type, '/problems/invalid-plan')
  t.equal((await app.inject({ url: '/v1/plans/asahi-2017' })).body, before, 'asahi-2017 unchanged')
})

t.test('a plan text in a charset no decoder knows is a 415 naming it, cut short; a deep JSON document a 400', async (t) => {
  const app = await buildWithFile(t)
  const unknown = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': `text/plain; charset=x-${'a'.repeat(500)}` }, payload: kitaText })
  t.same([unknown.statusCode, unknown.json().type], [415, '/problems/unsupported-media-type'])
  t.ok(unknown.json().detail.length < 200, 'the charset is quoted cut short')
  const sjis = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/plain; charset=Shift_JIS' }, payload: kitaText })
  t.equal(sjis.statusCode, 422, 'a known charset goes on to be read (these UTF-8 bytes are no valid Shift_JIS plan)')
  const deep = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'application/json' }, payload: `{"id":${'['.repeat(100_000)}` })
  t.same([deep.statusCode, deep.json().type], [400, '/problems/invalid-body'])
})
