// One validation of every argument: the same input gets the same refusal from
// REST (a 400 problem naming the parameter) and GraphQL (BAD_USER_INPUT naming
// the argument); numbers that are not finite integers never pass.
import type { FastifyInstance } from 'fastify'
import fc from 'fast-check'
import t from 'tap'
import { MAX_SEARCH_WORDS } from '../../src/services/arguments.js'
import { build } from '../helper.js'

const words = (n: number) => Array.from({ length: n }, (_, i) => '防災訓練'[i % 4] + '区'.repeat(i % 3)).join(' ')

/** Each list with its REST path, GraphQL field and the arguments it needs besides the one tried. */
const LISTS = {
  search: { path: '/v1/search', field: 'search', needs: { q: '防災' } },
  initiatives: { path: '/v1/initiatives', field: 'initiatives', needs: {} },
  budgets: { path: '/v1/budgets', field: 'budgets', needs: { groupBy: 'plan' } },
  plans: { path: '/v1/plans', field: 'plans', needs: {} },
  issues: { path: '/v1/issues', field: 'issues', needs: {} },
  strategies: { path: '/v1/strategies', field: 'strategies', needs: {} },
  organizations: { path: '/v1/organizations', field: 'organizations', needs: {} },
} as const
type List = keyof typeof LISTS

/** An argument value as a GraphQL literal: enums bare, the rest as JSON. */
const literal = (name: string, value: unknown) => (name === 'groupBy' ? String(value) : JSON.stringify(value))

async function both(app: FastifyInstance, list: List, name: string, value: string | number) {
  const { path, field, needs } = LISTS[list]
  const args = { ...needs, [name]: value }
  const query = new URLSearchParams(Object.entries(args).map(([k, v]) => [k, String(v)]))
  const rest = await app.inject({ url: `${path}?${query}` })
  const gqlArgs = Object.entries(args).map(([k, v]) => `${k}: ${literal(k, v)}`).join(', ')
  const graphql = await app.inject({ method: 'POST', url: '/graphql', payload: { query: `{ ${field}(${gqlArgs}) { page { total } } }` } })
  return { rest: { status: rest.statusCode, body: rest.json() }, graphql: { status: graphql.statusCode, body: graphql.json() } }
}

/** REST's schema says "must be >= 1", GraphQL "must be an integer from 1 to 100"; both name the bound. */
const BOUNDS = /must be (>=|<=|an integer)/

const REFUSED: [List, string, string | number, RegExp][] = [
  ['search', 'q', 'あ'.repeat(201), /q must be 1 to 200 characters long|must NOT have more than 200 characters/],
  ['search', 'q', words(MAX_SEARCH_WORDS + 1), /q has 17 words; at most 16/],
  ['search', 'q', 'a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r', /q has 18 words; at most 16/],
  ['initiatives', 'q', 'い'.repeat(201), /200 characters/],
  ['initiatives', 'q', words(40), /q has 40 words/],
  ['budgets', 'q', words(17), /q has 17 words/],
  ['budgets', 'q', 'う'.repeat(500), /200 characters/],
  ['plans', 'limit', -1, BOUNDS],
  ['issues', 'limit', 0, BOUNDS],
  ['strategies', 'limit', 101, BOUNDS],
  ['organizations', 'limit', -2147483648, BOUNDS],
  ['plans', 'fiscalYear', 3000, BOUNDS],
  ['issues', 'fiscalYear', 1988, BOUNDS],
  ['initiatives', 'minBudgetYen', -1, BOUNDS],
  ['budgets', 'maxBudgetYen', 1.5, BOUNDS],
  ['initiatives', 'plan', 'p'.repeat(201), /plan must be|200 characters/],
  ['strategies', 'issue', 'i'.repeat(201), /issue must be|200 characters/],
  ['initiatives', 'cursor', 'c'.repeat(1001), /cursor must be|1000 characters/],
  // A list's sorts are its own: each refusal lists them.
  ['plans', 'sort', 'budget', /id, -id, organization, -organization, fiscalYear, -fiscalYear\)?$/],
  ['search', 'sort', '-rank', /rank, plan, -plan, fiscalYear, -fiscalYear\)?$/],
  ['budgets', 'sort', 'title', /key, -key, totalYen, -totalYen\)?$/],
  // A date-time with its offset, and a real one: REST's pattern or the shared check refuse the same inputs.
  ['plans', 'updatedSince', '2026-04-01', /ISO 8601 date-time|must match pattern/],
  ['issues', 'updatedSince', 'yesterday at noon please', /ISO 8601 date-time|must match pattern/],
  ['strategies', 'updatedSince', '2026-04-01T00:00:00', /ISO 8601 date-time|must match pattern/],
  ['initiatives', 'updatedSince', '2026-02-30T00:00:00Z', /updatedSince must be an ISO 8601 date-time/],
  ['plans', 'updatedSince', '2026-04-01T24:00:00+09:00', /updatedSince must be an ISO 8601 date-time/],
  ['issues', 'updatedSince', '2026-04-01t00:00:00z', /ISO 8601 date-time|must match pattern/],
]

