// Whatever a client sends to the read API, the answer is never a 500, and never slow.
import fc from 'fast-check'
import { getNamedType, isEnumType, isNonNullType } from 'graphql'
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

t.test('random arguments to every root GraphQL field, as literals and as variables', async (t) => {
  const app = await build(t)
  await app.ready()
  const fields = Object.values(app.graphql.schema.getQueryType()!.getFields())
  const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ minLength: 150, maxLength: 2000 }), fc.array(fc.constantFrom('防災', 'a', '区', '1', '"', '*'), { maxLength: 60 }).map((w) => w.join(' ')))
  const number = fc.oneof(fc.integer(), fc.integer({ min: -200, max: 3000 }), fc.double(), fc.constantFrom(0, -1, 1e21, Number.MAX_SAFE_INTEGER, 2 ** 31, -(2 ** 31)))
  /** A value of any type for any argument: the type the argument has, or not. */
  const anyValue = fc.oneof(text, number, fc.boolean(), fc.constant(null))
  const call = fc.constantFrom(...fields).chain((field) =>
    fc.record({
      field: fc.constant(field),
      values: fc.tuple(...field.args.map((arg) => {
        const type = getNamedType(arg.type)
        const typed = isEnumType(type) ? fc.constantFrom(...type.getValues().map((v) => v.name)) : type.name === 'Int' || type.name === 'Float' ? number : type.name === 'Boolean' ? fc.boolean() : text
        const value = fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: anyValue })
        return isNonNullType(arg.type) ? value.map((v) => ({ present: true, v })) : fc.record({ present: fc.boolean(), v: value })
      })),
      asVariables: fc.boolean(),
    }),
  )
  /** A GraphQL literal; a value GraphQL cannot write (NaN, a number for an enum …) makes an invalid query, which is fine too. */
  const literal = (value: unknown, enumType: boolean) => (enumType && typeof value === 'string' ? (/^[_A-Za-z]\w*$/.test(value) ? value : JSON.stringify(value)) : typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value))
  await fc.assert(
    fc.asyncProperty(call, async ({ field, values, asVariables }) => {
      const used = field.args.flatMap((arg, i) => (values[i].present ? [{ arg, value: values[i].v }] : []))
      const selection = getNamedType(field.type).name.endsWith('Page') ? '{ page { total } }' : '{ id }'
      const args = used.map(({ arg, value }) => `${arg.name}: ${asVariables ? `$${arg.name}` : literal(value, isEnumType(getNamedType(arg.type)))}`).join(', ')
      const declarations = asVariables && used.length > 0 ? `(${used.map(({ arg }) => `$${arg.name}: ${arg.type}`).join(', ')})` : ''
      const query = `query${declarations} { ${field.name}${args ? `(${args})` : ''} ${selection} }`
      const variables = asVariables ? Object.fromEntries(used.map(({ arg, value }) => [arg.name, value])) : undefined
      const started = performance.now()
      const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } })
      const ms = performance.now() - started
      if (response.statusCode >= 500) throw new Error(`${query} ${JSON.stringify(variables)} answered ${response.statusCode}: ${response.body}`)
      if (ms > 2000) throw new Error(`${query} ${JSON.stringify(variables)} took ${ms.toFixed(0)} ms`)
      const body = response.json()
      if (response.statusCode === 400 && !body.errors?.every((e: any) => typeof e.extensions?.code === 'string')) throw new Error(`a 400 without codes: ${response.body}`)
      if (/call stack|TypeError|is not (iterable|a function)|Cannot read prop/i.test(response.body)) throw new Error(`internals leak: ${response.body}`)
      return true
    }),
    { numRuns: 400 },
  )
})
