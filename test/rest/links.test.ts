// RFC 8288 Link headers on paged answers: rel="next" to the same query's next page, never built from Host.
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { SEED_DIR, build } from '../helper.js'

const NEXT = /^<([^>]+)>; rel="next"$/

t.test('every paged answer links its next page; the last page does not', async (t) => {
  const app = await build(t, SEED_DIR)
  const first = await app.inject({ url: '/v1/plans?organization=asahi&limit=2', headers: { host: 'evil.example' } })
  const firstIds = first.json().data.map((p: any) => p.id)
  t.same(firstIds, ['asahi-2014', 'asahi-2016'])
  const next = NEXT.exec(String(first.headers.link))?.[1]
  t.equal(next, `/v1/plans?organization=asahi&limit=2&cursor=${first.json().page.nextCursor}`, 'path-absolute, the same filters, the next cursor')
  t.match(first.headers['access-control-expose-headers'], /^Link\b/)
  const second = await app.inject({ url: next! })
  t.same(second.json().data.map((p: any) => p.id), ['asahi-2017', 'asahi-2025-draft'])
  t.equal(second.headers.link, undefined, 'no next page, no link')
  const again = await app.inject({ url: '/v1/plans?organization=asahi&limit=2' })
  t.equal(again.headers.link, first.headers.link, 'kept by the response cache too')

  for (const url of ['/v1/organizations?limit=1', '/v1/issues?limit=1', '/v1/strategies?limit=1', '/v1/initiatives?limit=1&sort=-budget', '/v1/catalogue?limit=1', '/v1/budgets?groupBy=issue&limit=1', `/v1/search?q=${encodeURIComponent('防災')}&limit=1`]) {
    const response = await app.inject({ url })
    t.match(String(response.headers.link), NEXT, url)
  }
  const csv = await app.inject({ url: '/v1/plans?organization=asahi&limit=2&format=csv' })
  t.match(String(csv.headers.link), /^<\/v1\/plans\?organization=asahi&limit=2&format=csv&cursor=[\w-]+>; rel="next"$/, 'a paged CSV says there is more')
})

t.test('with PUBLIC_URL the link is absolute on it', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, publicUrl: 'https://plans.example.org/api/' })
  t.teardown(() => app.close())
  const response = await app.inject({ url: '/v1/plans?limit=1', headers: { host: 'evil.example' } })
  t.equal(response.headers.link, `<https://plans.example.org/api/v1/plans?limit=1&cursor=${response.json().page.nextCursor}>; rel="next"`)
})
