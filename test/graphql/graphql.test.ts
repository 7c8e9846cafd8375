import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { graphqlSchemaDocument } from '../../src/exported-documents.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { parsePlan } from '../../src/plans/parse.js'
import { OPENINGS_DIR, SEED_PLAN, build, countStatements, getJson } from '../helper.js'

async function gql(app: FastifyInstance, query: string, variables?: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } })
  return { status: response.statusCode, ...(response.json() as { data: any; errors?: any[] }) }
}

const PLAN_TREE = '{ plan(id: "asahi-2017") { issues { strategies { initiatives { number budget { amountYen } } } } } }'

t.test('the plan tree: 9 initiatives, 48,639,000 yen, two nulls', async (t) => {
  const app = await build(t)
  const { status, data, errors } = await gql(app, PLAN_TREE)
  t.equal(status, 200)
  t.equal(errors, undefined)
  const initiatives = data.plan.issues.flatMap((i: any) => i.strategies.flatMap((s: any) => s.initiatives))
  t.equal(initiatives.length, 9)
  t.equal(initiatives.reduce((sum: number, i: any) => sum + (i.budget.amountYen ?? 0), 0), 48_639_000)
  t.same(initiatives.filter((i: any) => i.budget.amountYen === null).map((i: any) => i.number), ['4-2-1', '4-2-2'])
})

t.test('the same data as REST for every entity', async (t) => {
  const app = await build(t)
  // REST's rows carry their own url; GraphQL's are reached by id. REST's rows of plan parts name their
  // organization (as their CSV rows do); GraphQL's reach it as plan { organization { name } }.
  const rest = async (path: string) => (await getJson(app, `/v1/${path}?limit=100`)).body.data.map(({ url: _url, organizationName: _name, ...row }: { url: string; organizationName?: string }) => row)
  const { data } = await gql(
    app,
    `{
      organizations(limit: 100) { data { id name kind code city } }
      plans(limit: 100) { data { id organizationId fiscalYear fiscalYearLabel title isDraft pageId updatedOn sourceUrl completeness importedAt updatedAt } }
      issues(limit: 100) { data { id planId planCompleteness organizationId fiscalYear number subNumber title aim budgets { kind amountYen fiscalYear text } sdgs outcomeIndicators } }
      strategies(limit: 100) { data { id planId planCompleteness organizationId fiscalYear issueId number title points sdgs outcomeIndicators } }
      initiatives(limit: 100) { data { id planId planCompleteness organizationId fiscalYear issueId strategyId number title points budget { amountYen fiscalYear text } } }
    }`,
  )
  t.same(data.organizations.data, await rest('organizations'), 'organizations')
  t.same(data.plans.data, await rest('plans'), 'plans')
  t.same(data.issues.data, await rest('issues'), 'issues')
  t.same(data.strategies.data, await rest('strategies'), 'strategies')
  t.same(data.initiatives.data, await rest('initiatives'), 'initiatives')

  const document = (await getJson(app, '/v1/plans/asahi-2017')).body
  const { data: one } = await gql(
    app,
    '{ plan(id: "asahi-2017") { goals missions policy notes attachments warnings reformItems { item content } contact { department postalCode address phone fax } organization { id name kind code city } issues { sdgs outcomeIndicators strategies { sdgs outcomeIndicators } } } }',
  )
  t.same(
    one.plan.issues,
    document.issues.map((i: any) => ({ sdgs: i.sdgs, outcomeIndicators: i.outcomeIndicators, strategies: i.strategies.map((s: any) => ({ sdgs: s.sdgs, outcomeIndicators: s.outcomeIndicators })) })),
    'issues and strategies: SDGs and outcome indicators',
  )
  delete document.organization.url
  for (const field of ['goals', 'missions', 'policy', 'notes', 'attachments', 'warnings', 'reformItems', 'contact', 'organization']) {
    t.same(one.plan[field], document[field], `plan.${field}`)
  }
})

