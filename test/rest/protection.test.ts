// Limits and headers that keep the service up under load and abuse.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { API_HEADERS } from '../../src/plugins/api-headers.js'
import { PROBLEM_TYPES } from '../../src/plugins/problems.js'
import { SEED_PLAN_DIR, build } from '../helper.js'

t.test('rate limit: 429 problem with Retry-After', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR, rateLimitMax: 3 })
  t.teardown(() => app.close())
  for (let i = 0; i < 3; i++) t.equal((await app.inject({ url: '/v1/plans' })).statusCode, 200)
  const limited = await app.inject({ url: '/v1/plans' })
  t.equal(limited.statusCode, 429)
  t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After in seconds')
  t.match(limited.headers['content-type'], /problem\+json/)
  t.equal(limited.json().type, '/problems/rate-limited')
  t.equal(limited.json().title, 'Too many requests')
})

t.test('unknown routes count toward the rate limit, and answer 429 beyond it', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: null, rateLimitMax: 3 })
  t.teardown(() => app.close())
  const answers = []
  for (const url of ['/nope', '/v1/nope', '/downloads/../x', '/v1/plans', '/no/such/route']) answers.push(await app.inject({ url }))
  t.same(answers.map((a) => a.statusCode), [404, 404, 404, 429, 429], 'three 404s use up the limit of three')
  t.equal(answers[4]!.json().type, '/problems/rate-limited')
  t.ok(Number(answers[4]!.headers['retry-after']) > 0)
  const other = await app.inject({ url: '/nope', remoteAddress: '10.0.0.9' })
  t.equal(other.statusCode, 404, 'per client: another address is not limited')
})

t.test('every problem has its own title, and carries the API headers', async (t) => {
  const titles = Object.values(PROBLEM_TYPES).map((p) => p.title)
  t.equal(new Set(titles).size, titles.length, 'no two problem types share a title')
  t.equal(new Set(Object.values(PROBLEM_TYPES).map((p) => p.type)).size, titles.length, 'nor a type')
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  for (const { type, title, status, when } of Object.values(PROBLEM_TYPES)) t.ok(readme.includes(`| \`${type}\` | ${title} | ${status} | ${when} |`), `README lists ${type}, as its page says it`)

  const token = 'x'.repeat(16)
  const app = await buildApp({ databasePath: ':memory:', seedDir: null, adminToken: token, bodyLimit: 1024, rateLimitMax: 8 })
  t.teardown(() => app.close())
  const closed = await buildApp({ databasePath: ':memory:', seedDir: null })
  t.teardown(() => closed.close())
  const auth = { authorization: `Bearer ${token}` }
  const answers = {
    400: await app.inject({ url: '/v1/plans?limit=x' }),
    401: await app.inject({ method: 'POST', url: '/v1/plans', headers: { 'content-type': 'text/plain' }, payload: 'x' }),
    403: await closed.inject({ method: 'POST', url: '/v1/plans', headers: { 'content-type': 'text/plain' }, payload: 'x' }),
    404: await app.inject({ url: '/no/such/route' }),
    413: await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/plain' }, payload: 'あ'.repeat(2000) }),
    415: await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'image/png' }, payload: 'x' }),
    422: await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/plain' }, payload: 'not a plan' }),
  }
  const limited = await (async () => {
    for (;;) {
      const answer = await app.inject({ url: '/v1/nope' })
      if (answer.statusCode === 429) return answer
    }
  })()
  const byStatus: Record<string, typeof limited> = { ...answers, 429: limited }
  for (const [status, answer] of Object.entries(byStatus)) {
    const body = answer.json()
    const expected = Object.values(PROBLEM_TYPES).find((p) => p.type === body.type)
    t.equal(answer.statusCode, Number(status), `${status}: ${body.type}`)
    t.match(answer.headers['content-type'], /^application\/problem\+json/)
    t.same({ title: body.title, status: body.status }, { title: expected?.title, status: Number(status) }, `${status} is titled ${expected?.title}`)
    for (const [name, value] of Object.entries(API_HEADERS)) t.equal(answer.headers[name], value, `${status} carries ${name}`)
  }
  t.not(byStatus[403]!.json().title, byStatus[413]!.json().title)
})

t.test('security headers, request ids', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/plans' })
  t.equal(response.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'", 'API answers may not run or be framed')
  t.equal(response.headers['x-content-type-options'], 'nosniff')
  const docs = await app.inject({ url: '/docs/' })
  t.match(docs.headers['content-security-policy'], /default-src 'self'/, 'the docs page may run its own scripts')
  t.match((await app.inject({ url: '/graphiql' })).headers['content-security-policy'], /script-src 'self'/)
  for (const url of ['/', '/docs/', '/graphiql']) {
    // A scheme in the page policy breaks the pages over plain http on any name but localhost (test/front/browser.test.ts).
    const policy = String((await app.inject({ url })).headers['content-security-policy'])
    t.notMatch(policy, /upgrade-insecure-requests|block-all-mixed-content|https:/, `${url}: nothing in the policy asks for https`)
  }
  t.match(response.headers['x-request-id'], /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-z]+$/)
  const next = await app.inject({ url: '/v1/plans' })
  t.not(next.headers['x-request-id'], response.headers['x-request-id'], 'each request its own id')
  const traced = await app.inject({ url: '/v1/plans', headers: { 'x-request-id': 'trace-42' } })
  t.equal(traced.headers['x-request-id'], 'trace-42', "a client's request id is kept")
})

t.test('body limit: 413 problem', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: null, adminToken: 'x'.repeat(16), bodyLimit: 1024 })
  t.teardown(() => app.close())
  const response = await app.inject({
    method: 'POST',
    url: '/v1/plans',
    headers: { authorization: `Bearer ${'x'.repeat(16)}`, 'content-type': 'text/plain' },
    payload: 'あ'.repeat(2000),
  })
  t.equal(response.statusCode, 413)
  t.equal(response.json().type, '/problems/body-too-large')
})

t.test('queries run on a read-only connection', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ward-plans-ro-'))
  const app = await buildApp({ databasePath: join(dir, 'plans.db'), seedDir: SEED_PLAN_DIR })
  t.teardown(() => app.close())
  t.throws(() => app.db.run(sql`delete from plans`), /Failed to run the query/)
  t.throws(() => app.sqlite.prepare('delete from plans').run(), /readonly database/)
  t.equal((await app.inject({ url: '/healthz' })).json().plans, 1)
})

t.test('configuration is validated', async (t) => {
  t.same(loadConfig({}).PORT, 3000)
  t.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/)
  t.throws(() => loadConfig({ RATE_LIMIT_MAX: '0' }), /RATE_LIMIT_MAX/)
  t.throws(() => loadConfig({ ADMIN_TOKEN: 'short' }), /ADMIN_TOKEN/)
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/)
})

t.test('a failure of our own is a 500 problem without internals', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR, cacheResponses: false })
  t.teardown(() => app.close())
  await app.ready()
  app.sqlite.exec('drop table search_entries') // what a broken deployment would look like
  const response = await app.inject({ url: `/v1/search?q=${encodeURIComponent('防災')}` })
  t.equal(response.statusCode, 500)
  t.match(response.headers['content-type'], /problem\+json/)
  t.match(response.json(), { type: '/problems/internal-error', status: 500 })
  t.notMatch(response.body, /search_entries|sqlite/i, 'no internals leak')
})