t.test('the same input gets the same refusal from REST and GraphQL', async (t) => {
  const app = await build(t)
  for (const [list, name, value, message] of REFUSED) {
    const label = `${list} ${name}=${String(value).slice(0, 24)}`
    const { rest, graphql } = await both(app, list, name, value)
    t.equal(rest.status, 400, `${label}: REST 400`)
    t.equal(rest.body.type, '/problems/invalid-parameter', `${label}: REST problem type`)
    t.equal(rest.body.parameter, name, `${label}: REST names the parameter`)
    t.match(rest.body.detail, message, `${label}: REST says why`)
    t.equal(graphql.status, 400, `${label}: GraphQL 400`)
    t.equal(graphql.body.data, null)
    t.same(graphql.body.errors.map((e: any) => e.extensions), [{ code: 'BAD_USER_INPUT', argument: name }], `${label}: GraphQL names the argument`)
    t.match(graphql.body.errors[0].message, message, `${label}: GraphQL says why`)
  }
})

t.test('values at the bounds pass on both', async (t) => {
  const app = await build(t)
  const accepted: [List, string, string | number, number][] = [
    ['search', 'q', words(MAX_SEARCH_WORDS), 0],
    ['search', 'q', '防災', 3],
    ['initiatives', 'q', words(MAX_SEARCH_WORDS), 0],
    ['initiatives', 'q', '城北公園', 1],
    ['budgets', 'q', 'ム'.repeat(200), 0],
    ['plans', 'limit', 100, 1],
    ['plans', 'fiscalYear', 2017, 1],
    ['initiatives', 'minBudgetYen', 5_000_000, 3],
    ['initiatives', 'maxBudgetYen', Number.MAX_SAFE_INTEGER, 7],
    ['plans', 'updatedSince', '2000-01-01T00:00:00Z', 1],
    ['initiatives', 'updatedSince', '2000-01-01T09:00:00.123456789+09:00', 9],
    ['strategies', 'updatedSince', '2099-12-31T23:59:59Z', 0],
  ]
  for (const [list, name, value, total] of accepted) {
    const label = `${list} ${name}=${String(value).slice(0, 24)}`
    const { rest, graphql } = await both(app, list, name, value)
    t.equal(rest.status, 200, `${label}: REST 200`)
    t.equal(graphql.status, 200, `${label}: GraphQL 200`)
    t.equal(rest.body.page.total, total, `${label}: REST total`)
    t.equal(graphql.body.data[LISTS[list].field].page.total, total, `${label}: GraphQL total`)
  }
})

const NOT_DIGITS = ['Infinity', '+Infinity', '-Infinity', '1e999', '-1e999', '1e3', '1e1', 'NaN', '0x10', '0b1', '0o7', '1.5', '5.0', ' 5', '5 ', '+5', '', '1_0', '５']

