// GraphQL over HTTP's media type: application/graphql-response+json for a client
// whose Accept prefers it (errors too), application/json otherwise; the two kept
// apart by Vary: Accept, their ETags and the response cache.
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { SEED_PLAN_DIR } from '../helper.js'

const GRAPHQL_RESPONSE = 'application/graphql-response+json; charset=utf-8'
const JSON_TYPE = 'application/json; charset=utf-8'
const QUERY = '{ plan(id: "asahi-2017") { title issues { number } } }'
const ANSWER = { data: { plan: { title: '平成29年度 旭区運営方針', issues: [{ number: 1 }, { number: 2 }, { number: 3 }, { number: 4 }] } } }

for (const cacheResponses of [true, false]) {
  const build = async (t: Test): Promise<FastifyInstance> => {
    const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR, cacheResponses })
    t.teardown(() => app.close())
    return app
  }
  const cache = cacheResponses ? 'cache on' : 'cache off'

  t.test(`the type Accept prefers, by its weights (${cache})`, async (t) => {
    const app = await build(t)
    const cases: [string | undefined, string][] = [
      [undefined, JSON_TYPE],
      ['application/graphql-response+json, application/json;q=0.9', GRAPHQL_RESPONSE],
      ['application/graphql-response+json', GRAPHQL_RESPONSE],
      ['application/json, application/graphql-response+json', GRAPHQL_RESPONSE],
      ['application/json;q=0, application/graphql-response+json', GRAPHQL_RESPONSE],
      ['application/json, application/graphql-response+json;q=0.5', JSON_TYPE],
      ['application/graphql-response+json;q=0.5, */*', JSON_TYPE],
      ['application/graphql-response+json;q=0, application/json', JSON_TYPE],
      ['*/*', JSON_TYPE],
      ['application/json', JSON_TYPE],
      ['text/html', JSON_TYPE],
    ]
    // Each twice: the second may be the response cache's.
    for (const [accept, type] of [...cases, ...cases]) {
      for (const method of ['GET', 'POST'] as const) {
        const answer = await app.inject({
          method,
          url: method === 'GET' ? `/graphql?query=${encodeURIComponent(QUERY)}` : '/graphql',
          headers: accept === undefined ? {} : { accept },
          ...(method === 'POST' ? { payload: { query: QUERY } } : {}),
        })
        t.equal(answer.statusCode, 200, `${method} ${accept}`)
        t.equal(answer.headers['content-type'], type, `${method} ${accept}: ${type}`)
        t.match(answer.headers.vary, /\bAccept\b/, 'varies by Accept')
        t.same(answer.json(), ANSWER, 'the same data in either type')
      }
    }
  })

  t.test(`errors go out in the type asked for (${cache})`, async (t) => {
    const app = await build(t)
    const accept = 'application/graphql-response+json, application/json;q=0.9'
    const invalid = await app.inject({ method: 'POST', url: '/graphql', headers: { accept }, payload: { query: '{ nope }' } })
    t.equal(invalid.statusCode, 400)
    t.equal(invalid.headers['content-type'], GRAPHQL_RESPONSE)
    t.equal(invalid.json().errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED')
    const unknownParameter = await app.inject({ method: 'POST', url: '/graphql', headers: { accept }, payload: { query: QUERY, varaibles: {} } })
    t.equal(unknownParameter.statusCode, 400)
    t.equal(unknownParameter.headers['content-type'], GRAPHQL_RESPONSE)
    t.equal(unknownParameter.json().errors[0].extensions.parameter, 'varaibles')
    const mutationByGet = await app.inject({ url: `/graphql?query=${encodeURIComponent('mutation { __typename }')}`, headers: { accept } })
    t.equal(mutationByGet.statusCode, 405)
    t.equal(mutationByGet.headers['content-type'], GRAPHQL_RESPONSE)
    const plain = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ nope }' } })
    t.equal(plain.headers['content-type'], JSON_TYPE, 'and JSON to a client that does not ask')
  })

  t.test(`ETags tell the two types apart; a 304 only for the type held (${cache})`, async (t) => {
    const app = await build(t)
    const url = `/graphql?query=${encodeURIComponent(QUERY)}`
    const accept = 'application/graphql-response+json'
    const json = await app.inject({ url })
    const graphqlResponse = await app.inject({ url, headers: { accept } })
    t.equal(json.body, graphqlResponse.body, 'the same bytes')
    t.not(json.headers.etag, graphqlResponse.headers.etag, 'other ETags')
    const crossed = await app.inject({ url, headers: { accept, 'if-none-match': String(json.headers.etag) } })
    t.equal(crossed.statusCode, 200, "JSON's ETag is not GraphQL's type's")
    t.equal(crossed.headers['content-type'], GRAPHQL_RESPONSE)
    const held = await app.inject({ url, headers: { accept, 'if-none-match': String(graphqlResponse.headers.etag) } })
    t.equal(held.statusCode, 304)
    t.equal(held.headers.etag, graphqlResponse.headers.etag)
    t.match(held.headers.vary, /\bAccept\b/)
    const jsonAgain = await app.inject({ url, headers: { 'if-none-match': String(graphqlResponse.headers.etag) } })
    t.equal(jsonAgain.statusCode, 200, "GraphQL's type's ETag is not JSON's")
    t.equal(jsonAgain.headers['content-type'], JSON_TYPE)
    // Compressed, each keeps its own (weak) ETag.
    const plan = `/graphql?query=${encodeURIComponent('{ plan(id: "asahi-2017") { goals missions policy issues { title aim strategies { title initiatives { title } } } } }')}`
    const gzipJson = await app.inject({ url: plan, headers: { 'accept-encoding': 'gzip' } })
    const gzipGraphql = await app.inject({ url: plan, headers: { 'accept-encoding': 'gzip', accept } })
    t.equal(gzipGraphql.headers['content-encoding'], 'gzip')
    t.equal(gzipGraphql.headers['content-type'], GRAPHQL_RESPONSE)
    t.equal(gzipJson.headers['content-type'], JSON_TYPE)
    t.not(gzipJson.headers.etag, gzipGraphql.headers.etag)
    t.match(gzipGraphql.headers.vary, /\bAccept\b.*accept-encoding|accept-encoding.*\bAccept\b/)
  })

  t.test(`an Accept refusing both types keeps its 406 (${cache})`, async (t) => {
    const app = await build(t)
    await app.inject({ method: 'POST', url: '/graphql', payload: { query: QUERY } })
    for (const accept of ['application/json;q=0, text/html', 'application/json;q=0, application/graphql-response+json;q=0, text/html']) {
      const answer = await app.inject({ method: 'POST', url: '/graphql', headers: { accept }, payload: { query: QUERY } })
      t.equal(answer.statusCode, 406, accept)
      t.equal(answer.headers['content-type'], 'application/problem+json; charset=utf-8')
      t.equal(answer.json().type, '/problems/not-acceptable')
    }
  })
}
