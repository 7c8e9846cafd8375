// The GraphQL-over-HTTP request parameters, as sent: query, operationName,
// variables and extensions, nothing else, each of its own type; GET and POST
// alike. Refusals are GraphQL errors (application/json) with
// extensions.code BAD_REQUEST and the parameter at fault.
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { build } from '../helper.js'

const TYPENAME = '{ __typename }'

async function post(app: FastifyInstance, payload: string, contentType = 'application/json', url = '/graphql') {
  const response = await app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload })
  return { status: response.statusCode, type: response.headers['content-type'], headers: response.headers, body: response.json() as { data: unknown; errors?: any[] } }
}

async function get(app: FastifyInstance, query: string) {
  const response = await app.inject({ method: 'GET', url: `/graphql?${query}` })
  return { status: response.statusCode, type: response.headers['content-type'], headers: response.headers, body: response.json() as { data: unknown; errors?: any[] } }
}

const q = encodeURIComponent

t.test('a POST body holds query, operationName, variables and extensions only, each of its type', async (t) => {
  const app = await build(t)
  const refused: [string, string | undefined, RegExp][] = [
    [JSON.stringify({ query: TYPENAME, qeury: 'x' }), 'qeury', /^unknown body parameter "qeury"/],
    [JSON.stringify({ qeury: TYPENAME }), 'qeury', /^unknown body parameter "qeury"/],
    [JSON.stringify({ query: TYPENAME, varaibles: { id: 'x' } }), 'varaibles', /^unknown body parameter "varaibles"/],
    [JSON.stringify({ query: TYPENAME, persisted: true }), 'persisted', /^unknown body parameter "persisted"/],
    [JSON.stringify({ query: TYPENAME, ['k'.repeat(5000)]: 1 }), 'k'.repeat(100), /^unknown body parameter "k{40}…"/],
    [JSON.stringify({ query: TYPENAME, variables: [7] }), 'variables', /^variables must be an object .*, not an array$/],
    [JSON.stringify({ query: TYPENAME, variables: 'x' }), 'variables', /^variables must be an object .*, not a string$/],
    [JSON.stringify({ query: TYPENAME, extensions: 5 }), 'extensions', /^extensions must be an object .*, not a number$/],
    [JSON.stringify({ query: TYPENAME, operationName: 5 }), 'operationName', /^operationName must be a string, not a number$/],
    [JSON.stringify({ query: TYPENAME, operationName: ['A'] }), 'operationName', /^operationName must be a string, not an array$/],
    [JSON.stringify({ query: TYPENAME, operationName: {} }), 'operationName', /^operationName must be a string, not an object$/],
    [JSON.stringify({ query: 5 }), 'query', /^query must be a string/],
    [JSON.stringify({ query: null }), 'query', /^query is required/],
    [JSON.stringify({}), 'query', /^query is required/],
    [JSON.stringify([{ query: TYPENAME }]), undefined, /^a GraphQL POST body is a JSON object .*, not an array/],
    ['"x"', undefined, /not a string/],
    ['null', undefined, /not null/],
    ['7', undefined, /not a number/],
  ]
  for (const [payload, parameter, message] of refused) {
    const answer = await post(app, payload)
    const name = payload.slice(0, 60)
    t.equal(answer.status, 400, `${name}: 400`)
    t.match(answer.type, /^application\/json/, `${name}: JSON`)
    t.equal(answer.body.data, null)
    t.match(answer.body.errors?.[0], { message, extensions: { code: 'BAD_REQUEST' } }, name)
    t.equal(answer.body.errors?.[0].extensions.parameter, parameter, `${name}: parameter`)
  }
  // What clients send for "none": null, and an empty extensions.
  const nulls = await post(app, JSON.stringify({ query: 'query A { __typename }', operationName: null, variables: null, extensions: {} }))
  t.equal(nulls.status, 200)
  t.same(nulls.body, { data: { __typename: 'Query' } })
  const named = await post(app, JSON.stringify({ query: 'query A { __typename } query B { __typename }', operationName: 'B', variables: {} }))
  t.same(named.body, { data: { __typename: 'Query' } })
  const document = await post(app, TYPENAME, 'application/graphql')
  t.same(document.body, { data: { __typename: 'Query' } }, 'application/graphql: the body is the document')
})