t.test('numbers in query strings are decimal digits: anything else is a 400 on every list route', async (t) => {
  const app = await build(t)
  for (const { path, needs } of Object.values(LISTS)) {
    for (const spelling of NOT_DIGITS) {
      const query = new URLSearchParams({ ...needs, limit: spelling })
      const response = await app.inject({ url: `${path}?${query}` })
      t.equal(response.statusCode, 400, `${path}?limit=${spelling}: 400`)
      t.match(response.headers['content-type'], /^application\/problem\+json/)
      const problem = response.json()
      t.equal(problem.type, '/problems/invalid-parameter')
      t.equal(problem.parameter, 'limit', `${path}?limit=${spelling}: names limit`)
    }
  }
  for (const [url, parameter] of [
    ['/v1/plans?fiscalYear=Infinity', 'fiscalYear'],
    ['/v1/issues?fiscalYear=2017.0', 'fiscalYear'],
    ['/v1/initiatives?minBudgetYen=-Infinity', 'minBudgetYen'],
    ['/v1/initiatives?maxBudgetYen=Infinity', 'maxBudgetYen'],
    ['/v1/budgets?groupBy=plan&maxBudgetYen=1e999', 'maxBudgetYen'],
    ['/v1/search?q=x&fiscalYear=NaN', 'fiscalYear'],
    ['/v1/plans?limit=5&limit=Infinity', 'limit'],
  ]) {
    const response = await app.inject({ url })
    t.equal(response.statusCode, 400, `${url}: 400`)
    t.same([response.json().type, response.json().parameter], ['/problems/invalid-parameter', parameter], `${url}: names ${parameter}`)
  }
  t.equal((await app.inject({ url: '/v1/plans?limit=007' })).statusCode, 200, 'leading zeros are still digits')
})

t.test('GraphQL variables that are not finite are refused', async (t) => {
  const app = await build(t)
  const post = (payload: string) => app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload })
  for (const [variable, type, value] of [
    ['minBudgetYen', 'Float', '1e999'],
    ['maxBudgetYen', 'Float', '-1e999'],
    ['fiscalYear', 'Int', '1e999'],
    ['limit', 'Int', '1e999'],
  ]) {
    const query = `query ($v: ${type}) { initiatives(${variable}: $v) { page { total } } }`
    // Twice: the second request is the one mercurius compiles, and it skips its own variable check.
    for (const round of [1, 2]) {
      const response = await post(`{"query":${JSON.stringify(query)},"variables":{"v":${value}}}`)
      t.equal(response.statusCode, 400, `${variable}=${value} (round ${round}): 400`)
      t.equal(response.json().errors[0].extensions.code, 'BAD_USER_INPUT')
      t.match(response.json().errors[0].message, /^Variable "\$v" got invalid value -?Infinity/)
    }
  }
  const fraction = await post(JSON.stringify({ query: 'query ($v: Float) { initiatives(minBudgetYen: $v) { page { total } } }', variables: { v: 0.5 } }))
  t.same(fraction.json().errors[0].extensions, { code: 'BAD_USER_INPUT', argument: 'minBudgetYen' }, 'a fraction of a yen is refused as in REST')
})

t.test('random values: REST refuses exactly what GraphQL refuses', async (t) => {
  const app = await build(t)
  await app.ready()
  const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 250 }), fc.array(fc.constantFrom('防災', 'a', '区', '1', '-', ' '), { maxLength: 40 }).map((w) => w.join(' ')))
  // Numbers JSON can carry (no NaN or Infinity), as REST prints them.
  const number = fc.oneof(fc.integer({ min: -300, max: 3000 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1.5, 2 ** 31, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2))
  const ARGS: Record<string, { lists: List[]; values: fc.Arbitrary<string | number> }> = {
    q: { lists: ['search', 'initiatives', 'budgets'], values: text },
    plan: { lists: ['initiatives', 'issues', 'strategies'], values: text },
    limit: { lists: ['plans', 'organizations', 'search'], values: number },
    fiscalYear: { lists: ['plans', 'issues', 'budgets'], values: number },
    minBudgetYen: { lists: ['initiatives', 'budgets'], values: number },
  }
  const input = fc.constantFrom(...Object.keys(ARGS)).chain((name) => fc.tuple(fc.constant(name), fc.constantFrom(...ARGS[name].lists), ARGS[name].values))
  await fc.assert(
    fc.asyncProperty(input, async ([name, list, value]) => {
      const { path, field, needs } = LISTS[list]
      // search's q is required: another argument is tried beside a fixed q.
      const rest = await app.inject({ url: `${path}?${new URLSearchParams({ ...needs, [name]: String(value) })}` })
      const needsArgs = Object.entries(needs).map(([k, v]) => `${k}: ${literal(k, v)}`)
      const type = String(app.graphql.schema.getQueryType()!.getFields()[field].args.find((arg) => arg.name === name)!.type)
      const query = `query ($v: ${type}) { ${field}(${[...needsArgs.filter((a) => !a.startsWith(`${name}:`)), `${name}: $v`].join(', ')}) { page { total } } }`
      const graphql = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables: { v: value } } })
      const restRefused = rest.statusCode === 400
      const graphqlRefused = graphql.json().errors !== undefined
      if (rest.statusCode >= 500 || graphql.statusCode >= 500) throw new Error(`${list} ${name}=${JSON.stringify(value)}: ${rest.statusCode} / ${graphql.statusCode}`)
      if (restRefused !== graphqlRefused) throw new Error(`${list} ${name}=${JSON.stringify(value)}: REST ${rest.statusCode} ${rest.body} but GraphQL ${graphql.body}`)
      if (!restRefused && rest.json().page.total !== graphql.json().data[field].page.total) throw new Error(`${list} ${name}=${JSON.stringify(value)}: different totals`)
      return true
    }),
    { numRuns: 300 },
  )
})

