// The OpenAPI document: valid, complete, served, and the committed export is what the code generates.
import { readFileSync } from 'node:fs'
import { Validator } from '@seriousme/openapi-schema-validator'
import { parse } from 'csv-parse/sync'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { DEFAULT_DATASET_INFO } from '../../src/dataset-info.js'
import { openApiDocument } from '../../src/exported-documents.js'
import { SEED_DIR, SEED_PLAN_DIR, build } from '../helper.js'

const committedPath = new URL('../../openapi/openapi.json', import.meta.url)
const document = JSON.parse(readFileSync(committedPath, 'utf8'))
const operations = Object.entries<any>(document.paths).flatMap(([path, methods]) => Object.entries<any>(methods).map(([method, operation]) => ({ path, method, operation })))

t.test('the committed openapi/openapi.json is what the code generates (run npm run openapi)', async (t) => {
  t.equal(readFileSync(committedPath, 'utf8'), await openApiDocument())
})

t.test('it validates as OpenAPI 3.1', async (t) => {
  const result = await new Validator().validate(document)
  t.same(result.errors ?? [], [])
  t.ok(result.valid)
})

t.test('servers, licence and contact: the data licence of src/dataset-info.ts, relative to the document without PUBLIC_URL', async (t) => {
  t.same(document.servers, [{ url: '/', description: 'The server this document was fetched from.' }])
  t.same(document.info.license, { name: 'CC BY 4.0 (the data)', url: 'https://creativecommons.org/licenses/by/4.0/deed.ja' })
  t.equal(document.info.license.url, DEFAULT_DATASET_INFO.license.url)
  t.same(document.info.contact, { name: DEFAULT_DATASET_INFO.publisher })
  t.match(document.info.description, DEFAULT_DATASET_INFO.attribution, 'the credit owed is in the description')

  const app = await buildApp({ databasePath: ':memory:', seedDir: null, publicUrl: 'https://data.example.jp/ward-plans/' })
  t.teardown(() => app.close())
  const served = (await app.inject({ url: '/openapi.json' })).json()
  t.same(served.servers, [{ url: 'https://data.example.jp/ward-plans', description: 'PUBLIC_URL' }], 'PUBLIC_URL, without its trailing slash')
  t.same(served.info.contact, { name: DEFAULT_DATASET_INFO.publisher, url: 'https://data.example.jp/ward-plans/' }, 'the landing page')
  t.ok(served.paths['/v1/plans/{id}'], 'paths are not stripped of the URL path')
})

t.test('every operation: an id, a tag the document describes, a summary and a description of its own', async (t) => {
  const tags = new Map(document.tags.map((tag: { name: string; description: string }) => [tag.name, tag.description]))
  const ids = new Set<string>()
  for (const { path, method, operation } of operations) {
    const name = `${method} ${path}`
    t.ok(operation.operationId && !ids.has(operation.operationId), `${name}: a unique operationId`)
    ids.add(operation.operationId)
    t.equal(operation.tags.length, 1, `${name}: one tag`)
    t.ok(tags.get(operation.tags[0]), `${name}: its tag is described`)
    t.ok(operation.summary, `${name}: a summary`)
    t.ok(operation.description && operation.description !== operation.summary, `${name}: a description`)
  }
  t.ok(document.paths['/graphql'].get && document.paths['/graphql'].post, '/graphql is described')
  t.ok(document.paths['/downloads/{name}'].get, '/downloads is described')
})

