// Changes and freshness: each plan's importedAt and updatedAt (an identical
// re-import moves neither), updatedSince on the lists of plans and their parts
// (REST and GraphQL), Last-Modified on answers and 304 on If-Modified-Since.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { importPlans } from '../../src/importer/import-plans.js'
import { parsePlan } from '../../src/plans/parse.js'
import { buildApp } from '../../src/app.js'
import { SEED_PLAN, SEED_PLAN_DIR, build, getJson } from '../helper.js'

const seedPlan = () => parsePlan(readFileSync(SEED_PLAN, 'utf8'), 'asahi-2017.txt')
const httpDate = (iso: string) => new Date(iso).toUTCString()
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

t.test('a plan says when it was imported and last changed, in JSON, CSV, JSON Lines and GraphQL', async (t) => {
  const app = await build(t)
  const { body: plan, headers } = await getJson(app, '/v1/plans/asahi-2017')
  t.match(plan.importedAt, ISO, 'importedAt is an ISO 8601 time')
  t.equal(plan.updatedAt, plan.importedAt, 'a plan imported once last changed then')
  t.equal(headers['last-modified'], httpDate(plan.updatedAt), "the document's Last-Modified is its updatedAt")

  const { body: list } = await getJson(app, '/v1/plans')
  t.same(list.data.map((p: any) => [p.id, p.importedAt, p.updatedAt]), [['asahi-2017', plan.importedAt, plan.updatedAt]], 'the list has them too')
  const csv = (await app.inject({ url: '/v1/plans.csv' })).body.replace(/^\uFEFF/, '').split(/\r?\n/)
  const header = csv[0].split(',')
  const row = csv[1].split(',')
  t.equal(row[header.indexOf('updatedAt')], plan.updatedAt, 'a CSV column')
  t.equal(row[header.indexOf('importedAt')], plan.importedAt)
  t.match(JSON.parse((await app.inject({ url: '/v1/plans.jsonl' })).body.split('\n')[0]), { id: 'asahi-2017', updatedAt: plan.updatedAt })
  const graphql = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ plan(id: "asahi-2017") { importedAt updatedAt } }' } })
  t.same(graphql.json().data.plan, { importedAt: plan.importedAt, updatedAt: plan.updatedAt }, 'and GraphQL')
})

t.test('an identical re-import changes nothing; a changed one moves updatedAt and Last-Modified', async (t) => {
  const app = await build(t)
  const before = (await getJson(app, '/v1/plans/asahi-2017')).body
  const listBefore = await app.inject({ url: '/v1/initiatives?limit=3' })
  await new Promise((resolve) => setTimeout(resolve, 1100)) // Last-Modified has whole seconds

  const [same] = importPlans(app.writer, [{ plan: seedPlan() }])
  t.match(same, { replaced: true, changed: false })
  const after = await app.inject({ url: '/v1/plans/asahi-2017' })
  t.equal(after.json().updatedAt, before.updatedAt, 'updatedAt stays')
  t.equal(after.headers['last-modified'], httpDate(before.updatedAt))
  const listAfter = await app.inject({ url: '/v1/initiatives?limit=3', headers: { 'if-modified-since': String(listBefore.headers['last-modified']) } })
  t.equal(listAfter.statusCode, 304, 'a client that has the list is told nothing changed')
  t.equal(listAfter.body, '', 'with no body')

  const edited = seedPlan()
  edited.policy = `${edited.policy}(改訂)`
  importPlans(app.writer, [{ plan: edited }])
  const changed = (await getJson(app, '/v1/plans/asahi-2017')).body
  t.equal(changed.importedAt, before.importedAt, 'importedAt stays: the plan is the same plan')
  t.ok(changed.updatedAt > before.updatedAt, 'updatedAt moves')
  const listChanged = await app.inject({ url: '/v1/initiatives?limit=3', headers: { 'if-modified-since': String(listBefore.headers['last-modified']) } })
  t.equal(listChanged.statusCode, 200, 'the list has changed since')
  t.equal(listChanged.headers['last-modified'], httpDate(changed.updatedAt), "a list's Last-Modified is the dataset's last change")
  const initiative = await app.inject({ url: '/v1/initiatives/asahi-2017.3-1-1' })
  t.equal(initiative.headers['last-modified'], httpDate(changed.updatedAt), "an initiative's is its plan's updatedAt")
})

