// JSON list pages are put together from each row's answer, kept per data
// version, and the page's own serializer (rest/list-route.ts): the bytes are
// those of the page built whole from the services' entities. Asking for every
// field by name takes that other path (the entities cut by fields, written
// with JSON.stringify): the same values, and written whole by the list's
// response schema (a Fastify route of its own here), the same bytes, page
// after page along the cursors.
import Fastify from 'fastify'
import t from 'tap'
import { listRouteSchema } from '../../src/rest/schemas/common.js'
import { entitySchemas } from '../../src/rest/schemas/entities.js'
import { SEED_DIR, build } from '../helper.js'

/** A server that writes any page it is sent as the list of `entity` does: by its response schema. */
async function pageWriter(entity: string) {
  const writer = Fastify()
  for (const schema of entitySchemas) writer.addSchema(schema)
  const { response } = listRouteSchema({ tags: [], operationId: 'x', summary: 'x', entity, query: {} })
  writer.post('/', { schema: { response: { 200: response[200] } } }, async (request) => request.body)
  await writer.ready()
  return { write: async (page: unknown) => (await writer.inject({ method: 'POST', url: '/', payload: page as object })).body, close: () => writer.close() }
}

const ENTITIES: Record<string, string> = { plans: 'PlanSummary', issues: 'ManagementIssue', strategies: 'Strategy', initiatives: 'Initiative' }

const QUERIES = [
  '/v1/plans?limit=7',
  '/v1/plans?sort=-fiscalYear&limit=9',
  '/v1/plans?organization=asahi,nishi&sort=organization&limit=3',
  '/v1/plans?isDraft=false&completeness=excerpt&limit=5',
  '/v1/issues?limit=11',
  '/v1/issues?fiscalYear=2023&sort=-plan&limit=4',
  '/v1/strategies?organization=asahi&limit=6',
  '/v1/strategies?issue=asahi-2017.1&limit=2',
  '/v1/initiatives?limit=13',
  '/v1/initiatives?sort=-budget&limit=10',
  '/v1/initiatives?sort=budget&hasBudget=true&fiscalYear=2017..2020&limit=8',
  '/v1/initiatives?plan=asahi-2017&sort=-plan&limit=20',
  '/v1/initiatives?q=%E9%98%B2%E7%81%BD&limit=3',
  '/v1/initiatives?updatedSince=2000-01-01T00:00:00Z&sort=-budget&limit=6',
]

t.test('list pages from kept rows are the bytes of pages built whole', async (t) => {
  const app = await build(t, SEED_DIR)
  for (const query of QUERIES) {
    const list = new URL(query, 'http://x').pathname.split('/').pop()!
    const schema = entitySchemas.find((s) => s.$id === ENTITIES[list]) as { properties: Record<string, unknown> }
    const every = Object.keys(schema.properties).join(',')
    const writer = await pageWriter(ENTITIES[list])
    t.teardown(writer.close)
    let url: string | undefined = query
    let pages = 0
    let rows = 0
    while (url !== undefined && pages < 4) {
      const kept: { statusCode: number; body: string; headers: Record<string, unknown>; json: () => any } = await app.inject(url)
      const whole = await app.inject(`${url}&fields=${every}`)
      t.equal(kept.statusCode, 200, url)
      t.same(kept.json(), whole.json(), `${url}: the values of the page built whole`)
      if (kept.body !== (await writer.write(whole.json()))) {
        t.fail(`${url}: not the bytes of the page built whole`)
        break
      }
      t.equal(kept.headers['content-type'], 'application/json; charset=utf-8')
      const page: { data: unknown[]; page: { nextCursor: string | null } } = kept.json()
      rows += page.data.length
      pages++
      url = page.page.nextCursor === null ? undefined : `${query}&cursor=${page.page.nextCursor}`
    }
    t.ok(rows > 0, `${query}: ${rows} rows over ${pages} pages, each the same bytes`)
  }
  // The kept rows are the route's answers: their own url, every field the schema has.
  const first = (await app.inject('/v1/initiatives?plan=asahi-2017&limit=1')).json().data[0]
  t.equal(first.id, 'asahi-2017.1-1-1')
  t.equal(first.url, '/v1/initiatives/asahi-2017.1-1-1')
  t.equal(first.planId, 'asahi-2017')
})
