// Every statement a list route runs on each request walks an index in the
// order it serves: EXPLAIN QUERY PLAN shows no temporary B-tree (a sort of
// every matching row) and no full scan of a table of plan parts. The
// statements are the ones the services really run, recorded as they run,
// with the values they ran with.
//
// Aggregates are the exception, by nature: a page's `total`, the budget
// groups of a filter with their grand total, a search's BM25 ranking and the
// count of a substring filter (`q`) read every match, and sorting or scanning
// them is inherent. They run once per data version (services/memo.ts), on the
// first request of a filter set, and never again until an import: the test
// tells them apart by asking every URL twice, and checks what the repeat runs.
import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import t from 'tap'
import { syntheticPlans } from '../../scripts/bench/synthetic-plans.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { parsePlan } from '../../src/plans/parse.js'
import { buildApp } from '../../src/app.js'
import { LIST_SORTS } from '../../src/services/arguments.js'
import { SEED_DIR, SEED_PLAN } from '../helper.js'

/** Tables that grow with every plan's parts: never scanned whole. plans and organizations stay small. */
const BIG_TABLES = ['management_issues', 'strategies', 'initiatives', 'budgets', 'issue_budgets', 'search_entries', 'goals', 'missions', 'reform_items', 'contacts']

// Every statement run, with its parameters, recorded by wrapping better-sqlite3's Statement methods.
const ran: { source: string; params: unknown[] }[] = []
const statementPrototype = Object.getPrototypeOf(new Database(':memory:').prepare('select 1'))
for (const method of ['all', 'get', 'iterate'] as const) {
  const original = statementPrototype[method]
  statementPrototype[method] = function (this: { source: string; reader: boolean }, ...params: unknown[]) {
    if (this.reader) ran.push({ source: this.source, params })
    return original.apply(this, params)
  }
}

/**
 * Each list route with each of its filters and sorts, first and later pages. `q` (a substring of
 * initiatives' texts) pages along an index too, but counting its matches reads every text: the
 * one full scan allowed, below.
 */
/** A list's URLs: each of its sorts with each of its filters. */
const sorted = (path: string, sorts: readonly string[], filters: string[]) => sorts.flatMap((sort) => filters.map((filter) => `${path}?sort=${sort}${filter}`))
const LISTS = [
  ...sorted('/v1/plans', LIST_SORTS.plans, ['', '&organization=asahi', '&fiscalYear=2023', '&isDraft=true', '&completeness=excerpt', '&organization=nishi&fiscalYear=2023']),
  ...sorted('/v1/organizations', LIST_SORTS.organizations, ['', '&kind=ward']),
  ...sorted('/v1/issues', LIST_SORTS.issues, ['', '&plan=asahi-2017', '&organization=asahi', '&fiscalYear=2023', '&organization=nishi&fiscalYear=2023']),
  ...sorted('/v1/strategies', LIST_SORTS.strategies, ['', '&plan=asahi-2017', '&organization=asahi', '&fiscalYear=2023', '&issue=asahi-2017-1']),
  ...sorted('/v1/catalogue', LIST_SORTS.catalogue, ['', '&organization=asahi', '&fiscalYear=2023', '&isDraft=true']),
  // updatedSince reads plans along plans_updated_at_idx, and their parts along each plan's rows.
  ...['/v1/plans', '/v1/issues', '/v1/strategies', '/v1/initiatives', '/v1/initiatives?sort=-budget', '/v1/plans?organization=asahi'].map(
    (list) => `${list}${list.includes('?') ? '&' : '?'}updatedSince=2000-01-01T00:00:00Z`,
  ),
  ...LIST_SORTS.initiatives.flatMap((sort) =>
    ['', '&plan=asahi-2017', '&organization=asahi', '&fiscalYear=2023', '&issue=asahi-2017-1', '&strategy=asahi-2017-1-1', '&hasBudget=true', '&hasBudget=false', '&minBudgetYen=1000000', '&maxBudgetYen=1000000', '&organization=asahi&minBudgetYen=1000000&maxBudgetYen=90000000', '&plan=asahi-2017&hasBudget=true', '&q=%E9%98%B2%E7%81%BD'].map(
      (filter) => `/v1/initiatives?sort=${sort}${filter}`,
    ),
  ),
]
/** Budget totals: each grouping, of initiatives and of issues, with each filter. */
const BUDGETS = ['plan', 'organization', 'fiscalYear', 'issue', 'strategy'].flatMap((groupBy) =>
  ['initiatives', 'issues']
    .filter((source) => !(source === 'issues' && groupBy === 'strategy'))
    .flatMap((source) =>
      ['', '&plan=asahi-2017', '&organization=asahi', '&fiscalYear=2023', '&fiscalYear=2017..2020', '&issue=asahi-2017-1', '&hasBudget=true', '&hasBudget=false', '&minBudgetYen=1000000', '&maxBudgetYen=1000000', ...(source === 'initiatives' ? ['&strategy=asahi-2017-1-1', '&q=%E9%98%B2%E7%81%BD'] : [])].map(
        (filter) => `/v1/budgets?groupBy=${groupBy}&source=${source}${filter}`,
      ),
    ),
)
/** Searches: each kind and scope filter. */
const SEARCHES = ['', '&kind=initiative', '&kind=plan', '&plan=asahi-2017', '&organization=asahi', '&fiscalYear=2023', '&organization=nishi&fiscalYear=2017..2023'].map(
  (filter) => `/v1/search?q=%E5%9C%B0%E5%9F%9F${filter}`,
)

