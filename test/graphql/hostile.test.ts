// Hostile GraphQL documents: fragment fan-out, oversized texts, JSON where a
// document belongs, negative limits. Each is refused with a 400 quickly, and
// the time the guards take is measured, not assumed.
import type { FastifyInstance } from 'fastify'
import { parse, specifiedRules, validate } from 'graphql'
import t from 'tap'
import { MAX_COST, MAX_DEPTH, SCAN_COST, MAX_QUERY_CHARS, MAX_TOKENS, checkRequest, depthLimit } from '../../src/graphql/guards.js'
import { buildApp } from '../../src/app.js'
import { SEED_PLAN_DIR as SEED_DIR, build } from '../helper.js'

async function gql(app: FastifyInstance, query: unknown, variables?: Record<string, unknown>) {
  const started = performance.now()
  const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } })
  return { status: response.statusCode, ms: performance.now() - started, headers: response.headers, ...(response.json() as { data: any; errors?: any[] }) }
}

/** Fragments F0 … F(n-1) on a type, each body given the spread of the next (empty for the last). */
function fragmentChain(levels: number, body: (next: string) => string, root = '{ plan(id: "asahi-2017") { ...F0 } }', on = 'Plan'): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on ${on} { ${body(i + 1 < levels ? `...F${i + 1}` : '')} }`)
  return `${root} ${fragments.join(' ')}`
}

const HOSTILE: Record<string, { query: string; code: string }> = {
  'fan-out of 2, 20 levels (the repro)': { query: fragmentChain(20, (next) => `id ${next} ${next}`), code: 'QUERY_TOO_COSTLY' },
  'fan-out of 2, 30 levels': { query: fragmentChain(30, (next) => `id ${next} ${next}`), code: 'QUERY_TOO_COSTLY' },
  'fan-out of 2, 50 levels': { query: fragmentChain(50, (next) => `id ${next} ${next}`), code: 'QUERY_TOO_COSTLY' },
  'fan-out of 12, 8 levels': { query: fragmentChain(8, (next) => `id ${Array(12).fill(next).join(' ')}`), code: 'QUERY_TOO_COSTLY' },
  'inline fragments, 40 levels': { query: fragmentChain(40, (next) => `... on Plan { id ${next} ${next} }`), code: 'QUERY_TOO_COSTLY' },
  'aliases, 40 levels': { query: fragmentChain(40, (next) => `a: title b: title ${next} ${next}`), code: 'QUERY_TOO_COSTLY' },
  'root fields through fragments on Query': {
    query: fragmentChain(30, (next) => `p: plans(limit: 1) { page { total } } ${next} ${next}`, '{ ...F0 }', 'Query'),
    code: 'QUERY_TOO_COSTLY',
  },
  'fan-out that goes deep': { query: fragmentChain(25, (next) => `organization { plans { id ${next} ${next} } }`), code: 'QUERY_TOO_DEEP' },
  'aliased lists that go deep': { query: fragmentChain(30, (next) => `issues { plan { id ${next} } } x: issues { plan { id ${next} } }`), code: 'QUERY_TOO_DEEP' },
  'a cycle with fan-out': {
    query: `{ plan(id: "asahi-2017") { ...F0 } } ${fragmentChain(30, (next) => `id ${next || '...F0'} ${next || '...F0'}`, '')}`,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
}

t.test('hostile fragment documents are refused with a 400, quickly', async (t) => {
  const app = await build(t)
  await gql(app, '{ plan(id: "asahi-2017") { id } }') // warm-up: the first request loads code
  for (const [name, { query, code }] of Object.entries(HOSTILE)) {
    const answer = await gql(app, query)
    t.equal(answer.status, 400, `${name}: 400`)
    t.equal(answer.data, null, `${name}: nothing executed`)
    t.ok(answer.errors!.some((e) => e.extensions.code === code), `${name}: ${code} (${answer.errors![0].message})`)
    t.ok(answer.ms < 1000, `${name}: answered in ${answer.ms.toFixed(0)} ms`)
  }
})

t.test('a legitimate query with reused fragments still runs', async (t) => {
  const app = await build(t)
  const query = `{ plan(id: "asahi-2017") { ...Head issues { strategies { initiatives { ...Item } } } } }
    fragment Head on Plan { id title organization { name } }
    fragment Item on Initiative { number ...Money }
    fragment Money on Initiative { budget { amountYen } }`
  const answer = await gql(app, query)
  t.equal(answer.status, 200)
  t.equal(answer.data.plan.organization.name, '旭区')
  const amounts = answer.data.plan.issues.flatMap((i: any) => i.strategies.flatMap((s: any) => s.initiatives.map((n: any) => n.budget.amountYen ?? 0)))
  t.equal(amounts.reduce((a: number, b: number) => a + b, 0), 48_639_000)
})

t.test('validating a hostile ~1 KB document takes under 50 ms', async (t) => {
  const app = await build(t)
  await app.ready()
  const schema = app.graphql.schema
  const rules = [...specifiedRules, depthLimit(MAX_DEPTH)]
  const guard = (text: string) => {
    const document = parse(text, { maxTokens: MAX_TOKENS })
    if (validate(schema, document, rules).length > 0) return 'invalid'
    try {
      checkRequest(schema, document, undefined, {})
      return 'passed'
    } catch (error) {
      return (error as { extensions: { code: string } }).extensions.code
    }
  }
  guard('{ plan(id: "asahi-2017") { id } }')
  for (const [levels, body] of [
    [24, (next: string) => `id ${next} ${next}`],
    [18, (next: string) => `... on Plan { id ${next} ${next} }`],
    [14, (next: string) => `organization { plans { id ${next} ${next} } }`],
  ] as const) {
    const text = fragmentChain(levels, body)
    t.ok(text.length >= 900 && text.length <= 1100, `a ${text.length}-byte document`)
    // The best of three: the machine is shared, and one run can meet a GC pause.
    const times = [0, 1, 2].map(() => {
      const started = performance.now()
      t.not(guard(text), 'passed')
      return performance.now() - started
    })
    const best = Math.min(...times)
    t.ok(best < 50, `${levels} levels: parse, validation, arguments and cost in ${best.toFixed(1)} ms`)
  }
})

t.test('the text is bounded before any walk', async (t) => {
  const app = await build(t)
  const long = await gql(app, `{ plan(id: "asahi-2017") { id } } # ${'x'.repeat(MAX_QUERY_CHARS)}`)
  t.equal(long.status, 400)
  t.equal(long.errors![0].extensions.code, 'QUERY_TOO_LARGE')
  t.match(long.errors![0].message, /characters long; the limit is 20000/)

  const manyTokens = await gql(app, `{ plan(id: "asahi-2017") { ${'id '.repeat(MAX_TOKENS)} } }`)
  t.equal(manyTokens.status, 400)
  t.equal(manyTokens.errors![0].extensions.code, 'GRAPHQL_PARSE_FAILED')
  t.match(manyTokens.errors![0].message, /more that 2000 tokens/)

  // Nesting deep enough to overflow a recursive parser or validator is cut by the token cap.
  const nested = await gql(app, `${'{ plan(id: "x") '.repeat(3000)}${'}'.repeat(3000)}`)
  t.equal(nested.status, 400)
  t.notMatch(JSON.stringify(nested.errors), /call stack|TypeError|is not/i)
  const nestedList = await gql(app, `{ plans(organization: ${'['.repeat(900)}"x"${']'.repeat(900)}) { page { total } } }`)
  t.equal(nestedList.status, 400)
  t.notMatch(JSON.stringify(nestedList.errors), /call stack/i)
})

