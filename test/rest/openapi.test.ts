// The OpenAPI document: valid, complete, served, and the committed export is what the code generates.
import { readFileSync } from 'node:fs'
import { Validator } from '@seriousme/openapi-schema-validator'
import t from 'tap'
import { openApiDocument } from '../../src/exported-documents.js'
import { SEED_DIR, build } from '../helper.js'

const committedPath = new URL('../../openapi/openapi.json', import.meta.url)

t.test('the committed openapi/openapi.json is what the code generates (run npm run openapi)', async (t) => {
  t.equal(readFileSync(committedPath, 'utf8'), await openApiDocument())
})

t.test('it validates as OpenAPI 3.1', async (t) => {
  const result = await new Validator().validate(JSON.parse(readFileSync(committedPath, 'utf8')))
  t.same(result.errors ?? [], [])
  t.ok(result.valid)
})

t.test('every route is described, with an example from the seed plan', async (t) => {
  const document = JSON.parse(readFileSync(committedPath, 'utf8'))
  const app = await build(t, SEED_DIR) // the export's database: the whole seed
  await app.ready()
  const served = (await app.inject({ url: '/openapi.json' })).json()
  t.same(served, document, '/openapi.json serves the same document')
  for (const [path, operations] of Object.entries<any>(document.paths)) {
    for (const [method, operation] of Object.entries<any>(operations)) {
      t.ok(operation.operationId, `${method} ${path} has an operationId`)
      // /v1/meta tells the time of the last import: no example could stay the same between exports.
      if (operation.operationId === 'datasetMeta') continue
      // The whole filtered lists (.csv, .jsonl) answer text only, documented as such.
      if (method === 'get' && /\.(csv|jsonl)$/.test(path)) t.same(Object.keys(operation.responses['200'].content), [path.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson'], `${method} ${path}: its own type`)
      else if (method === 'get' && path === '/feed.xml') t.same(Object.keys(operation.responses['200'].content), ['application/atom+xml'], `${method} ${path}: Atom`)
      else if (method === 'get') t.ok(operation.responses['200'].content['application/json'].example, `${method} ${path} has an example`)
      else t.same(operation.security, [{ bearerAuth: [] }], `${method} ${path} needs the bearer token`)
    }
  }
  const plan = document.paths['/v1/plans/{id}'].get.responses['200'].content['application/json'].example
  t.equal(plan.id, 'asahi-2017')
  const docs = await app.inject({ url: '/docs/' })
  t.equal(docs.statusCode, 200)
  t.match(docs.body, /swagger-ui/)
})
