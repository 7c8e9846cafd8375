// The budget of server time per client (RATE_LIMIT_SERVER_MS): a client whose
// answers took more than its budget this minute is a 429 until the minute ends,
// while other clients, uncounted routes and the token holder's writes go on.
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { clientKey } from '../../src/plugins/server-time.js'
import { SEED_PLAN_DIR } from '../helper.js'

t.test('a client past its server time is refused with Retry-After; another client is not', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR, rateLimitServerMs: 1 })
  t.teardown(() => app.close())
  // The first answers are charged as they come: they run until the budget is spent.
  let answer = await app.inject('/v1/search?q=%E5%8C%BA')
  t.equal(answer.statusCode, 200, 'the first search is answered')
  t.ok(answer.json().data.length > 0)
  for (let i = 0; i < 5 && answer.statusCode === 200; i++) answer = await app.inject(`/v1/search?q=%E5%9C%B0%E5%9F%9F&limit=${i + 1}`)
  t.equal(answer.statusCode, 429, 'then the client is refused')
  t.match(answer.json(), { type: '/problems/rate-limited', status: 429, detail: /ms of server time this minute, over its 1 ms/ })
  const wait = Number(answer.headers['retry-after'])
  t.ok(wait >= 1 && wait <= 60, `retry after ${wait} s: the rest of the minute`)
  t.equal((await app.inject('/v1/plans')).statusCode, 429, 'every route of the API')
  t.equal((await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ plans { page { total } } }' } })).statusCode, 429, 'GraphQL too')
  t.equal((await app.inject('/healthz')).statusCode, 200, 'the health check is not charged')
  const other = await app.inject({ url: '/v1/plans', remoteAddress: '198.51.100.7' })
  t.equal(other.statusCode, 200, 'another client has its own budget')
})

t.test('off by default in buildApp (tests) and 0 in the server; the server takes 15 s a minute unless set', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR })
  t.teardown(() => app.close())
  for (let i = 0; i < 20; i++) t.equal((await app.inject(`/v1/search?q=%E5%8C%BA&limit=${(i % 20) + 1}`)).statusCode, 200)
  t.equal(loadConfig({}).RATE_LIMIT_SERVER_MS, 15_000)
  t.equal(loadConfig({ RATE_LIMIT_SERVER_MS: '0' }).RATE_LIMIT_SERVER_MS, 0)
  t.throws(() => loadConfig({ RATE_LIMIT_SERVER_MS: '1e3' }), /RATE_LIMIT_SERVER_MS/)
})

t.test('clients are keyed as the request limit keys them: IPv6 by its /64, IPv4-mapped as IPv4', async (t) => {
  t.equal(clientKey('203.0.113.9'), '203.0.113.9')
  t.equal(clientKey('::ffff:203.0.113.9'), '203.0.113.9')
  t.equal(clientKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64')
  t.equal(clientKey('2001:DB8:1:2:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64', 'one allocation, whatever address in it')
  t.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64')
  t.equal(clientKey('::1'), '0:0:0:0::/64')
  t.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64', 'a zone is no part of the client')
  t.equal(clientKey('2001:0db8:0001:0002::'), '2001:db8:1:2::/64')
})
