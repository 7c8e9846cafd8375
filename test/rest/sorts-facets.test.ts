// Sorting (sort=field / -field) and facets (facets=…) on every list, over the
// whole seed (42 plans, the catalogue): stable orders that page with cursors and
// stream whole, the same names in GraphQL, counts over the whole filtered result.
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { LIST_FACETS, LIST_SORTS, type ListName } from '../../src/services/arguments.js'
import { SEED_DIR, build, getJson } from '../helper.js'

const gql = async (app: FastifyInstance, query: string, variables?: object) => {
  const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } })
  return { ...response.json(), status: response.statusCode }
}

/** Each list's path with what it needs, and what identifies one of its rows. */
const LISTS: Record<ListName, { path: string; identity: (row: any) => string }> = {
  organizations: { path: '/v1/organizations?', identity: (r) => r.id },
  plans: { path: '/v1/plans?', identity: (r) => r.id },
  issues: { path: '/v1/issues?', identity: (r) => r.id },
  strategies: { path: '/v1/strategies?', identity: (r) => r.id },
  initiatives: { path: '/v1/initiatives?', identity: (r) => r.id },
  budgets: { path: '/v1/budgets?groupBy=organization&', identity: (r) => r.key },
  search: { path: `/v1/search?q=${encodeURIComponent('防災')}&`, identity: (r) => `${r.kind} ${r.id}` },
  catalogue: { path: '/v1/catalogue?', identity: (r) => r.url },
}

