// The headers the document promises are the ones the server sends: for every GET operation,
// its 200 (and 304, 400, 404), and a 429, each header documented as required is there, and
// each header of interest that is there is documented.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { SEED_DIR, tempDir } from '../helper.js'

const document = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'))

/** Headers a client acts on: each one sent must be documented on that response. */
const WATCHED = ['etag', 'cache-control', 'link', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit', 'ratelimit-policy', 'last-modified', 'content-disposition', 'location', 'x-request-id']

/** Values for the query parameters an operation requires (the path parameters have examples in the document). */
const REQUIRED_QUERY: Record<string, string> = { groupBy: 'plan', q: '旭', from: 'asahi-2017', to: 'asahi-2017' }

type Operation = { parameters?: { in: string; name: string; required?: boolean; example?: string }[]; responses: Record<string, { headers?: Record<string, { required?: boolean }> }> }

function checkHeaders(t: Test, name: string, operation: Operation, status: number, headers: Record<string, unknown>) {
  const response = operation.responses[String(status)]
  t.ok(response, `${name}: ${status} is documented`)
  const documented = new Map(Object.entries(response?.headers ?? {}).map(([header, doc]) => [header.toLowerCase(), doc]))
  for (const [header, doc] of documented) if (doc.required) t.not(headers[header], undefined, `${name} ${status}: ${header} is sent, as documented`)
  // Every body is hashed (plugins/http-caching.ts), problems too: an error's ETag is no use to a client and not promised.
  const watched = status >= 400 ? WATCHED.filter((header) => header !== 'etag') : WATCHED
  for (const header of watched) if (headers[header] !== undefined) t.ok(documented.has(header), `${name} ${status}: ${header} is sent, so it is documented`)
}

/** A URL for the operation, with example values; limit=1 so that lists have a next page. */
function exampleUrl(path: string, operation: Operation): string {
  const query = new URLSearchParams()
  let url = path
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, encodeURIComponent(String(parameter.example)))
    else if (parameter.in === 'query' && parameter.required) query.set(parameter.name, parameter.example ?? REQUIRED_QUERY[parameter.name])
    else if (parameter.in === 'query' && parameter.name === 'limit' && !path.endsWith('.csv')) query.set('limit', '1')
  }
  return query.size ? `${url}?${query}` : url
}

/** The export's data (the whole seed), so the document's examples name rows that exist. */
async function appWithDownloads(t: Test, rateLimitMax?: number): Promise<FastifyInstance> {
  const dir = tempDir(t, 'openapi-headers')
  const app = await buildApp({ databasePath: join(dir, 'plans.db'), seedDir: SEED_DIR, downloadsDir: join(dir, 'downloads'), rateLimitMax })
  t.teardown(() => app.close())
  await app.ready()
  return app
}

t.test('every GET operation sends the headers its document names', async (t) => {
  const app = await appWithDownloads(t)
  let links = 0
  for (const [path, methods] of Object.entries<Record<string, Operation>>(document.paths)) {
    const operation = methods.get
    if (!operation) continue
    const url = exampleUrl(path, operation)
    const answer = await app.inject({ url })
    t.equal(answer.statusCode, 200, `GET ${url}`)
    checkHeaders(t, `GET ${url}`, operation, 200, answer.headers)
    if (answer.headers.link) links++
    if (answer.headers.etag) {
      const again = await app.inject({ url, headers: { 'if-none-match': String(answer.headers.etag) } })
      t.equal(again.statusCode, 304, `GET ${url} with its ETag`)
      checkHeaders(t, `GET ${url}`, operation, 304, again.headers)
    }
    if (operation.responses['400']) {
      // GraphQL's own 400 is a query the schema refuses; the REST routes refuse unknown parameters.
      const badUrl = path === '/graphql' ? `/graphql?query=${encodeURIComponent('{ nope }')}` : `${url}${url.includes('?') ? '&' : '?'}unknownParameter=1`
      const bad = await app.inject({ url: badUrl })
      t.equal(bad.statusCode, 400, `GET ${badUrl}`)
      checkHeaders(t, `GET ${url}`, operation, 400, bad.headers)
    }
    if (path.endsWith('{id}') || path.endsWith('{name}')) {
      const missing = await app.inject({ url: path.replace(/\{\w+\}$/, 'nowhere-1999') })
      t.equal(missing.statusCode, 404)
      checkHeaders(t, `GET ${path}`, operation, 404, missing.headers)
    }
  }
  t.ok(links >= 5, `lists with a next page sent Link (${links})`)
})

t.test('a 429 sends Retry-After and the rate limit, as documented', async (t) => {
  const app = await appWithDownloads(t, 1)
  const operation = document.paths['/v1/plans'].get
  await app.inject({ url: '/v1/plans' })
  const limited = await app.inject({ url: '/v1/plans' })
  t.equal(limited.statusCode, 429)
  t.equal(limited.headers['x-ratelimit-limit'], '1')
  checkHeaders(t, 'GET /v1/plans', operation, 429, limited.headers)
  const graphql = await app.inject({ url: `/graphql?query=${encodeURIComponent('{ plans { data { id } } }')}` })
  t.equal(graphql.statusCode, 429)
  t.equal(graphql.json().errors[0].extensions.code, 'RATE_LIMITED')
  checkHeaders(t, 'GET /graphql', document.paths['/graphql'].get, 429, graphql.headers)
})