t.test('filters, sort and cursors work as in REST', async (t) => {
  const app = await build(t)
  const { data } = await gql(app, '{ initiatives(sort: budgetDesc, limit: 1) { data { number budget { amountYen } } page { total nextCursor } } }')
  t.same(data.initiatives.data, [{ number: '1-2-1', budget: { amountYen: 27_546_000 } }])
  const next = await gql(app, 'query ($c: String) { initiatives(sort: budgetDesc, limit: 1, cursor: $c) { data { number } } }', { c: data.initiatives.page.nextCursor })
  t.same(next.data.initiatives.data, [{ number: '3-1-2' }])
  const unbudgeted = await gql(app, '{ initiatives(hasBudget: false) { data { id } } }')
  t.same(unbudgeted.data.initiatives.data.map((i: any) => i.id), ['asahi-2017.4-2-1', 'asahi-2017.4-2-2'])
  t.equal((await gql(app, '{ initiatives(minBudgetYen: 5000000) { page { total } } }')).data.initiatives.page.total, 3)
})

t.test('nested fields are batched: the statement count does not grow with rows', async (t) => {
  const app = await build(t)
  const counter = countStatements(app)
  await app.ready()
  // Each run asks a little differently, so no response comes from the response cache.
  let run = 0
  const statementsFor = async () => {
    const query = `{ plans(limit: ${60 + run++}) { data { id organization { name } goals issues { title strategies { number initiatives { number budget { amountYen } } } } } } }`
    counter.executed = 0
    const { data, errors } = await gql(app, query)
    t.equal(errors, undefined)
    return { statements: counter.executed, plans: data.plans.data.length }
  }
  // The first answer at a data version counts the page's total (services/totals.ts) and loads
  // every nested field, one statement per field and level; the ones after it find both kept.
  const cold = await statementsFor()
  t.equal(cold.plans, 1)
  t.ok(cold.statements <= 10, `a bounded number of statements (${cold.statements})`)
  const warm = await statementsFor()
  t.equal(warm.plans, 1)
  t.equal(warm.statements, 1, 'the page alone once the nested rows are kept')

  const openings = readdirSync(OPENINGS_DIR).map((file) => ({ plan: parsePlan(readFileSync(join(OPENINGS_DIR, file), 'utf8'), file) }))
  importPlans(app.db, openings)
  // An import moves the data version: the total is counted and the nested rows loaded again, by as many statements for many plans as for one.
  const many = await statementsFor()
  t.equal(many.plans, 1 + openings.length)
  t.equal(many.statements, cold.statements, `${cold.statements} statements for 1 plan and for ${many.plans}`)
  const again = await statementsFor()
  t.equal(again.statements, warm.statements, 'the page alone again, once the query is JIT-compiled too')
})

t.test('rows kept for a data version are not answered after an import changes them', async (t) => {
  const app = await build(t)
  const query = '{ plan(id: "asahi-2017") { issues { strategies { initiatives { id title } } } } initiative(id: "asahi-2017.1-1-1") { title } }'
  const titles = async () => {
    const { data, errors } = await gql(app, query)
    t.equal(errors, undefined)
    const nested = data.plan.issues.flatMap((i: any) => i.strategies.flatMap((s: any) => s.initiatives))
    return { nested: nested.find((i: any) => i.id === 'asahi-2017.1-1-1').title, byId: data.initiative.title }
  }
  const before = await titles()
  t.same(await titles(), before, 'the same answer from the kept rows')
  // The same plan again, with the initiative renamed: an import moves the data version.
  const renamed = `${before.byId}（改）`
  importPlans(app.db, [{ plan: parsePlan(readFileSync(SEED_PLAN, 'utf8').replace(before.byId, renamed), 'asahi-2017.txt') }])
  t.same(await titles(), { nested: renamed, byId: renamed })
  t.same(await gql(app, '{ plan(id: "no-such-plan") { id } }'), { status: 200, data: { plan: null } }, 'an unknown id is null')
})

