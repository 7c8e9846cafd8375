// Whatever a client sends to the read API, the answer is never a 500.
import fc from 'fast-check'
import t from 'tap'
import { build } from '../helper.js'

const paths = ['/v1/organizations', '/v1/plans', '/v1/issues', '/v1/strategies', '/v1/initiatives', '/v1/budgets', '/v1/search', '/v1/plans/asahi-2017', '/v1/meta']
const names = ['limit', 'cursor', 'format', 'sort', 'q', 'plan', 'organization', 'fiscalYear', 'isDraft', 'hasBudget', 'minBudgetYen', 'maxBudgetYen', 'groupBy', 'kind', 'issue', 'strategy']
const values = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('', '0', '-1', '101', 'true', 'csv', '-budget', 'plan', 'asahi', '2017', '防災', '"', '*', 'NEAR(', '%', '\u0000', 'eyJzIjoicGxhbiJ9'),
)

t.test('random query strings', async (t) => {
  const app = await build(t)
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...paths), fc.array(fc.tuple(fc.constantFrom(...names), values), { maxLength: 4 }), async (path, params) => {
      const query = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')
      const response = await app.inject({ url: query ? `${path}?${query}` : path })
      if (response.statusCode >= 500) throw new Error(`${path}?${query} answered ${response.statusCode}: ${response.body}`)
      return true
    }),
    { numRuns: 600 },
  )
})

t.test('random GraphQL requests', async (t) => {
  const app = await build(t)
  const fields = fc.constantFrom(
    '{ plan(id: "asahi-2017") { id } }',
    'query ($l: Int) { initiatives(limit: $l) { data { id } } }',
    'query ($c: String) { search(q: "防災", cursor: $c) { data { id } } }',
    'query ($q: String!) { search(q: $q) { data { id } } }',
    '{ budgets(groupBy: plan) { data { key } } }',
  )
  const anything = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null))
  await fc.assert(
    fc.asyncProperty(fc.oneof(fields, fc.string()), fc.dictionary(fc.constantFrom('l', 'c', 'q', 'x'), anything), async (query, variables) => {
      const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } })
      if (response.statusCode >= 500) throw new Error(`${query} ${JSON.stringify(variables)} answered ${response.statusCode}: ${response.body}`)
      return true
    }),
    { numRuns: 400 },
  )
})