/** Every row of a sorted list, page by page. */
async function allPages(app: FastifyInstance, url: string, limit = 7): Promise<any[]> {
  const rows: any[] = []
  let cursor: string | null = null
  do {
    const { status, body }: { status: number; body: any } = await getJson(app, `${url}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
    if (status !== 200) throw new Error(`${url}: ${status} ${JSON.stringify(body)}`)
    rows.push(...body.data)
    cursor = body.page.nextCursor
  } while (cursor !== null)
  return rows
}

t.test('every sort of every list pages with cursors as it streams whole, each row once; -name is the reverse of name', async (t) => {
  const app = await build(t, SEED_DIR)
  for (const [list, { path, identity }] of Object.entries(LISTS) as [ListName, (typeof LISTS)[ListName]][]) {
    const orders = new Map<string, string[]>()
    for (const sort of LIST_SORTS[list]) {
      const paged = (await allPages(app, `${path}sort=${sort}`)).map(identity)
      const total = (await getJson(app, `${path}sort=${sort}&limit=1`)).body.page.total
      t.equal(paged.length, total, `${list} ${sort}: every row`)
      t.equal(new Set(paged).size, paged.length, `${list} ${sort}: none twice`)
      const jsonl = await app.inject({ url: `${path.replace('?', '.jsonl?')}sort=${sort}` })
      t.same(jsonl.body.trim().split('\n').map((line) => identity(JSON.parse(line))), paged, `${list} ${sort}: the .jsonl stream has the same order`)
      orders.set(sort, paged)
    }
    for (const [sort, rows] of orders) {
      // initiatives' -budget keeps the unbudgeted last and the plan's order within an amount: not a mirror.
      if (sort.startsWith('-') && !(list === 'initiatives' && sort === '-budget') && !(list === 'budgets' && sort === '-totalYen')) {
        t.same(rows, [...orders.get(sort.slice(1))!].reverse(), `${list}: ${sort} is the reverse of ${sort.slice(1)}`)
      }
    }
  }
})

t.test('sorts order by their fields, from the seed', async (t) => {
  const app = await build(t, SEED_DIR)
  // The seed's largest initiative budget: 北区 2022, (77,800千円).
  const biggest = (await getJson(app, '/v1/initiatives?sort=-budget&limit=1&fields=id,budget')).body
  t.same(biggest.data, [{ id: 'kita-2022.1-1-1', budget: { amountYen: 77800000, fiscalYear: 2022, text: '(77,800千円)' } }])
  t.same(biggest.page.total, 13)
  const plans = await allPages(app, '/v1/plans?sort=-fiscalYear&fields=id,fiscalYear,organizationId')
  t.same(plans.slice(0, 3).map((p) => p.id), ['miyakojima-2026-draft', 'shimin-2025', 'asahi-2025-draft'], 'newest first; within a year, organizations in reverse')
  t.ok(plans.every((p, i) => i === 0 || plans[i - 1].fiscalYear >= p.fiscalYear), 'fiscal years never rise')
  t.same(Object.keys(plans[0]), ['id', 'organizationId', 'fiscalYear'], 'fields= keeps only the keys asked for')
  const byOrganization = await allPages(app, '/v1/plans?sort=organization&organization=asahi&fields=id')
  t.same(byOrganization.map((p) => p.id), ['asahi-2014', 'asahi-2016', 'asahi-2017', 'asahi-2025-draft'])
  const kinds = (await getJson(app, '/v1/organizations?sort=kind&limit=4&fields=id,kind')).body.data
  t.same(kinds.map((o: any) => o.kind), ['bureau', 'bureau', 'bureau', 'ward'], 'kind, then name')
  const budgets = (await getJson(app, '/v1/budgets?groupBy=organization&sort=-totalYen&limit=2&fields=key,label,totalYen')).body.data
  t.same(budgets, [
    { key: 'kita', label: '大阪市北区', totalYen: 77800000 },
    { key: 'asahi', label: '大阪市旭区', totalYen: 48639000 },
  ])
  const hits = await allPages(app, `/v1/search?q=${encodeURIComponent('防災')}&sort=fiscalYear&fields=planId`)
  t.same(hits.slice(0, 1), [{ planId: 'miyakojima-2013' }], 'the oldest plans mentioning 防災 first, then by plan')
  const catalogue = (await getJson(app, '/v1/catalogue?sort=-fiscalYear&limit=1&fields=fiscalYear')).body.data
  t.same(catalogue, [{ fiscalYear: 2026 }])
  const csv = await app.inject({ url: '/v1/initiatives.csv?sort=-budget&organization=kita' })
  t.match(csv.body.split(/\r?\n/)[1], /^kita-2022\.1-1-1,/, 'the CSV stream keeps the sort')
})

t.test('an unknown sort is a 400 listing the allowed ones, in REST and GraphQL alike', async (t) => {
  const app = await build(t, SEED_DIR)
  for (const list of Object.keys(LISTS) as ListName[]) {
    const response = await app.inject({ url: `${LISTS[list].path}sort=title` })
    t.equal(response.statusCode, 400, `${list}: 400`)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
    t.match(response.json(), { type: '/problems/invalid-parameter', parameter: 'sort', detail: new RegExp(`: ${LIST_SORTS[list].join(', ')}\\)?$`) }, `${list}: the allowed sorts`)
    const whole = await app.inject({ url: `${LISTS[list].path.replace('?', '.csv?')}sort=title` })
    t.equal(whole.statusCode, 400, `${list}.csv: 400`)
  }
  const graphql = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ plans(sort: "title") { page { total } } }' } })
  t.equal(graphql.statusCode, 400)
  t.match(graphql.json().errors[0], { message: /allowed: id, -id, organization, -organization, fiscalYear, -fiscalYear/, extensions: { code: 'BAD_USER_INPUT', argument: 'sort' } })
})

t.test('GraphQL takes REST sort names; budgetDesc stays an alias of -budget', async (t) => {
  const app = await build(t, SEED_DIR)
  for (const [field, list] of [['plans', 'plans'], ['organizations', 'organizations'], ['catalogue', 'catalogue']] as const) {
    for (const sort of LIST_SORTS[list]) {
      const rest = (await getJson(app, `${LISTS[list].path}sort=${sort}&limit=5`)).body
      const { data } = await gql(app, `query ($sort: ${{ plans: 'PlanSort', organizations: 'OrganizationSort', catalogue: 'CatalogueSort' }[field]}) { ${field}(sort: $sort, limit: 5) { page { nextCursor } } }`, { sort })
      t.equal(data[field].page.nextCursor, rest.page.nextCursor, `${field} ${sort}: the same page as REST`)
    }
  }
  const rest = (await getJson(app, '/v1/initiatives?sort=-budget&limit=3')).body.data.map((i: any) => i.id)
  for (const spelling of ['"-budget"', 'budgetDesc', '"budgetDesc"']) {
    const { data } = await gql(app, `{ initiatives(sort: ${spelling}, limit: 3) { data { id } } }`)
    t.same(data.initiatives.data.map((i: any) => i.id), rest, `sort: ${spelling}`)
  }
  const issues = await gql(app, '{ issues(sort: "-plan", limit: 1) { data { id } } }')
  t.same(issues.data.issues.data, [{ id: 'taisho-2024.1' }], 'the last issue of the last plan first')
})

t.test('facets count the whole filtered result, most first, then by value', async (t) => {
  const app = await build(t, SEED_DIR)
  const { body } = await getJson(app, '/v1/plans?limit=1&facets=fiscalYear,organization,isDraft')
  t.equal(body.data.length, 1, 'the page is one plan')
  t.same(body.facets.fiscalYear.slice(0, 4), [
    { value: 2023, label: '令和5年度', count: 9 },
    { value: 2022, label: null, count: 7 },
    { value: 2017, label: '平成29年度', count: 5 },
    { value: 2014, label: '平成26年度', count: 3 },
  ])
  t.equal(body.facets.fiscalYear.reduce((sum: number, v: any) => sum + v.count, 0), 42, 'the counts cover all 42 seeded plans')
  t.same(body.facets.organization[0], { value: 'asahi', label: '旭区', count: 4 })
  t.same(body.facets.isDraft, [
    { value: false, label: null, count: 35 },
    { value: true, label: null, count: 7 },
  ])
  for (const { value, count } of body.facets.organization.slice(0, 5)) {
    t.equal((await getJson(app, `/v1/plans?organization=${value}&limit=1`)).body.page.total, count, `${value}: the count is the filtered list's total`)
  }
  const filtered = (await getJson(app, '/v1/plans?fiscalYear=2017..2022&facets=fiscalYear&fields=id')).body
  t.same(filtered.facets.fiscalYear.map((v: any) => [v.value, v.count]), [[2022, 7], [2017, 5], [2019, 3], [2020, 2], [2021, 2], [2018, 1]], 'the filters apply')
  t.equal(Object.keys(filtered.data[0]).join(), 'id', 'fields= cuts the rows, not the facets')

  const initiatives = (await getJson(app, '/v1/initiatives?facets=hasBudget,organization&limit=1')).body.facets
  t.same(initiatives.hasBudget, [
    { value: true, label: null, count: 9 },
    { value: false, label: null, count: 4 },
  ])
  const issues = (await getJson(app, '/v1/issues?facets=completeness&organization=asahi')).body
  t.equal(issues.facets.completeness.reduce((sum: number, v: any) => sum + v.count, 0), issues.page.total)
  const search = (await getJson(app, `/v1/search?q=${encodeURIComponent('防災')}&limit=1&facets=kind`)).body
  t.same(search.facets.kind.slice(0, 2), [
    { value: 'policy', label: null, count: 10 },
    { value: 'issue', label: null, count: 5 },
  ])
  t.equal(search.facets.kind.reduce((sum: number, v: any) => sum + v.count, 0), search.page.total, 'every hit counted, not the page')
  const catalogue = (await getJson(app, '/v1/catalogue?limit=1&facets=loaded')).body.facets
  t.same(catalogue.loaded, [
    { value: false, label: null, count: 65 },
    { value: true, label: null, count: 42 },
  ])
  const organizations = (await getJson(app, '/v1/organizations?facets=kind&limit=1')).body.facets
  t.same(organizations.kind, [
    { value: 'ward', label: null, count: 24 },
    { value: 'bureau', label: null, count: 3 },
  ])
})

