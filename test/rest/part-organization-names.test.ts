// Rows of plan parts (issues, strategies, initiatives) name their plan's
// organization in JSON as in CSV and JSON Lines: organizationName beside
// organizationId, read with the rows (no statement per row).
import { parse } from 'csv-parse/sync'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { SEED_DIR, build, countStatements, getJson } from '../helper.js'

const PARTS = ['issues', 'strategies', 'initiatives'] as const
const ONE_OF_EACH = { issues: 'asahi-2017.1', strategies: 'asahi-2017.1-1', initiatives: 'asahi-2017.1-1-1' }

t.test('the seed plan: every row of its parts names 旭区, in JSON, CSV and JSON Lines', async (t) => {
  const app = await build(t)
  for (const part of PARTS) {
    const list = await getJson(app, `/v1/${part}?plan=asahi-2017&limit=100`)
    t.ok(list.body.data.length > 0, `${part}: rows`)
    t.same(new Set(list.body.data.map((row: any) => `${row.organizationId} ${row.organizationName} ${row.fiscalYear}`)), new Set(['asahi 旭区 2017']), `${part}: each row is asahi's, 旭区's, of 2017`)
    t.same(Object.keys(list.body.data[0]).slice(0, 6), ['id', 'planId', 'planCompleteness', 'organizationId', 'organizationName', 'fiscalYear'], `${part}: the name beside the id`)
    const item = await getJson(app, `/v1/${part}/${ONE_OF_EACH[part]}`)
    t.equal(item.body.organizationName, '旭区', `${part}/${ONE_OF_EACH[part]}`)
    t.same((await getJson(app, `/v1/${part}?plan=asahi-2017&limit=1&fields=id,organizationName`)).body.data, [{ id: list.body.data[0].id, organizationName: '旭区' }], `${part}: a field to ask for`)
    const jsonl = (await app.inject({ url: `/v1/${part}.jsonl?plan=asahi-2017` })).body.trim().split('\n').map((line) => JSON.parse(line))
    t.same(jsonl.map((row) => row.organizationName), list.body.data.map((row: any) => row.organizationName), `${part}: JSON Lines says the same`)
    const csv = parse((await app.inject({ url: `/v1/${part}?plan=asahi-2017&limit=100&format=csv` })).body, { bom: true, columns: true }) as Record<string, string>[]
    t.same(csv.map((row) => row.organizationName), list.body.data.map((row: any) => row.organizationName), `${part}: and CSV`)
  }
  // Nested in the plan document, the parts leave out what the plan says of them all.
  const document = (await getJson(app, '/v1/plans/asahi-2017')).body
  t.equal(document.issues[0].organizationName, undefined)
  t.equal(document.issues[0].strategies[0].initiatives[0].organizationName, undefined)
})

t.test("every seed plan's parts: the name of their own organization, another city's 西区 kept apart", async (t) => {
  const app = await build(t, SEED_DIR)
  const names = new Map((await getJson(app, '/v1/organizations?limit=100')).body.data.map((o: any) => [o.id, o.name]))
  for (const part of PARTS) {
    let cursor: string | null = null
    let rows = 0
    do {
      const page: { body: any } = await getJson(app, `/v1/${part}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      for (const row of page.body.data) t.equal(row.organizationName, names.get(row.organizationId), `${row.id}: ${row.organizationId}`)
      rows += page.body.data.length
      cursor = page.body.page.nextCursor
    } while (cursor)
    t.ok(rows > 10, `${part}: ${rows} rows`)
  }
  const sakai = (await getJson(app, '/v1/organizations?limit=100')).body.data.filter((o: any) => o.name === '西区')
  t.ok(sakai.length >= 2, '西区 of Osaka and of Sakai, two organizations')
})

/** An app counting the statements it runs. */
async function countingApp(t: { teardown(fn: () => unknown): void }) {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, cacheResponses: false })
  t.teardown(() => app.close())
  const counter = countStatements(app)
  await app.ready()
  return { app, counter }
}

t.test('the names are read with the rows: as many statements for a page of every row as for a page of 3', async (t) => {
  for (const part of PARTS) {
    const counts: number[] = []
    const all = (await getJson((await countingApp(t)).app, `/v1/${part}?limit=100`)).body.data.length
    t.ok(all > 10, `${part}: ${all} rows in the seed`)
    for (const limit of [3, all]) {
      const { app, counter }: { app: FastifyInstance; counter: { executed: number } } = await countingApp(t)
      counter.executed = 0
      const page = await getJson(app, `/v1/${part}?limit=${limit}`)
      t.equal(page.body.data.length, limit, `${part}: ${limit} rows`)
      counts.push(counter.executed)
    }
    t.equal(counts[1], counts[0], `${part}: ${counts[0]} statements either way`)
  }
})
