// Every statement a list route runs walks an index in the order it serves:
// EXPLAIN QUERY PLAN shows no temporary B-tree (a sort of every matching row)
// and no full scan of a table of plan parts. The statements are the ones the
// services really run, recorded as they run, with the values they ran with.
import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import t from 'tap'
import { syntheticPlans } from '../../scripts/bench/synthetic-plans.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { parsePlan } from '../../src/plans/parse.js'
import { build, SEED_DIR, SEED_PLAN } from '../helper.js'

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
const LISTS = [
  '/v1/plans', '/v1/plans?organization=asahi', '/v1/plans?fiscalYear=2023', '/v1/plans?isDraft=true', '/v1/plans?completeness=excerpt', '/v1/plans?organization=nishi&fiscalYear=2023',
  '/v1/organizations', '/v1/organizations?kind=ward',
  '/v1/issues', '/v1/issues?plan=asahi-2017', '/v1/issues?organization=asahi', '/v1/issues?fiscalYear=2023', '/v1/issues?organization=nishi&fiscalYear=2023',
  '/v1/strategies', '/v1/strategies?plan=asahi-2017', '/v1/strategies?organization=asahi', '/v1/strategies?fiscalYear=2023', '/v1/strategies?issue=asahi-2017-1',
  // updatedSince reads plans along plans_updated_at_idx, and their parts along each plan's rows.
  ...['/v1/plans', '/v1/issues', '/v1/strategies', '/v1/initiatives', '/v1/initiatives?sort=-budget', '/v1/plans?organization=asahi'].map(
    (list) => `${list}${list.includes('?') ? '&' : '?'}updatedSince=2000-01-01T00:00:00Z`,
  ),
  ...['plan', 'budget', '-budget'].flatMap((sort) =>
    ['', '&plan=asahi-2017', '&organization=asahi', '&fiscalYear=2023', '&issue=asahi-2017-1', '&strategy=asahi-2017-1-1', '&hasBudget=true', '&hasBudget=false', '&minBudgetYen=1000000', '&maxBudgetYen=1000000', '&q=%E9%98%B2%E7%81%BD'].map(
      (filter) => `/v1/initiatives?sort=${sort}${filter}`,
    ),
  ),
]
// Not here: /v1/budgets and /v1/search. Their grand totals and rankings aggregate every match by
// nature; they are computed once per data version (services/memo.ts), and their pages are cut from them.

t.test('list routes walk indexes: no temporary B-tree, no full scan of plan parts', async (t) => {
  const app = await build(t, SEED_DIR)
  // Beside the seed, synthetic plans: at the seed's size reading a small table whole is the cheaper plan, and SQLite rightly takes it.
  importPlans(app.writer, syntheticPlans(parsePlan(readFileSync(SEED_PLAN, 'utf8')), 100).map((plan) => ({ plan })))
  const db = app.sqlite
  const statements = new Map<string, unknown[]>()
  const record = async (url: string) => {
    ran.length = 0
    const response = await app.inject({ url })
    t.equal(response.statusCode, 200, `${url} answers`)
    for (const { source, params } of ran) statements.set(source, params)
    return response.json().page.nextCursor as string | null
  }
  for (const url of LISTS) {
    const first = `${url}${url.includes('?') ? '&' : '?'}limit=2`
    const next = await record(first)
    if (next) await record(`${first}&cursor=${next}`)
  }
  // The plan document and GraphQL's plan tree read each level along an index too.
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
      const fullScan = new RegExp(`^SCAN (${BIG_TABLES.join('|')})\\b(?! USING)`).test(detail)
      const substringCount = /^SCAN initiatives$/.test(detail) && /^select count\(\*\) from "initiatives" where "initiatives"."search_text" like \?/.test(source)
      if (/USE TEMP B-TREE/.test(detail) || (fullScan && !substringCount)) faults.push(`${detail} | ${source}`)
    }
  }
  t.ok(statements.size > 60, `${statements.size} statements checked`)
  t.same(faults, [], 'no statement sorts in a temporary B-tree or scans a table of plan parts whole')
})