t.test('an item id in the path: up to 200 characters looked up, longer refused by name, however encoded', async (t) => {
  const app = await build(t)
  for (const path of ['plans', 'initiatives', 'organizations']) {
    for (const id of ['a'.repeat(200), encodeURIComponent('防'.repeat(200))]) {
      const missing = await app.inject({ url: `/v1/${path}/${id}` })
      t.same([missing.statusCode, missing.json().type], [404, '/problems/not-found'], `${path}: 200 characters is looked up`)
    }
    for (const id of ['a'.repeat(201), encodeURIComponent('防'.repeat(201))]) {
      const refused = await app.inject({ url: `/v1/${path}/${id}` })
      t.same([refused.statusCode, refused.json().type, refused.json().parameter], [400, '/problems/invalid-parameter', 'id'], `${path}: 201 characters is refused as the id`)
    }
  }
})

t.test('numbers in paths are decimal digits too', async (t) => {
  const app = await build(t)
  for (const year of ['1e3', '2.017e3', '0x7e1', '+2017', '２０１７']) {
    const answer = await app.inject({ url: `/fiscal-years/${encodeURIComponent(year)}` })
    t.same([answer.statusCode, answer.json().parameter], [400, 'year'], year)
    t.match(answer.json().detail, /must be an integer in decimal digits/)
  }
  t.equal((await app.inject({ url: '/fiscal-years/2017' })).statusCode, 200)
})

t.test('a year range is named as REST spells it, and an empty range is refused', async (t) => {
  const app = await build(t)
  const reversed = await app.inject({ url: '/v1/plans?fiscalYear=2020..2010' })
  t.same([reversed.statusCode, reversed.json().parameter], [400, 'fiscalYear'])
  t.match(reversed.json().detail, /fiscalYear \(its start\) 2020 is after fiscalYear \(its end\) 2010/)
  const early = await app.inject({ url: '/v1/initiatives?fiscalYear=1900..' })
  t.same([early.statusCode, early.json().parameter], [400, 'fiscalYear'], 'not fiscalYearFrom, a GraphQL name')
  const graphql = (await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ plans(fiscalYearFrom: 2020, fiscalYearTo: 2010) { page { total } } }' } })).json()
  t.same(graphql.errors[0].extensions, { code: 'BAD_USER_INPUT', argument: 'fiscalYearFrom' })
})

t.test('budget bounds that hold no amount are refused, REST and GraphQL alike', async (t) => {
  const app = await build(t)
  const reversed = await app.inject({ url: '/v1/initiatives?minBudgetYen=100&maxBudgetYen=10' })
  t.same([reversed.statusCode, reversed.json().parameter], [400, 'minBudgetYen'])
  t.match(reversed.json().detail, /minBudgetYen 100 is above maxBudgetYen 10/)
  t.equal((await app.inject({ url: '/v1/initiatives?minBudgetYen=7133000&maxBudgetYen=7133000' })).json().page.total, 1, 'equal bounds hold one amount')
  const graphql = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ initiatives(minBudgetYen: 100, maxBudgetYen: 10) { page { total } } }' } })
  t.same([graphql.statusCode, graphql.json().errors[0].extensions], [400, { code: 'BAD_USER_INPUT', argument: 'minBudgetYen' }])
})