t.test('If-Modified-Since gives 304 when nothing changed since; If-None-Match decides when sent', async (t) => {
  const app = await build(t)
  const first = await app.inject({ url: '/v1/issues/asahi-2017.1' })
  const lastModified = String(first.headers['last-modified'])
  const later = httpDate(new Date(Date.parse(lastModified) + 60_000).toISOString())
  const earlier = httpDate(new Date(Date.parse(lastModified) - 1000).toISOString())
  const status = async (headers: Record<string, string>) => (await app.inject({ url: '/v1/issues/asahi-2017.1', headers })).statusCode
  t.equal(await status({ 'if-modified-since': lastModified }), 304, 'the same time')
  t.equal(await status({ 'if-modified-since': later }), 304, 'a later time')
  t.equal(await status({ 'if-modified-since': earlier }), 200, 'an earlier time')
  t.equal(await status({ 'if-modified-since': 'not a date' }), 200, 'an invalid date is ignored')
  t.equal(await status({ 'if-modified-since': lastModified, 'if-none-match': '"another"' }), 200, 'If-None-Match that does not match wins over If-Modified-Since')
  t.equal(await status({ 'if-modified-since': earlier, 'if-none-match': String(first.headers.etag) }), 304, 'and one that matches too')
  t.equal(await status({ 'if-none-match': `"x", ${first.headers.etag}` }), 304, 'a list of tags')
})

t.test('updatedSince keeps the rows of plans changed since then, on every list of plans and their parts', async (t) => {
  const app = await build(t)
  const { updatedAt } = (await getJson(app, '/v1/plans/asahi-2017')).body
  const lists = { plans: 1, issues: 4, strategies: 5, initiatives: 9 }
  // The same instant as Osaka's time of day, and a millisecond later.
  const inOsaka = (ms: number) => new Date(ms + 9 * 3600_000).toISOString().replace('Z', '+09:00')
  for (const [list, total] of Object.entries(lists)) {
    const rest = async (since: string) => (await getJson(app, `/v1/${list}?updatedSince=${encodeURIComponent(since)}`)).body.page.total
    t.equal(await rest('2000-01-01T00:00:00Z'), total, `${list}: all since 2000`)
    t.equal(await rest(updatedAt), total, `${list}: the very time is included`)
    t.equal(await rest('2100-01-01T00:00:00Z'), 0, `${list}: none since 2100`)
    t.equal(await rest(inOsaka(Date.parse(updatedAt))), total, `${list}: a time with an offset is that instant`)
    t.equal(await rest(inOsaka(Date.parse(updatedAt) + 1)), 0, `${list}: and a millisecond later, none`)
    const graphql = await app.inject({ method: 'POST', url: '/graphql', payload: { query: `{ ${list}(updatedSince: "2000-01-01T00:00:00+09:00") { page { total } } }` } })
    t.equal(graphql.json().data[list].page.total, total, `${list}: GraphQL takes it too`)
  }
  const whole = (await app.inject({ url: '/v1/initiatives.jsonl?updatedSince=2100-01-01T00:00:00Z' })).body
  t.equal(whole, '', 'the whole-result files filter alike')
  const combined = (await getJson(app, `/v1/initiatives?plan=asahi-2017&sort=-budget&updatedSince=2000-01-01T00:00:00Z&limit=1`)).body
  t.same(combined.data.map((i: any) => i.id), ['asahi-2017.1-2-1'], 'with other filters and a sort')

  const bad = await app.inject({ url: '/v1/plans?updatedSince=2026-02-30T00:00:00Z' })
  t.equal(bad.statusCode, 400)
  t.match(bad.headers['content-type'], /^application\/problem\+json/)
  t.match(bad.json(), { type: '/problems/invalid-parameter', parameter: 'updatedSince', detail: /ISO 8601 date-time/ })
})

t.test('a conditional HEAD is a 304 like its GET, on every kind of route, cached or not (it was a 500)', async (t) => {
  for (const cacheResponses of [true, false]) {
    const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR, cacheResponses })
    t.teardown(() => app.close())
    for (const url of ['/v1/plans', '/v1/plans/asahi-2017', '/v1/search?q=%E5%8C%BA', '/healthz', '/', '/openapi.json', '/plans/asahi-2017']) {
      const { etag } = (await app.inject({ url })).headers
      for (const headers of [{ 'if-none-match': '*' }, { 'if-none-match': String(etag) }, { 'if-none-match': String(etag), 'accept-encoding': 'gzip' }]) {
        const head = await app.inject({ method: 'HEAD', url, headers })
        const get = await app.inject({ url, headers })
        t.same([head.statusCode, head.headers['content-length'], head.body], [get.statusCode, undefined, ''], `HEAD ${url} ${JSON.stringify(headers)}, cache ${cacheResponses}`)
      }
    }
  }
})