t.test('a POST takes JSON, in its body only', async (t) => {
  const app = await build(t)
  const text = await post(app, TYPENAME, 'text/plain')
  t.equal(text.status, 415)
  t.match(text.type, /^application\/json/)
  t.match(text.body.errors?.[0], { message: /Content-Type: application\/json, not "text\/plain"/, extensions: { code: 'BAD_REQUEST' } })
  const xml = await post(app, '<query/>', 'application/xml')
  t.equal(xml.status, 415)
  t.equal(xml.body.errors?.[0].extensions.code, 'BAD_REQUEST')
  const empty = await app.inject({ method: 'POST', url: '/graphql' })
  t.equal(empty.statusCode, 400)
  t.match(empty.json().errors[0], { message: /not nothing/, extensions: { code: 'BAD_REQUEST' } })
  const inUrl = await post(app, JSON.stringify({ query: TYPENAME }), 'application/json', `/graphql?query=${q(TYPENAME)}`)
  t.equal(inUrl.status, 400)
  t.match(inUrl.body.errors?.[0], { message: /in the body, not in the URL/, extensions: { code: 'BAD_REQUEST', parameter: 'query' } })
})

t.test('a GET takes the same parameters, each once, variables and extensions as JSON objects', async (t) => {
  const app = await build(t)
  const refused: [string, string, RegExp][] = [
    [`query=${q(TYPENAME)}&foo=1`, 'foo', /^unknown query parameter "foo"/],
    [`query=${q(TYPENAME)}&persisted=true`, 'persisted', /^unknown query parameter "persisted"/],
    [`query=${q(TYPENAME)}&query=${q(TYPENAME)}`, 'query', /given 2 times/],
    [`query=${q(TYPENAME)}&operationName=A&operationName=B`, 'operationName', /given 2 times/],
    [`query=${q(TYPENAME)}&variables=${q('[1]')}`, 'variables', /^variables must be JSON text of an object, not of an array$/],
    [`query=${q(TYPENAME)}&variables=${q('"x"')}`, 'variables', /not of a string$/],
    [`query=${q(TYPENAME)}&variables=x`, 'variables', /"x" is not JSON$/],
    [`query=${q(TYPENAME)}&extensions=7`, 'extensions', /not of a number$/],
    [`query=${q(TYPENAME)}&variables=${q(`{"v":${'['.repeat(65)}${']'.repeat(65)}}`)}`, 'variables', /nests deeper than 64/],
    ['', 'query', /^query is required/],
    ['query=', 'query', /^query is required/],
  ]
  for (const [query, parameter, message] of refused) {
    const answer = await get(app, query)
    t.equal(answer.status, 400, `${query.slice(0, 60)}: 400`)
    t.match(answer.type, /^application\/json/)
    t.match(answer.body.errors?.[0], { message, extensions: { code: 'BAD_REQUEST', parameter } }, query.slice(0, 60))
  }
  const ok = await get(app, `query=${q('query A($id: ID!) { plan(id: $id) { id } }')}&variables=${q('{"id":"asahi-2017"}')}&operationName=A&extensions=${q('{}')}`)
  t.equal(ok.status, 200)
  t.same(ok.body, { data: { plan: { id: 'asahi-2017' } } })
})

t.test('a GET that cannot tell its operation is told so, as a POST is; a mutation with GET is a 405', async (t) => {
  const app = await build(t)
  const two = q('query A { __typename } query B { __typename }')
  for (const [query, message] of [
    [`query=${two}`, 'Must provide operation name if query contains multiple operations.'],
    [`query=${two}&operationName=C`, 'Unknown operation named "C".'],
    [`query=${q('query A { __typename }')}&operationName=C`, 'Unknown operation named "C".'],
  ]) {
    const answer = await get(app, query)
    t.equal(answer.status, 400, query)
    t.match(answer.body.errors?.[0], { message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })
  }
  for (const operation of ['mutation { __typename }', 'subscription { __typename }']) {
    const answer = await get(app, `query=${q(operation)}`)
    t.equal(answer.status, 405, operation)
    t.match(answer.type, /^application\/json/)
    t.equal(answer.headers.allow, 'GET, HEAD, POST, OPTIONS')
    t.match(answer.body.errors?.[0], { message: /send a mutation or subscription with POST/, extensions: { code: 'BAD_REQUEST' } })
  }
})