t.test('list routes walk indexes: no temporary B-tree, no full scan of plan parts', async (t) => {
  // Without the response cache, so the repeat is answered by the services again.
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, cacheResponses: false, rateLimitMax: 1e9 })
  t.teardown(() => app.close())
  // Beside the seed, synthetic plans: at the seed's size reading a small table whole is the cheaper plan, and SQLite rightly takes it.
  importPlans(app.writer, syntheticPlans(parsePlan(readFileSync(SEED_PLAN, 'utf8')), 100).map((plan) => ({ plan })))
  const db = app.sqlite
  // Statements a request runs every time (checked), and those only the first request of a data version runs (aggregates kept).
  const statements = new Map<string, unknown[]>()
  const perDataVersion = new Set<string>()
  const record = async (url: string) => {
    ran.length = 0
    const first = await app.inject({ url })
    t.equal(first.statusCode, 200, `${url} answers`)
    const firstRun = [...ran]
    ran.length = 0
    const repeat = await app.inject({ url })
    t.equal(repeat.body, first.body, `${url}: the same answer again`)
    for (const { source, params } of ran) statements.set(source, params)
    for (const { source } of firstRun) if (!ran.some((statement) => statement.source === source)) perDataVersion.add(source)
    return first.json().page.nextCursor as string | null
  }
  for (const url of [...LISTS, ...BUDGETS, ...SEARCHES]) {
    const first = `${url}${url.includes('?') ? '&' : '?'}limit=2`
    const next = await record(first)
    if (next) await record(`${first}&cursor=${next}`)
  }
  // The plan document (serialized once per data version) and GraphQL's plan tree read each level along an index too.
  ran.length = 0
  t.equal((await app.inject({ url: '/v1/plans/asahi-2017' })).statusCode, 200)
  const tree = '{ plan(id: "asahi-2017") { issues { budgets { amountYen } strategies { initiatives { budget { amountYen } } } } } }'
  t.equal((await app.inject({ url: `/graphql?query=${encodeURIComponent(tree)}` })).statusCode, 200)
  for (const { source, params } of ran) statements.set(source, params)
  const faults: string[] = []
  for (const [source, params] of statements) {
    if (/^\s*(pragma|select\s+1\b)/i.test(source)) continue
    const plan = db.prepare(`explain query plan ${source}`).all(...params) as { detail: string }[]
    for (const { detail } of plan) {
      // FTS5 reads a page's hits by rowid ("INDEX 0:=" is its rowid constraint), not whole.
      const fullScan = new RegExp(`^SCAN (${BIG_TABLES.join('|')})\\b(?! USING)(?! VIRTUAL TABLE INDEX \\d+:=)`).test(detail)
      if (/USE TEMP B-TREE/.test(detail) || fullScan) faults.push(`${detail} | ${source}`)
      // A page of initiatives is chosen from the index alone, budget filters included: the amount
      // sits after the long search_text, in the row's overflow pages. Only q reads the texts.
      const initiativePage = /^select "initiatives"\.rowid\b/.test(source) && !/search_text/.test(source)
      if (initiativePage && /^(SEARCH|SCAN) initiatives\b/.test(detail) && !/USING COVERING INDEX/.test(detail)) faults.push(`not covering: ${detail} | ${source}`)
    }
  }
  t.ok(perDataVersion.size > 40, `${perDataVersion.size} aggregates run once per data version`)
  t.ok([...perDataVersion].some((source) => /bm25/.test(source)) && [...perDataVersion].some((source) => /group by/.test(source)), 'among them the search rankings and the budget groups')
  t.ok(statements.size > 60, `${statements.size} statements run on every request checked`)
  t.same(faults, [], 'no statement sorts in a temporary B-tree or scans a table of plan parts whole')
})