t.test('a query that is not GraphQL text is a 400 with a clear message, never internals', async (t) => {
  const app = await build(t)
  for (const query of ['{}', '[]', '1', '-1', 'true', 'false', 'null', '"x"', ' \n\t{ "kind": "Document" } ', '{"kind":"Document"}', '{"kind":"Document","definitions":{}}', '{"kind":"Document","definitions":[{"kind":"OperationDefinition"}]}']) {
    const answer = await gql(app, query)
    t.equal(answer.status, 400, `${JSON.stringify(query)}: 400`)
    t.equal(answer.errors![0].extensions.code, 'GRAPHQL_PARSE_FAILED', `${JSON.stringify(query)}: GRAPHQL_PARSE_FAILED`)
    t.equal(answer.errors![0].message, 'query must be a GraphQL document (text), not JSON')
  }
  // Not a string at all: refused as sent, before any coercion would make 1 into "1".
  for (const query of [{}, [], { kind: 'Document', definitions: [] }, 1, true]) {
    const answer = await gql(app, query)
    t.equal(answer.status, 400, `${JSON.stringify(query)}: 400`)
    t.match(answer.errors![0], { message: /^query must be a string \(the GraphQL document\), not an? (object|array|number|boolean)$/, extensions: { code: 'BAD_REQUEST', parameter: 'query' } })
  }
  // 100,000 nested arrays in the variables overflow any recursive walk of them (JSON.stringify, for one).
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
  for (const declared of ['', '($v: [String])']) {
    const payload = `{"query":"query ${declared} { plans(limit: 1) { page { total } } }","variables":{"v":${deep}}}`
    const response = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload })
    t.ok(response.statusCode < 500, `deeply nested variables${declared}: ${response.statusCode}`)
    t.notMatch(response.body, /call stack|RangeError|TypeError|\.ts:\d+/, 'no internals')
  }

  const syntax = await gql(app, '{ plan(id: ) }')
  t.equal(syntax.status, 400)
  t.equal(syntax.errors![0].extensions.code, 'GRAPHQL_PARSE_FAILED')
  t.match(syntax.errors![0].message, /^Syntax Error: Unexpected "\)"/)
})