t.test('JSON operations answer JSON only; the whole lists and downloads their own types; errors are problems', async (t) => {
  for (const { path, method, operation } of operations) {
    const name = `${method} ${path}`
    const types = Object.keys(operation.responses['200']?.content ?? {})
    if (/\.csv$/.test(path)) t.same(types, ['text/csv'], `${name}: CSV`)
    else if (/\.jsonl$/.test(path)) t.same(types, ['application/jsonl'], `${name}: JSON Lines`)
    else if (path === '/downloads/{name}') t.same(types, ['text/csv', 'application/jsonl', 'application/json', 'application/vnd.sqlite3'], `${name}: each kind of file`)
    else if (path === '/feed.xml') t.same(types, ['application/atom+xml'], `${name}: Atom`)
    // The dataset's metadata also speaks JSON-LD (DCAT), by Accept; both are JSON objects.
    else if (path === '/v1/meta') t.same(types, ['application/json', 'application/ld+json'], `${name}: JSON and JSON-LD`)
    // GraphQL over HTTP's own type, by Accept; the same body.
    else if (path === '/graphql') t.same(types, ['application/json', 'application/graphql-response+json'], `${name}: JSON and GraphQL's type`)
    else if (operation.responses['200']) t.same(types, ['application/json'], `${name}: JSON only`)
    for (const [status, response] of Object.entries<any>(operation.responses)) {
      if (Number(status) < 400) continue
      // GraphQL answers its errors as GraphQL does (data and errors), except the load shedding and the Accept check in front of every route.
      const graphqlAnswer = { schema: { $ref: '#/components/schemas/GraphqlResponse' } }
      const expected = path === '/graphql' && status !== '503' && status !== '406' ? { 'application/json': graphqlAnswer, 'application/graphql-response+json': graphqlAnswer } : { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
      t.same(response.content, expected, `${name} ${status}`)
    }
    t.ok(operation.responses['429'] && operation.responses['503'], `${name}: 429 and 503, as every route may answer`)
  }
})

t.test('every read has an example from the seed plan; writes need the bearer token', async (t) => {
  const app = await build(t, SEED_DIR) // the export's database: the whole seed
  await app.ready()
  const served = (await app.inject({ url: '/openapi.json' })).json()
  t.same(served, document, '/openapi.json serves the same document')
  for (const { path, method, operation } of operations) {
    const name = `${method} ${path}`
    const jsonOnly = Object.keys(operation.responses['200']?.content ?? {}).join() === 'application/json'
    // /v1/meta tells the time of the last import: no example could stay the same between exports.
    if (method === 'get' && jsonOnly && operation.operationId !== 'datasetMeta') t.ok(operation.responses['200'].content['application/json'].example, `${name} has an example`)
    if (method !== 'get' && path !== '/graphql') t.same(operation.security, [{ bearerAuth: [] }], `${name} needs the bearer token`)
    if (method === 'get' && path === '/feed.xml') t.same(Object.keys(operation.responses['200'].content), ['application/atom+xml'], `${name}: Atom`)
  }
  const plan = document.paths['/v1/plans/{id}'].get.responses['200'].content['application/json'].example
  t.equal(plan.id, 'asahi-2017')
  const docs = await app.inject({ url: '/docs/' })
  t.equal(docs.statusCode, 200)
  t.match(docs.body, /swagger-ui/)
})

t.test("/graphql's example query gives its example answer", async (t) => {
  const app = await build(t, SEED_DIR)
  const get = document.paths['/graphql'].get
  const query = get.parameters.find((p: { name: string }) => p.name === 'query').example
  t.equal(query, '{ plan(id: "asahi-2017") { id title fiscalYear } }')
  const answer = await app.inject({ url: `/graphql?query=${encodeURIComponent(query)}` })
  t.equal(answer.statusCode, 200)
  t.same(answer.json(), get.responses['200'].content['application/json'].example)
  t.same(answer.json(), { data: { plan: { id: 'asahi-2017', title: '平成29年度 旭区運営方針', fiscalYear: 2017 } } })
})

t.test('the JSON list routes still answer CSV by content negotiation, as their description says', async (t) => {
  const app = await build(t, SEED_PLAN_DIR)
  t.match(document.paths['/v1/initiatives'].get.description, /`format=csv` or `Accept: text\/csv`/)
  for (const request of [{ url: '/v1/initiatives?format=csv' }, { url: '/v1/initiatives', headers: { accept: 'text/csv' } }]) {
    const answer = await app.inject(request)
    t.equal(answer.headers['content-type'], 'text/csv; charset=utf-8')
    t.ok(answer.body.startsWith('\uFEFF'), 'with a BOM')
    const rows = parse(answer.body, { bom: true, columns: true }) as Record<string, string>[]
    t.same(rows.map((row) => row.id).slice(0, 2), ['asahi-2017.1-1-1', 'asahi-2017.1-1-2'])
    t.equal(rows.length, 9, "the seed plan's 9 initiatives (one page)")
  }
})

t.test('X-RateLimit-* is documented on the answers the rate limit counts, required on 429s only', async (t) => {
  const headers = (path: string, status: string) => document.paths[path].get.responses[status].headers
  t.same(headers('/v1/plans', '200')['X-RateLimit-Remaining'], { description: 'Requests left in the current minute.', required: false, schema: { type: 'integer' } })
  t.equal(headers('/v1/plans', '429')['X-RateLimit-Remaining'].required, true)
  t.equal(headers('/healthz', '200')['X-RateLimit-Remaining'], undefined, '/healthz is not counted')
  t.equal(headers('/downloads/{name}', '200')['X-RateLimit-Limit'], undefined, 'downloads are not counted')
})
