// ?fields=: only the named keys of each row of a list, of JSON Lines rows, and of an item.
import t from 'tap'
import { build, getJson } from '../helper.js'

t.test('lists, items and JSON Lines keep only the fields asked for', async (t) => {
  const app = await build(t)
  const list = await getJson(app, '/v1/initiatives?plan=asahi-2017&sort=-budget&limit=2&fields=id,title,budget')
  t.equal(list.status, 200)
  t.same(list.body.data.map((i: any) => Object.keys(i)), [['id', 'title', 'budget'], ['id', 'title', 'budget']])
  const full = (await getJson(app, '/v1/initiatives?plan=asahi-2017&sort=-budget&limit=2')).body.data
  t.same(list.body.data, full.map(({ id, title, budget }: any) => ({ id, title, budget })), 'the same values, fewer keys')
  t.same(list.body.page.total, 9, 'the page keeps its paging')

  const item = await getJson(app, '/v1/plans/asahi-2017?fields=id,title,fiscalYear')
  t.same(item.body, { id: 'asahi-2017', title: '平成29年度 旭区運営方針', fiscalYear: 2017 })
  const whole = await getJson(app, `/v1/initiatives/${full[0].id}?fields=budget`)
  t.same(Object.keys(whole.body), ['budget'])
  t.same(whole.body.budget, full[0].budget)

  const lines = (await app.inject({ url: '/v1/plans.jsonl?fields=id,completeness' })).body.trimEnd().split('\n').map((line) => JSON.parse(line))
  t.same(lines, [{ id: 'asahi-2017', completeness: 'complete' }])

  const bad = await getJson(app, '/v1/plans?fields=id,nope')
  t.equal(bad.status, 400)
  t.equal(bad.body.type, '/problems/invalid-parameter')
  t.match(bad.body.detail, /fields/)
  t.equal((await getJson(app, '/v1/plans/asahi-2017?fields=')).status, 400)
})