t.test('a negative limit is refused before the cost is estimated, and costs are never negative', async (t) => {
  const app = await build(t)
  const aliased = Array.from({ length: 30 }, (_, i) => `a${i}: plans(limit: 100) { data { issues { strategies { initiatives { id } } } } }`).join(' ')
  for (const limit of [-1, -100, 0, 101, -2147483648]) {
    const answer = await gql(app, `{ neg: initiatives(limit: ${limit}) { data { id } } ${aliased} }`)
    t.equal(answer.status, 400, `limit ${limit}: 400`)
    t.same(answer.errors!.map((e) => e.extensions), [{ code: 'BAD_USER_INPUT', argument: 'limit' }], `limit ${limit}: the argument is named`)
    t.match(answer.errors![0].message, `initiatives: limit must be an integer from 1 to 100, not ${limit}`)
    const asVariable = await gql(app, `query ($l: Int) { neg: initiatives(limit: $l) { data { id } } ${aliased} }`, { l: limit })
    t.same(asVariable.errors!.map((e) => e.extensions), [{ code: 'BAD_USER_INPUT', argument: 'limit' }], `limit ${limit} as a variable`)
  }
  // A document with variables is checked with each request's values, even after it has passed.
  const byVariable = `query ($l: Int) { initiatives(limit: $l) { data { id } } }`
  t.equal((await gql(app, byVariable, { l: 1 })).status, 200)
  const refused = await gql(app, byVariable, { l: -1 })
  t.same(refused.errors!.map((e) => e.extensions), [{ code: 'BAD_USER_INPUT', argument: 'limit' }], 'a pass with one value lets no other through')
  // The valid aliased trees alone: costly, refused whole.
  const costly = await gql(app, `{ ${aliased} }`)
  t.equal(costly.status, 400)
  t.equal(costly.errors![0].extensions.code, 'QUERY_TOO_COSTLY')
  t.match(costly.errors![0].message, `the limit is ${MAX_COST}`)
})

t.test('fields that read more than their page are counted at least SCAN_COST each, however aliased', async (t) => {
  const app = await build(t)
  const most = MAX_COST / SCAN_COST
  const scans = [
    (i: number) => `s${i}: search(q: "区民${i}") { page { total } }`,
    (i: number) => `b${i}: budgets(groupBy: organization, q: "防災${i}") { page { total } }`,
    (i: number) => `c${i}: compare(from: "asahi-2017", to: "asahi-2017") { from { id } }`,
    (i: number) => `i${i}: initiatives(q: "子ども${i}") { page { total } }`,
    (i: number) => `f${i}: plans { facets(names: ["organization"]) { name } }`,
    (i: number) => `t${i}: __schema { types { name fields { name args { name } } } }`,
  ]
  for (const scan of scans) {
    // The fields around them cost a little too.
    const allowed = await gql(app, `{ ${Array.from({ length: most - 1 }, (_, i) => scan(i)).join(' ')} }`)
    t.equal(allowed.status, 200, `${scan(0)}: ${most - 1} run`)
    const refused = await gql(app, `{ ${Array.from({ length: most + 1 }, (_, i) => scan(i)).join(' ')} }`)
    t.same([refused.status, refused.errors?.[0].extensions.code], [400, 'QUERY_TOO_COSTLY'], `${scan(0)}: ${most + 1} refused`)
  }
})

