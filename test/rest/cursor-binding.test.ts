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
