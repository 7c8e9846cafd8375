// A search's hits, totals and facets are counted in memory from its matching row ids and each
// entry's attributes (services/search-hits.ts), read either for the hits alone or for every
// entry at once: both ways must give what a straightforward SQL count over the index gives.
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { matchExpression } from '../../src/db/search-grams.js'
import { ALL_ENTRIES_FROM } from '../../src/services/search-hits.js'
import { SEED_DIR, getJson } from '../helper.js'

const QUERIES = ['の', '区', '防災', '地域 防災', 'マタニティカフェ', '存在しない言葉', '2023']
const FILTERS: [string, { sql: string; params: unknown[] }][] = [
  ['', { sql: '', params: [] }],
  ['&kind=initiative', { sql: 'and kind = ?', params: ['initiative'] }],
  ['&plan=asahi-2017', { sql: 'and plan_id = ?', params: ['asahi-2017'] }],
  ['&organization=asahi', { sql: 'and organization_id = ?', params: ['asahi'] }],
  ['&organization=asahi,kita,nishi', { sql: 'and organization_id in (?, ?, ?)', params: ['asahi', 'kita', 'nishi'] }],
  ['&fiscalYear=2023', { sql: 'and fiscal_year = ?', params: [2023] }],
  ['&fiscalYear=2017..2022&kind=strategy', { sql: 'and fiscal_year >= ? and fiscal_year <= ? and kind = ?', params: [2017, 2022, 'strategy'] }],
  ['&fiscalYear=..2016', { sql: 'and fiscal_year <= ?', params: [2016] }],
]

/** Each facet as one GROUP BY over the index, as the service counted them before. */
const DIMENSIONS = {
  kind: { value: 'kind', label: 'null' },
  organization: { value: 'organization_id', label: '(select name from organizations o where o.id = organization_id)' },
  fiscalYear: {
    value: 'fiscal_year',
    label: `(select case when count(distinct p.fiscal_year_label) = 1 and count(p.fiscal_year_label) = count(*) then min(p.fiscal_year_label) end from plans p where p.fiscal_year = search_entries.fiscal_year)`,
  },
  completeness: { value: '(select p.completeness from plans p where p.id = search_entries.plan_id)', label: 'null' },
}

async function appWith(share: number): Promise<FastifyInstance> {
  ALL_ENTRIES_FROM.share = share
  return buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, cacheResponses: false, rateLimitMax: 1e9 })
}

t.test('facets, totals and ranked hits equal a straightforward count, whether hits or every entry are read', async (t) => {
  const share = ALL_ENTRIES_FROM.share
  t.teardown(() => {
    ALL_ENTRIES_FROM.share = share
  })
  // Never every entry (each query's own hits), and always every entry.
  for (const [way, every] of [['hits alone', Number.POSITIVE_INFINITY], ['every entry', 0]] as const) {
    const app = await appWith(every)
    t.teardown(() => app.close())
    const db = app.sqlite
    for (const q of QUERIES) {
      const match = matchExpression(q)!
      for (const [query, where] of FILTERS) {
        const name = `${way}: q=${q}${query}`
        const { status, body } = await getJson(app, `/v1/search?q=${encodeURIComponent(q)}${query}&limit=100&facets=kind,organization,fiscalYear,completeness`)
        t.equal(status, 200, name)
        const from = `from search_entries where search_entries match ? ${where.sql}`
        const params = [match, ...where.params]
        const total = (db.prepare(`select count(*) as n ${from}`).get(...params) as { n: number }).n
        t.equal(body.page.total, total, `${name}: total`)
        for (const [facet, { value, label }] of Object.entries(DIMENSIONS)) {
          const counts = db.prepare(`select ${value} as value, ${label} as label, count(*) as count ${from} group by 1 order by 3 desc, 1`).all(...params)
          t.same(body.facets[facet], counts, `${name}: ${facet}`)
        }
        const ranked = db.prepare(`select kind || ' ' || entity_id as hit ${from} order by bm25(search_entries, 5.0, 1.0), rowid limit 100`).pluck().all(...params)
        t.same(body.data.map((hit: { kind: string; id: string }) => `${hit.kind} ${hit.id}`), ranked, `${name}: ranked hits`)
        const byPlan = db.prepare(`select kind || ' ' || entity_id as hit ${from} order by plan_id, rowid limit 100`).pluck().all(...params)
        const planPage = (await getJson(app, `/v1/search?q=${encodeURIComponent(q)}${query}&limit=100&sort=plan`)).body
        t.same(planPage.data.map((hit: { kind: string; id: string }) => `${hit.kind} ${hit.id}`), byPlan, `${name}: hits by plan`)
      }
    }
  }
})
