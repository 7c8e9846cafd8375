// /v1/budgets?source=issues: the management issues' own 予算額/決算額 lines (FY2023 plans on).
import t from 'tap'
import { SEED_DIR, build, getJson } from '../helper.js'

t.test('issue budget lines are summed, budget beside settlement', async (t) => {
  const app = await build(t, SEED_DIR)
  const initiativesOnly = await getJson(app, '/v1/budgets?groupBy=issue&plan=sumiyoshi-2023')
  t.same(initiativesOnly.body.data, [], 'sumiyoshi-2023 has no initiative budgets')

  const { status, body } = await getJson(app, '/v1/budgets?groupBy=issue&plan=sumiyoshi-2023&source=issues')
  t.equal(status, 200)
  t.same(body.data, [
    {
      key: 'sumiyoshi-2023.1',
      label: '安全で安心して暮らせるまちづくり',
      totalYen: 54_000_000,
      budgetedCount: 1,
      unbudgetedCount: 0,
      share: 1,
      planCount: 1,
      incompletePlanCount: 1,
      allPlansComplete: false,
      settlementYen: 69_000_000,
      settlementFiscalYear: 2021,
    },
  ])

  const byYear = (await getJson(app, '/v1/budgets?groupBy=fiscalYear&source=issues&fiscalYear=2023')).body.data
  t.match(byYear, [{ key: '2023', totalYen: 54_000_000, budgetedCount: 1, settlementYen: 69_000_000 }], "FY2022's 予算額 in the FY2023 plan is not counted twice")

  const csv = await app.inject({ url: '/v1/budgets?groupBy=organization&organization=sumiyoshi&source=issues&format=csv' })
  t.same(csv.body.split('\n').slice(0, 2), [
    '\uFEFFkey,label,planId,organizationId,organizationName,fiscalYear,totalYen,settlementYen,settlementFiscalYear,budgetedCount,unbudgetedCount,share,planCount,incompletePlanCount,allPlansComplete',
    'sumiyoshi,大阪市住吉区,,sumiyoshi,住吉区,,54000000,69000000,2021,1,0,1,1,1,false',
  ])

  const initiativeRows = (await getJson(app, '/v1/budgets?groupBy=plan&plan=asahi-2017')).body.data
  t.match(initiativeRows, [{ key: 'asahi-2017', totalYen: 48_639_000, settlementYen: null, settlementFiscalYear: null }], 'initiative totals carry no settlement')

  const refused = await getJson(app, '/v1/budgets?groupBy=strategy&source=issues')
  t.equal(refused.status, 400)
  t.equal(refused.body.parameter, 'groupBy')
  t.equal((await getJson(app, `/v1/budgets?groupBy=issue&source=issues&q=${encodeURIComponent('防災')}`)).body.parameter, 'q')

  const gql = await app.inject({
    method: 'POST',
    url: '/graphql',
    payload: { query: '{ budgets(groupBy: issue, source: issues, plan: "sumiyoshi-2023") { data { key totalYen settlementYen settlementFiscalYear } } }' },
  })
  t.same(gql.json().data.budgets.data, [{ key: 'sumiyoshi-2023.1', totalYen: 54_000_000, settlementYen: 69_000_000, settlementFiscalYear: 2021 }])
})

t.test('issue budget totals page with their own cursors', async (t) => {
  const app = await build(t, SEED_DIR)
  const first = (await getJson(app, '/v1/budgets?groupBy=issue&source=issues&limit=2')).body
  t.same(first.data.map((r: any) => r.key), ['abeno-2023.1', 'asahi-2014.1'])
  const second = (await getJson(app, `/v1/budgets?groupBy=issue&source=issues&limit=2&cursor=${first.page.nextCursor}`)).body
  t.equal(second.data.length, 2)
  t.ok(second.data[0].key > 'asahi-2014.1')
  const mixed = await getJson(app, `/v1/budgets?groupBy=issue&limit=2&cursor=${first.page.nextCursor}`)
  t.equal(mixed.status, 400, 'an issue-lines cursor is not an initiative-totals cursor')
})
