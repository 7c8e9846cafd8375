// An enumerated argument refused names the values it allows, in REST's
// problem and in GraphQL's error alike, for every enum parameter.
import t from 'tap'
import { build } from '../helper.js'

t.test('REST: an invalid enum value is a 400 listing the allowed values', async (t) => {
  const app = await build(t)
  const cases: [string, string, string][] = [
    ['/v1/organizations?kind=city', 'kind', 'ward, bureau'],
    ['/v1/initiatives?sort=title', 'sort', 'plan, -plan, budget, -budget'],
    ['/v1/budgets?groupBy=ward', 'groupBy', 'plan, organization, fiscalYear, issue, strategy'],
    ['/v1/budgets?groupBy=plan&source=settlements', 'source', 'initiatives, issues'],
    ['/v1/plans?completeness=partial', 'completeness', 'complete, excerpt, attachments'],
    ['/v1/search?q=防災&kind=budget', 'kind', 'plan, goal, mission, policy, issue, strategy, initiative, reformItem'],
    ['/v1/plans?format=xml', 'format', 'json, csv'],
  ]
  for (const [url, parameter, allowed] of cases) {
    const response = await app.inject({ url })
    t.equal(response.statusCode, 400, url)
    t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
    const body = response.json()
    t.equal(body.type, '/problems/invalid-parameter')
    t.equal(body.parameter, parameter, `${url}: names ${parameter}`)
    t.equal(body.detail, `querystring parameter '${parameter}' must be one of the allowed values (allowed: ${allowed})`, url)
  }
})

t.test('GraphQL: an invalid enum value, as a literal or a variable, lists the allowed values', async (t) => {
  const app = await build(t)
  const post = (query: string, variables?: object) => app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } })
  const literal = await post('{ organizations(kind: city) { data { id } } }')
  t.equal(literal.statusCode, 400)
  t.same(literal.json().errors.map((e: any) => [e.message, e.extensions.code]), [['Value "city" does not exist in "OrganizationKind" enum (allowed: ward, bureau).', 'GRAPHQL_VALIDATION_FAILED']])
  const variable = await post('query ($g: BudgetGroupBy!) { budgets(groupBy: $g) { page { total } } }', { g: 'ward' })
  t.equal(variable.statusCode, 400)
  t.match(variable.json().errors[0], { message: /^Variable "\$g" got invalid value "ward"; .*\(allowed: plan, organization, fiscalYear, issue, strategy\)\.$/, extensions: { code: 'BAD_USER_INPUT' } })
  // graphql-js's suggestion stays after the list.
  const near = await post('{ organizations(kind: wards) { data { id } } }')
  t.match(near.json().errors[0].message, /^Value "wards" does not exist in "OrganizationKind" enum \(allowed: ward, bureau\)\. Did you mean/)
})
