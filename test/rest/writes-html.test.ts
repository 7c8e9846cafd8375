// POST /v1/plans with a saved plan page (text/html): the same plan as its text.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { SEED_PLAN, tempDir } from '../helper.js'
import { SEED_FACTS, encodePage, planPage, seedFacts, seedPlanAt } from '../sources/plan-page.js'

const TOKEN = 'test-token-0123456789abcdef'
const auth = { authorization: `Bearer ${TOKEN}` }
const seedText = readFileSync(SEED_PLAN, 'utf8')
const CANONICAL = 'https://www.city.osaka.lg.jp/asahi/page/0000397263.html'

async function buildEmpty(t: Parameters<typeof tempDir>[0]) {
  // No load shedding: on a busy test machine the event loop may lag past the limit and shed these requests.
  const app = await buildApp({ databasePath: join(tempDir(t, 'writes-html'), 'plans.db'), seedDir: null, adminToken: TOKEN, maxEventLoopDelay: 0 })
  t.teardown(() => app.close())
  return app
}

t.test('POST a saved page, UTF-8 by <meta> or Shift_JIS by the header: the plan of its text', async (t) => {
  const app = await buildEmpty(t)
  const pages = [
    { contentType: 'text/html', payload: encodePage(planPage(seedText, { metaCharset: 'utf-8', canonical: CANONICAL }), 'utf-8'), sourceUrl: CANONICAL, status: 201 },
    { contentType: 'text/html; charset=Shift_JIS', payload: encodePage(planPage(seedText), 'shift_jis'), sourceUrl: null, status: 200 },
  ]
  for (const { contentType, payload, sourceUrl, status } of pages) {
    const response = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': contentType }, payload })
    t.equal(response.statusCode, status, response.body)
    const expected = seedPlanAt(seedText, sourceUrl)
    t.same(response.json(), { planId: 'asahi-2017', completeness: 'complete', initiatives: 9, budgetYen: 48_639_000, replaced: status === 200, changed: true, warnings: expected.warnings })
    const stored = (await app.inject({ url: '/v1/plans/asahi-2017' })).json()
    t.equal(stored.sourceUrl, sourceUrl, `${contentType}: the source is the canonical link, when there is one`)
    t.same(seedFacts(stored), SEED_FACTS)
    t.match(stored, expected, 'the plan document of the text, as stored and served')
  }
})

t.test('a page in a charset it does not declare, or no plan, is a 422 and writes nothing', async (t) => {
  const app = await buildEmpty(t)
  const garbled = await app.inject({
    method: 'POST',
    url: '/v1/plans',
    headers: { ...auth, 'content-type': 'text/html; charset=utf-8' },
    payload: encodePage(planPage(seedText), 'shift_jis'),
  })
  t.equal(garbled.statusCode, 422)
  t.match(garbled.json(), { type: '/problems/invalid-plan', detail: 'request body: the bytes are not valid utf-8 (wrong charset declared?)' })
  const weather = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/html' }, payload: '<!DOCTYPE html><p>今日は晴れ</p>' })
  t.equal(weather.statusCode, 422)
  t.match(weather.json(), { type: '/problems/invalid-plan', line: 1 })
  t.equal((await app.inject({ url: '/v1/plans' })).json().page.total, 0)
})

t.test('a plan text is read in the charset its Content-Type names; JSON only in UTF-8; no compressed bodies', async (t) => {
  const app = await buildEmpty(t)
  // The seed text has characters Shift_JIS cannot carry; this one has none.
  const kitaText = readFileSync(new URL('../../seed/kita-2022.txt', import.meta.url), 'utf8')
  const sjis = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/plain; charset=Shift_JIS' }, payload: encodePage(kitaText, 'shift_jis') })
  t.equal(sjis.statusCode, 201, sjis.body)
  const utf8 = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/plain' }, payload: kitaText })
  t.same([utf8.statusCode, utf8.json().changed], [200, false], 'a Shift_JIS text is the same plan as its UTF-8 text')

  const json = JSON.stringify({ query: '{ plan(id: "asahi-2017") { id } }' })
  for (const [headers, detail] of [
    [{ 'content-type': 'application/json; charset=shift_jis' }, /JSON is sent in UTF-8/],
    [{ 'content-type': 'application/json', 'content-encoding': 'gzip' }, /Content-Encoding "gzip" is not accepted/],
    [{ 'content-type': 'application/json', 'content-encoding': 'br, gzip' }, /Content-Encoding/],
  ] as const) {
    const refused = await app.inject({ method: 'POST', url: '/graphql', headers, payload: json })
    t.same([refused.statusCode, refused.json().type], [415, '/problems/unsupported-media-type'], JSON.stringify(headers))
    t.match(refused.json().detail, detail)
  }
  const fine = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json; charset=UTF-8', 'content-encoding': 'identity' }, payload: json })
  t.equal(fine.statusCode, 200, 'UTF-8 and identity are what they should be')
  const stranger = await app.inject({ method: 'POST', url: '/v1/plans', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: '{}' })
  t.equal(stranger.statusCode, 401, 'a write checks the token first')
})
