// A cursor is bound to the query that made it (list, filters, sort): reused
// with another query it is refused with its own problem type, in REST and in
// GraphQL; with the same query it pages on, whatever the limit.
import t from 'tap'
import { build, getJson } from '../helper.js'

const gql = async (app: Awaited<ReturnType<typeof build>>, query: string, variables: object) =>
  (await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } })).json()

t.test('REST: a cursor pages its own query and is refused by any other', async (t) => {
  const app = await build(t)
  const first = await getJson(app, '/v1/initiatives?plan=asahi-2017&limit=2')
  t.same(first.body.data.map((i: any) => i.id), ['asahi-2017.1-1-1', 'asahi-2017.1-1-2'])
  const cursor = first.body.page.nextCursor
  const next = await getJson(app, `/v1/initiatives?plan=asahi-2017&limit=3&cursor=${cursor}`)
  t.equal(next.status, 200, 'the same filters with another limit page on')
  t.same(next.body.data.map((i: any) => i.id), ['asahi-2017.1-2-1', 'asahi-2017.2-3-1', 'asahi-2017.2-3-2'])
  t.match(next.headers.link, /^<\/v1\/initiatives\?plan=asahi-2017&limit=3&cursor=[A-Za-z0-9_-]+>; rel="next"$/, 'the next link carries a bound cursor too')

  for (const url of [
    `/v1/initiatives?plan=asahi-2017&hasBudget=true&cursor=${cursor}`,
    `/v1/initiatives?limit=2&cursor=${cursor}`,
    `/v1/initiatives?plan=asahi-2017&sort=-budget&cursor=${cursor}`,
    `/v1/strategies?plan=asahi-2017&cursor=${cursor}`,
  ]) {
    const refused = await getJson(app, url)
    t.equal(refused.status, 400, url)
    t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.same(
      [refused.body.type, refused.body.title, refused.body.parameter],
      ['/problems/cursor-mismatch', 'Cursor from another query', 'cursor'],
      `${url}: refused as a cursor of another query`,
    )
    t.match(refused.body.detail, /another query/)
  }
  // A cursor that is no cursor at all stays an invalid parameter.
  const forged = await getJson(app, `/v1/initiatives?cursor=${Buffer.from('{"s":"plan","k":["asahi-2017",1,1,1]}').toString('base64url')}`)
  t.same([forged.status, forged.body.type], [400, '/problems/invalid-parameter'], 'an unbound cursor is not one this API issued')
})

t.test('GraphQL: the same rule, and a REST cursor pages the same query in GraphQL', async (t) => {
  const app = await build(t)
  const list = 'query ($c: String, $b: Boolean) { initiatives(plan: "asahi-2017", limit: 2, cursor: $c, hasBudget: $b) { data { id } page { nextCursor } } }'
  const first = await gql(app, list, {})
  const cursor = first.data.initiatives.page.nextCursor
  const same = await gql(app, list, { c: cursor })
  t.same(same.data.initiatives.data.map((i: any) => i.id), ['asahi-2017.1-2-1', 'asahi-2017.2-3-1'])
  const other = await gql(app, list, { c: cursor, b: true })
  t.equal(other.data?.initiatives ?? null, null, 'no rows')
  t.same(other.errors[0].extensions, { code: 'BAD_USER_INPUT', argument: 'cursor', reason: 'CURSOR_MISMATCH' })
  t.match(other.errors[0].message, /another query/)

  const rest = await getJson(app, '/v1/initiatives?plan=asahi-2017&limit=2')
  t.equal(rest.body.page.nextCursor, cursor, 'REST and GraphQL bind the same query alike')
})

t.test('a list without a sort given pages alike in REST and GraphQL (the default sort is bound as named)', async (t) => {
  const app = await build(t)
  const rest = await getJson(app, '/v1/plans?limit=1')
  const graphql = await gql(app, 'query { plans(limit: 1) { page { nextCursor } } }', {})
  t.equal(graphql.data.plans.page.nextCursor, rest.body.page.nextCursor)
  const next = await gql(app, 'query ($c: String) { plans(limit: 1, cursor: $c) { data { id } } }', { c: rest.body.page.nextCursor })
  t.equal(next.errors, undefined, 'a REST cursor pages on in GraphQL')
})

t.test('a forged cursor of any shape is a 400 naming the cursor, never a 500', async (t) => {
  const app = await build(t)
  const first = await getJson(app, '/v1/initiatives?limit=1')
  const { q } = JSON.parse(Buffer.from(first.body.page.nextCursor, 'base64url').toString())
  // As JSON text: 1e999 reads as Infinity.
  const forgeries = [
    `{"s":{"toString":1},"k":["a",1,1,1],"q":"${q}"}`,
    `{"s":{"toString":1,"valueOf":1},"k":["a"],"q":"${q}"}`,
    `{"s":["plan"],"k":["a",1,1,1],"q":"${q}"}`,
    `{"s":"plan","k":[{"toString":1},1,1,1],"q":"${q}"}`,
    `{"s":"plan","k":["a",1e999,1,1],"q":"${q}"}`,
    `{"s":"plan","k":null,"q":"${q}"}`,
    `{"s":"${'x'.repeat(500)}","k":[],"q":"${q}"}`,
  ]
  for (const forged of forgeries) {
    const cursor = Buffer.from(forged).toString('base64url')
    const rest = await getJson(app, `/v1/initiatives?cursor=${cursor}`)
    t.same([rest.status, rest.body.type, rest.body.parameter], [400, '/problems/invalid-parameter', 'cursor'], forged.slice(0, 60))
    t.ok(rest.body.detail.length < 200, 'the detail does not echo the forgery at length')
    const graphql = await gql(app, 'query ($c: String) { initiatives(cursor: $c) { data { id } } }', { c: cursor })
    t.same(graphql.errors[0].extensions, { code: 'BAD_USER_INPUT', argument: 'cursor' }, 'GraphQL too')
  }
})
