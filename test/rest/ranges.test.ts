// Several organizations (organization=asahi,kita) and fiscal year ranges (fiscalYear=2017..2022) on every list, REST and GraphQL alike.
import t from 'tap'
import { SEED_DIR, build, getJson } from '../helper.js'

const ids = async (app: Awaited<ReturnType<typeof build>>, url: string) => (await getJson(app, url)).body.data.map((row: any) => row.id ?? row.key ?? row.url)

t.test('organization lists and fiscal year ranges', async (t) => {
  const app = await build(t, SEED_DIR)
  t.same(await ids(app, '/v1/plans?organization=asahi,kita&limit=100'), ['asahi-2014', 'asahi-2016', 'asahi-2017', 'asahi-2025-draft', 'kita-2022'])
  t.same(await ids(app, '/v1/plans?organization=asahi&fiscalYear=2015..2017'), ['asahi-2016', 'asahi-2017'])
  t.same(await ids(app, '/v1/plans?organization=asahi&fiscalYear=2017..'), ['asahi-2017', 'asahi-2025-draft'])
  t.same(await ids(app, '/v1/plans?organization=asahi&fiscalYear=..2016'), ['asahi-2014', 'asahi-2016'])
  t.same(await ids(app, '/v1/plans?organization=asahi&fiscalYear=2016'), ['asahi-2016'], 'one year as before')
  const planIds = (await getJson(app, '/v1/plans?organization=nishinari,sumiyoshi&fiscalYear=2014..2023&limit=100')).body.data.map((p: any) => p.id)
  t.same(planIds, ['nishinari-2015', 'nishinari-2023', 'sumiyoshi-2023'])

  t.same(await ids(app, '/v1/budgets?groupBy=organization&organization=asahi,kita'), ['asahi', 'kita'])
  t.same((await getJson(app, '/v1/budgets?groupBy=fiscalYear&organization=asahi,kita&fiscalYear=2017..2022')).body.data.map((r: any) => [r.key, r.totalYen]), [['2017', 48_639_000], ['2022', 77_800_000]])
  t.same(await ids(app, '/v1/budgets?groupBy=organization&source=issues&organization=sumiyoshi,asahi&fiscalYear=2023..'), ['asahi', 'sumiyoshi'], 'the FY2025 draft of Asahi has issues, without budget lines')
  t.same(await ids(app, '/v1/issues?organization=kita,sumiyoshi&fiscalYear=2022..2023'), ['kita-2022.1', 'sumiyoshi-2023.1'])
  const initiatives = (await getJson(app, '/v1/initiatives?organization=asahi,kita&limit=100')).body.data
  t.same([...new Set(initiatives.map((i: any) => i.planId))], ['asahi-2017', 'kita-2022'])
  const catalogue = (await getJson(app, '/v1/catalogue?organization=asahi,kita&fiscalYear=2017..2017&limit=100')).body.data
  t.same(catalogue.map((e: any) => [e.organizationId, e.fiscalYear, e.planId]), [['asahi', 2017, 'asahi-2017'], ['kita', 2017, null]])
  const search = (await getJson(app, `/v1/search?q=${encodeURIComponent('防災')}&organization=asahi,sumiyoshi&fiscalYear=2017..2023&limit=100`)).body.data
  t.ok(search.length > 0)
  t.ok(search.every((h: any) => ['asahi-2017', 'sumiyoshi-2023'].includes(h.planId)), 'search within both, not the FY2025 draft')
  t.same([...new Set(search.map((h: any) => h.planId))].sort(), ['asahi-2017', 'sumiyoshi-2023'])

  for (const bad of ['2017-2022', '17', '2017..2022..2023', '..']) {
    const response = await getJson(app, `/v1/plans?fiscalYear=${bad}`)
    t.equal(response.status, 400, `fiscalYear=${bad}`)
  }
  t.equal((await getJson(app, '/v1/plans?fiscalYear=1900..2017')).body.parameter, 'fiscalYear', 'a range end out of bounds is named as REST spells it')

  const gql = await app.inject({
    method: 'POST',
    url: '/graphql',
    payload: { query: '{ plans(organization: "asahi,kita", fiscalYearFrom: 2017, fiscalYearTo: 2022) { data { id } } }' },
  })
  t.same(gql.json().data.plans.data.map((p: any) => p.id), ['asahi-2017', 'kita-2022'])
})