t.test('guards: depth, cost, batching, errors without stack traces', async (t) => {
  const app = await build(t)
  const deep = await gql(app, '{ initiative(id: "asahi-2017.1-1-1") { strategy { issue { plan { issues { strategies { initiatives { strategy { issue { plan { id } } } } } } } } } } }')
  t.equal(deep.status, 400)
  t.equal(deep.errors![0].extensions.code, 'QUERY_TOO_DEEP')
  t.match(deep.errors![0].message, /levels deep; the limit is 10/)

  const costly = await gql(app, '{ plans(limit: 100) { data { organization { plans { issues { strategies { initiatives { number } } } } } } } }')
  t.equal(costly.status, 400)
  t.equal(costly.errors![0].extensions.code, 'QUERY_TOO_COSTLY')

  const introspection = await gql(app, readFileSync(new URL('./introspection.graphql', import.meta.url), 'utf8'))
  t.equal(introspection.errors, undefined, "GraphiQL's introspection query passes the depth limit")
  t.ok(introspection.data.__schema.types.length > 10)

  const unknown = await gql(app, '{ nope }')
  t.equal(unknown.status, 400)
  t.equal(unknown.errors![0].extensions.code, 'GRAPHQL_VALIDATION_FAILED')
  t.match(unknown.errors![0].message, /Cannot query field "nope"/)

  const badLimit = await gql(app, '{ initiatives(limit: 0) { data { id } } }')
  t.equal(badLimit.errors![0].extensions.code, 'BAD_USER_INPUT')
  const badCursor = await gql(app, '{ initiatives(cursor: "junk") { data { id } } }')
  t.equal(badCursor.errors![0].extensions.code, 'BAD_USER_INPUT')
  t.notMatch(JSON.stringify(badCursor), /at .*\.ts:\d+/, 'no stack trace')

  const notJson = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{bad' })
  t.equal(notJson.statusCode, 400, 'a body that is not JSON is the client\'s mistake')
  t.equal(notJson.json().errors[0].extensions.code, 'BAD_REQUEST')

  const batched = await app.inject({ method: 'POST', url: '/graphql', payload: [{ query: '{ plan(id: "asahi-2017") { id } }' }, { query: '{ plan(id: "asahi-2017") { id } }' }] })
  t.equal(batched.statusCode, 400, 'batched queries are off')
  t.equal((await gql(app, '{ plan(id: "nope") { id } }')).data.plan, null, 'an unknown id is null')
})

t.test('GraphiQL is served', async (t) => {
  const app = await build(t)
  const page = await app.inject({ url: '/graphiql' })
  t.equal(page.statusCode, 200)
})

t.test('the committed openapi/schema.graphql is what the code prints (run npm run openapi)', async (t) => {
  t.equal(readFileSync(new URL('../../openapi/schema.graphql', import.meta.url), 'utf8'), graphqlSchemaDocument())
})

t.test('a failure of our own is INTERNAL_SERVER_ERROR without internals', async (t) => {
  const app = await build(t)
  await app.ready()
  app.sqlite.exec('drop table search_entries') // what a broken deployment would look like
  const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ search(q: "防災") { data { id } } }' } })
  t.equal(response.statusCode, 500)
  const [error] = response.json().errors
  t.same(error.extensions, { code: 'INTERNAL_SERVER_ERROR' })
  t.equal(error.message, 'internal error; it has been logged')
  t.notMatch(response.body, /search_entries|sqlite/i, 'no internals leak')
  t.equal(response.headers['cache-control'], 'no-store')

})

t.test('a partial answer with a failure of ours is not kept by any cache', async (t) => {
  const app = await build(t)
  app.sqlite.exec('alter table contacts rename to contacts_away') // a broken deployment again
  const partial = () => app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ plan(id: "asahi-2017") { title contact { phone } } }' } })
  const first = await partial()
  t.equal(first.statusCode, 200, 'partial data is a 200')
  t.equal(first.json().data.plan.title, '平成29年度 旭区運営方針')
  t.equal(first.json().errors[0].extensions.code, 'INTERNAL_SERVER_ERROR')
  t.equal(first.headers['cache-control'], 'no-store')
  app.sqlite.exec('alter table contacts_away rename to contacts')
  const mended = await partial()
  t.notOk(mended.json().errors, 'once mended, the answer is computed again, not served from the cache')
  t.equal(mended.json().data.plan.contact.phone, '06-6957-9683')
})

t.test('GET /graphql answers the same, with an ETag, under the same guards', async (t) => {
  const app = await build(t)
  const url = `/graphql?query=${encodeURIComponent(PLAN_TREE)}`
  const first = await app.inject({ url })
  t.equal(first.statusCode, 200)
  const initiatives = first.json().data.plan.issues.flatMap((i: any) => i.strategies.flatMap((s: any) => s.initiatives))
  t.equal(initiatives.length, 9)
  t.ok(first.headers.etag)
  t.equal((await app.inject({ url, headers: { 'if-none-match': first.headers.etag as string } })).statusCode, 304)
  const deep = `{ plan(id: "asahi-2017") { issues { plan { issues { plan { issues { plan { issues { plan { issues { plan { title } } } } } } } } } } } }`
  const refused = await app.inject({ url: `/graphql?query=${encodeURIComponent(deep)}` })
  t.equal(refused.statusCode, 400)
  t.equal(refused.json().errors[0].extensions.code, 'QUERY_TOO_DEEP')
})