t.test('facet names: each counted once, at most 16 given', async (t) => {
  const app = await build(t)
  const repeated = await gql(app, 'query ($n: [String!]!) { plans { facets(names: $n) { name values { value count } } } }', { n: ['organization', 'fiscalYear', 'organization'] })
  t.same(repeated.data.plans.facets.map((f: { name: string }) => f.name), ['organization', 'fiscalYear'], 'a repeated name is one facet')
  t.same(repeated.data.plans.facets[0].values, [{ value: 'asahi', count: 1 }])
  const many = await gql(app, 'query ($n: [String!]!) { plans { facets(names: $n) { name } } }', { n: Array(5_000).fill('organization') })
  t.match(many.errors?.[0], { message: /5000 names given; at most 16/, extensions: { code: 'BAD_USER_INPUT' } })
  const rest = await app.inject({ url: `/v1/plans?facets=${Array(17).fill('organization').join(',')}` })
  t.same([rest.statusCode, rest.json().parameter], [400, 'facets'])
  const once = await app.inject({ url: '/v1/plans?facets=fiscalYear,fiscalYear' })
  t.same(Object.keys(once.json().facets), ['fiscalYear'])
})

t.test('a rate-limited GraphQL request is a 429 with Retry-After', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, rateLimitMax: 2, maxEventLoopDelay: 0 })
  t.teardown(() => app.close())
  await gql(app, '{ plan(id: "asahi-2017") { id } }')
  await gql(app, '{ plan(id: "asahi-2017") { id } }')
  const limited = await gql(app, '{ plan(id: "asahi-2017") { id } }')
  t.equal(limited.status, 429)
  t.equal(limited.headers['retry-after'], '60')
  t.same(limited.errors!.map((e) => e.extensions.code), ['RATE_LIMITED'])
  t.match(limited.errors![0].message, /more than 2 requests in 1 minute/)
  const get = await app.inject({ url: `/graphql?query=${encodeURIComponent('{ plan(id: "asahi-2017") { id } }')}` })
  t.equal(get.statusCode, 429, 'GET too')
})

t.test('JSON bodies nested deeper than 64 are refused before parsing, on GraphQL and REST alike; GraphQL bodies over 128 KiB too', async (t) => {
  const app = await build(t)
  const post = (url: string, payload: string) => app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload })
  await post('/graphql', '{"query":"{ plans { page { total } } }"}')
  for (const [name, payload] of [
    ['100,000 brackets', '['.repeat(100_000)],
    ['65 deep inside a request', `{"query":"{ plans { page { total } } }","variables":{"a":${'['.repeat(65)}${']'.repeat(65)}}}`],
    ['objects with constructor keys', '{"constructor":'.repeat(5_000)],
  ]) {
    const started = performance.now()
    const answer = await post('/graphql', payload)
    const ms = performance.now() - started
    t.equal(answer.statusCode, 400, name)
    t.match(answer.json().errors[0], { message: /nests deeper than 64/, extensions: { code: 'BAD_REQUEST' } })
    t.ok(ms < 200, `${name}: refused in ${ms.toFixed(1)} ms`)
  }
  const deep = `{"query":"{ plans { page { total } } }","variables":{"a":${'['.repeat(60)}"[[[[{{{{"${']'.repeat(60)}}}`
  t.equal((await post('/graphql', deep)).statusCode, 200, 'brackets within strings do not count; 62 deep is fine')
  const big = await post('/graphql', JSON.stringify({ query: `{ plans { page { total } } } #${'x'.repeat(140_000)}` }))
  t.equal(big.statusCode, 413, 'a GraphQL body over 128 KiB')
  const rest = await app.inject({ method: 'POST', url: '/v1/plans', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, payload: '['.repeat(500_000) })
  t.equal(rest.statusCode, 403, 'a write to a server without writes is refused before its body is read')
})
