// Rate-limit headers on every counted answer (not only 429s); health checks,
// downloads, docs and their assets are not counted; a venue's address may
// have its own limit (RATE_LIMIT_VENUES).
import { readFileSync } from 'node:fs'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js'
import { parseRateLimitVenues, venueLimit } from '../../src/rate-limit-venues.js'
import { SEED_PLAN_DIR } from '../helper.js'

const limits = (headers: Record<string, unknown>) => [headers['x-ratelimit-limit'], headers['x-ratelimit-remaining']]

t.test('every counted answer says the limit and what is left; uncounted routes leave it as it was', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR, rateLimitMax: 4 })
  t.teardown(() => app.close())
  const first = await app.inject({ url: '/v1/plans' })
  t.same(limits(first.headers), ['4', '3'])
  t.ok(Number(first.headers['x-ratelimit-reset']) > 0 && Number(first.headers['x-ratelimit-reset']) <= 60, `reset in ${first.headers['x-ratelimit-reset']} s`)
  t.match(first.headers['access-control-expose-headers'], /X-RateLimit-Remaining/, 'browsers may read them')
  const cached = await app.inject({ url: '/v1/plans' })
  t.same(limits(cached.headers), ['4', '2'], 'an answer from the response cache too')
  t.equal(cached.body, first.body)

  for (const url of ['/healthz', '/healthz', '/downloads/plans.csv', '/openapi.json', '/docs/static/index.html', '/docs', '/graphiql']) {
    const answer = await app.inject({ url })
    t.equal(answer.headers['x-ratelimit-limit'], undefined, `${url} (${answer.statusCode}) is not counted`)
  }
  const health = await app.inject({ url: '/healthz' })
  t.equal(health.statusCode, 200)
  const queried = await app.inject({ url: '/openapi.json?x=1' })
  t.same(limits(queried.headers), ['4', '1'], 'with a query string (each one another answer to build and cache) they are counted')

  const problem = await app.inject({ url: '/v1/plans?limit=0' })
  t.same(limits(problem.headers), ['4', '0'], 'a problem answer is counted and says so')
  const limited = await app.inject({ url: '/v1/organizations' })
  t.equal(limited.statusCode, 429)
  t.same(limits(limited.headers), ['4', '0'])
  t.ok(Number(limited.headers['retry-after']) > 0)
  t.match(limited.json(), { type: '/problems/rate-limited', title: 'Too many requests', status: 429 })
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'the health check answers beyond the limit')
  const graphql = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ plans { page { total } } }' } })
  t.same([graphql.statusCode, ...limits(graphql.headers)], [429, '4', '0'], 'GraphQL is counted too')
})

t.test('a venue behind one address gets its own limit', async (t) => {
  const venues = parseRateLimitVenues('203.0.113.0/24=6, 2001:db8:1::/48=8')
  t.same(venues.map((v) => [v.addresses, v.max]), [['203.0.113.0/24', 6], ['2001:db8:1::/48', 8]])
  t.equal(venueLimit(venues, '203.0.113.200'), 6)
  t.equal(venueLimit(venues, '::ffff:203.0.113.7'), 6, 'IPv4-mapped')
  t.equal(venueLimit(venues, '2001:db8:1:ff::1'), 8)
  t.equal(venueLimit(venues, '198.51.100.1'), undefined)

  const app = await buildApp({ databasePath: ':memory:', seedDir: null, rateLimitMax: 2, rateLimitVenues: venues })
  t.teardown(() => app.close())
  const venue = await app.inject({ url: '/v1/plans', remoteAddress: '203.0.113.9' })
  t.same(limits(venue.headers), ['6', '5'])
  const person = await app.inject({ url: '/v1/plans', remoteAddress: '198.51.100.1' })
  t.same(limits(person.headers), ['2', '1'])
})

t.test('RATE_LIMIT_VENUES is checked at start, and every variable is in the readme', async (t) => {
  t.equal(loadConfig({ RATE_LIMIT_VENUES: '203.0.113.7=6000' }).RATE_LIMIT_VENUES, '203.0.113.7=6000')
  for (const bad of ['203.0.113.7', '203.0.113.7=0', '203.0.113.7=1e3', '300.1.1.1=5', '10.0.0.0/33=5', 'example.org=5', '10.0.0.1=5,']) {
    t.throws(() => loadConfig({ RATE_LIMIT_VENUES: bad }), /^invalid configuration: RATE_LIMIT_VENUES=.*expected comma-separated ADDRESS=MAX/, bad)
  }
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const rows = readme.split('\n').filter((line) => line.startsWith('| `'))
  for (const name of CONFIG_VARIABLES) t.ok(rows.some((row) => row.split('|')[1]!.includes(`\`${name}\``)), `${name} is in a configuration table`)
})
