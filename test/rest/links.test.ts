// RFC 8288 Link headers on paged answers: rel="next" to the same query's next page; each
// entity's own url; the index at GET /v1. Never built from Host.
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

t.test('every entity answers its own url, in lists, items, documents, search and JSON Lines; fields= keeps it', async (t) => {
  const app = await build(t)
  const get = async (url: string) => (await app.inject({ url, headers: { host: 'evil.example' } })).json()
  t.same((await get('/v1/organizations')).data.map((o: any) => o.url), ['/v1/organizations/asahi'])
  t.same((await get('/v1/plans')).data.map((p: any) => p.url), ['/v1/plans/asahi-2017'])
  t.same((await get('/v1/issues?limit=2')).data.map((i: any) => i.url), ['/v1/issues/asahi-2017.1', '/v1/issues/asahi-2017.2'])
  t.same((await get('/v1/strategies?limit=1')).data.map((s: any) => s.url), ['/v1/strategies/asahi-2017.1-1'])
  t.same((await get('/v1/initiatives?sort=-budget&limit=1')).data.map((i: any) => [i.id, i.url]), [['asahi-2017.1-2-1', '/v1/initiatives/asahi-2017.1-2-1']])
  const initiative = await get('/v1/initiatives/asahi-2017.3-1-1')
  t.equal(initiative.url, '/v1/initiatives/asahi-2017.3-1-1')
  t.equal((await app.inject({ url: initiative.url })).statusCode, 200, 'the url answers the entity')

  const plan = await get('/v1/plans/asahi-2017')
  t.equal(plan.url, '/v1/plans/asahi-2017')
  t.equal(plan.organization.url, '/v1/organizations/asahi')
  t.equal(plan.issues[2].url, '/v1/issues/asahi-2017.3')
  t.equal(plan.issues[2].strategies[0].url, '/v1/strategies/asahi-2017.3-1')
  t.equal(plan.issues[2].strategies[0].initiatives[0].url, '/v1/initiatives/asahi-2017.3-1-1')

  const hits = (await get(`/v1/search?q=${encodeURIComponent('防災')}`)).data
  t.same(hits.map((h: any) => [h.kind, h.url]).slice(0, 2), [['strategy', '/v1/strategies/asahi-2017.3-1'], ['initiative', '/v1/initiatives/asahi-2017.3-1-2']])
  const goal = (await get(`/v1/search?q=${encodeURIComponent('にぎわい')}&kind=goal`)).data[0]
  t.match(goal, { kind: 'goal', url: '/v1/plans/asahi-2017' }, "a goal's url is its plan's")

  t.same(await get('/v1/initiatives/asahi-2017.3-1-1?fields=id,url'), { id: 'asahi-2017.3-1-1', url: '/v1/initiatives/asahi-2017.3-1-1' }, 'fields=url on an item')
  t.same((await get('/v1/plans?fields=url')).data, [{ url: '/v1/plans/asahi-2017' }], 'and on a list')
  const lines = (await app.inject({ url: '/v1/issues.jsonl?fields=id,url&plan=asahi-2017' })).body.trim().split('\n').map((line) => JSON.parse(line))
  t.same(lines[0], { id: 'asahi-2017.1', url: '/v1/issues/asahi-2017.1' }, 'and in JSON Lines')
  const csvHeader = (await app.inject({ url: '/v1/plans.csv' })).body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]
  t.notMatch(csvHeader, /\burl\b/, 'CSV keeps its columns')
})

t.test('with PUBLIC_URL entity urls are absolute on it', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, publicUrl: 'https://plans.example.org/api/' })
  t.teardown(() => app.close())
  const plan = (await app.inject({ url: '/v1/plans/asahi-2017', headers: { host: 'evil.example' } })).json()
  t.equal(plan.url, 'https://plans.example.org/api/v1/plans/asahi-2017')
  t.equal(plan.organization.url, 'https://plans.example.org/api/v1/organizations/asahi')
  const index = (await app.inject({ url: '/v1', headers: { host: 'evil.example' } })).json()
  t.equal(index.links.feed, 'https://plans.example.org/api/feed.xml')
  t.equal(index.resources.find((r: any) => r.name === 'plans').itemUrl, 'https://plans.example.org/api/v1/plans/{id}')
})

t.test('GET /v1 lists every resource, and each link answers', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1' })
  t.equal(response.statusCode, 200)
  const index = response.json()
  t.equal(index.title, '大阪市 区・局運営方針データ (ward-plans)')
  t.same(index.resources.map((r: any) => r.name), ['organizations', 'plans', 'issues', 'strategies', 'initiatives', 'budgets', 'search', 'catalogue'])
  t.same(index.resources[1], { name: 'plans', url: '/v1/plans', itemUrl: '/v1/plans/{id}', csv: '/v1/plans.csv', jsonl: '/v1/plans.jsonl' })
  t.same(index.links, {
    compare: '/v1/compare?from={from}&to={to}',
    meta: '/v1/meta',
    graphql: '/graphql',
    graphiql: '/graphiql',
    openapi: '/openapi.json',
    docs: '/docs',
    downloads: '/downloads/manifest.json',
    feed: '/feed.xml',
    health: '/healthz',
  })
  const fill = (template: string) => template.replace('{id}', 'asahi-2017').replace('{from}', 'asahi-2017').replace('{to}', 'asahi-2017').replace('{q}', '防災').replace('{groupBy}', 'plan')
  const entityIds: Record<string, string> = { organizations: 'asahi', plans: 'asahi-2017', issues: 'asahi-2017.1', strategies: 'asahi-2017.1-1', initiatives: 'asahi-2017.1-1-1' }
  for (const resource of index.resources) {
    for (const key of ['url', 'csv', 'jsonl']) {
      const url = fill(resource[key]) + (resource.name === 'budgets' && key !== 'url' ? '?groupBy=plan' : resource.name === 'search' && key !== 'url' ? `?q=${encodeURIComponent('防災')}` : '')
      t.equal((await app.inject({ url: encodeURI(url) })).statusCode, 200, `${resource.name} ${key}: ${url}`)
    }
    if (resource.itemUrl) t.equal((await app.inject({ url: resource.itemUrl.replace('{id}', entityIds[resource.name]) })).statusCode, 200, `${resource.name} item`)
  }
  for (const [name, link] of Object.entries<string>(index.links)) {
    if (name === 'downloads' || name === 'docs') continue // downloads: none written by this app; docs: a redirect to /docs/
    const query = name === 'graphql' ? `?query=${encodeURIComponent('{ __typename }')}` : '' // GraphQL over GET needs one
    t.equal((await app.inject({ url: encodeURI(fill(link)) + query })).statusCode, 200, `${name}: ${link}`)
  }
})