t.test('an unknown facet is a 400 listing the allowed ones; GraphQL counts the same', async (t) => {
  const app = await build(t, SEED_DIR)
  for (const list of ['plans', 'initiatives', 'search', 'catalogue'] as const) {
    const response = await getJson(app, `${LISTS[list].path}facets=fiscalYear,color`)
    t.equal(response.status, 400)
    t.match(response.body, { parameter: 'facets', detail: `facets: "color" is not a facet of ${list}; allowed: ${LIST_FACETS[list].join(', ')}` })
  }
  t.equal((await getJson(app, '/v1/budgets?groupBy=plan&facets=organization')).status, 400, 'budgets have no facets')
  const { data } = await gql(app, '{ plans(fiscalYear: 2017) { facets(names: ["organization"]) { name values { value label count } } } }')
  const rest = (await getJson(app, '/v1/plans?fiscalYear=2017&facets=organization')).body.facets.organization
  t.same(data.plans.facets, [{ name: 'organization', values: rest }], 'the same counts as REST')
  const bad = await gql(app, '{ initiatives { facets(names: ["color"]) { name } } }')
  t.match(bad.errors[0], { message: /allowed: organization, fiscalYear, completeness, hasBudget/, extensions: { code: 'BAD_USER_INPUT', argument: 'facets' } })
  t.same([bad.status, bad.data], [400, null], 'refused before execution, as a bad sort or limit is')
  const inFragment = await gql(app, 'query ($n: [String!]!) { initiatives { ...F } } fragment F on InitiativePage { facets(names: $n) { name } }', { n: ['color'] })
  t.same([inFragment.status, inFragment.errors?.[0].extensions.argument], [400, 'facets'], 'in a fragment, from a variable')
})
