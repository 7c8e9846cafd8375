// GET /v1/compare and GraphQL's compare: real changes between the published
// texts of Asahi's plans, and budget changes between the seed plan and a
// modified copy imported under another year (built here, never seeded).
import { readFileSync } from 'node:fs'
import t from 'tap'
import { importPlans } from '../../src/importer/import-plans.js'
import { parsePlan } from '../../src/plans/parse.js'
import { SEED_DIR, SEED_PLAN, build, getJson } from '../helper.js'

const app = await build(t, SEED_DIR)

/** The seed plan as FY2018 (asahi-2018): one budget raised, one made "-円", an initiative dropped, one retitled, strategy 4-2 renumbered 4-1. */
function modifiedSeedText(): string {
  return readFileSync(SEED_PLAN, 'utf8')
    .replaceAll('平成29年度', '平成30年度')
    .replace('(平成30年度予算額:7,133千円)', '(平成30年度予算額:8,000千円)')
    .replace('(平成30年度予算額:845千円)', '(平成30年度予算額:-円)')
    .replace(/【具体的取組1-2-1[\s\S]*?27,546千円\)\n/, '')
    .replace('あさひキッズネットの充実・強化', 'あさひキッズネットの充実')
    .replace('戦略4-2', '戦略4-1')
    .replace('具体的取組4-2-1', '具体的取組4-1-1')
    .replace('具体的取組4-2-2', '具体的取組4-1-2')
}
importPlans(app.db, [{ plan: parsePlan(modifiedSeedText(), 'asahi-2018.txt') }])

t.test('asahi-2014 to asahi-2016: the goals and missions were rewritten', async (t) => {
  const { status, body } = await getJson(app, '/v1/compare?from=asahi-2014&to=asahi-2016')
  t.equal(status, 200)
  t.equal(body.from.id, 'asahi-2014')
  t.equal(body.to.title, '平成28年度 旭区運営方針')
  t.same(body.goals.unchanged, [])
  t.same(body.goals.changed, [
    { from: '元気で活力ある旭区づくり', to: 'にぎわいがあり活力ある旭区づくり', similarity: 0.615 },
    { from: '安全で安心できる旭区づくり', to: '災害に強い安全で安心な旭区づくり', similarity: 0.593 },
  ])
  t.same(body.goals.added, ['子育てしやすい旭区づくり'])
  t.same(body.goals.removed, ['やさしくて、あたたかい旭区づくり'])
  t.same(body.missions.unchanged, [])
  t.same(body.missions.changed, [])
  t.equal(body.missions.added[0], '地域資源である城北公園などの活用と商店街の活性化によるにぎわいの創出とまちの魅力の情報発信')
  t.equal(body.missions.removed[2], '信頼感に溢れ、区民ニーズに迅速・的確に対応できる区役所機能の充実')
  t.equal(body.policy.changed, true)
  // Both are excerpts: the issue 1 of 2014 is cut before its title, so it is matched by number alone.
  t.same(body.issues.matched.map((m: any) => [m.from.id, m.to.id, m.matchedBy, m.similarity]), [['asahi-2014.1', 'asahi-2016.1', 'number', null]])
  t.same(
    body.parts.filter((p: any) => p.from !== 'whole').map((p: any) => p.part),
    ['issues', 'strategies', 'initiatives', 'budgets'],
  )
  t.equal(body.notCompared.length, 8, 'each excerpt says its issues, strategies, initiatives and budgets could not be compared')
  t.same(body.budgetTotal, { fromYen: null, toYen: null, changeYen: null, matchedChangeYen: null, complete: false })
})

t.test('asahi-2016 to asahi-2017: goals, missions and policy kept; the later issues only in the complete plan', async (t) => {
  const { body } = await getJson(app, '/v1/compare?from=asahi-2016&to=asahi-2017')
  t.same(body.goals, { unchanged: ['にぎわいがあり活力ある旭区づくり', '子育てしやすい旭区づくり', '災害に強い安全で安心な旭区づくり'], changed: [], added: [], removed: [] })
  t.equal(body.missions.unchanged.length, 3)
  t.same(body.policy, { changed: false, similarity: 1 })
  t.same(body.issues.matched, [
    {
      matchedBy: 'number',
      similarity: 1,
      retitled: false,
      from: { id: 'asahi-2016.1', number: '1', title: 'にぎわいがあり活力あるまちづくりの推進' },
      to: { id: 'asahi-2017.1', number: '1', title: 'にぎわいがあり活力あるまちづくりの推進' },
    },
  ])
  t.same(
    body.issues.added.map((i: any) => i.title),
    ['安心して子育てができるあたたかいまちづくりの推進', '災害に強い、安全で安心なまちづくりの推進', '区民サービスの充実'],
  )
  t.equal(body.strategies.added.length, 5, 'the 5 strategies of 2017')
  t.same(
    body.notCompared.map((n: any) => [n.part, n.planId, n.read]),
    ['issues', 'strategies', 'initiatives', 'budgets'].map((part) => [part, 'asahi-2016', 'partial']),
  )
  t.match(body.notCompared[0].reason, /excerpt/)
  t.same(body.budgetTotal, { fromYen: null, toYen: 48_639_000, changeYen: null, matchedChangeYen: null, complete: false })
})

t.test('a constructed pair: budget changes per initiative and in total, "-円" is no amount', async (t) => {
  const { body } = await getJson(app, '/v1/compare?from=asahi-2017&to=asahi-2018')
  t.same(body.notCompared, [], 'both plans are complete')
  t.same(body.budgetTotal, { fromYen: 48_639_000, toYen: 21_115_000, changeYen: -27_524_000, matchedChangeYen: 867_000, complete: true })
  const byId = new Map(body.initiatives.matched.map((m: any) => [m.from.id, m]))
  const raised: any = byId.get('asahi-2017.1-1-1')
  t.equal(raised.budget.changeYen, 867_000)
  t.equal(raised.budget.from.text, '(平成29年度予算額:7,133千円)')
  t.equal(raised.budget.to.amountYen, 8_000_000)
  const dashed: any = byId.get('asahi-2017.1-1-2')
  t.equal(dashed.budget.from.amountYen, 845_000)
  t.equal(dashed.budget.to.amountYen, null)
  t.equal(dashed.budget.changeYen, null, 'a change to "-円" is not a change to 0')
  t.same(body.initiatives.removed, [{ id: 'asahi-2017.1-2-1', number: '1-2-1', title: '地域活動協議会の運営支援' }])
  t.same(body.initiatives.added, [])
  const retitled: any = byId.get('asahi-2017.2-3-2')
  t.same([retitled.matchedBy, retitled.retitled, retitled.to.title], ['number', true, 'あさひキッズネットの充実'])
  t.ok(retitled.similarity > 0.5 && retitled.similarity < 1)
  const renumbered: any = body.strategies.matched.find((m: any) => m.from.number === '4-2')
  t.same([renumbered.to.number, renumbered.matchedBy, renumbered.similarity, renumbered.retitled], ['4-1', 'title', 1, false])
  const moved: any = byId.get('asahi-2017.4-2-1')
  t.same([moved.to.id, moved.matchedBy, moved.budget.changeYen], ['asahi-2018.4-1-1', 'title', null])
})

t.test('GraphQL compare answers as REST does', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    payload: {
      query: `{ compare(from: "asahi-2017", to: "asahi-2018") { from { id organization { name } } to { id } budgetTotal { fromYen toYen changeYen complete }
        initiatives { matched { from { id } matchedBy budget { from { amountYen } to { amountYen } changeYen } } removed { number title } } goals { unchanged } } }`,
    },
  })
  const { data, errors } = response.json()
  t.equal(errors, undefined)
  const rest = (await getJson(app, '/v1/compare?from=asahi-2017&to=asahi-2018')).body
  t.equal(data.compare.from.organization.name, '旭区')
  t.same(data.compare.budgetTotal, { fromYen: 48_639_000, toYen: 21_115_000, changeYen: -27_524_000, complete: true })
  t.same(
    data.compare.initiatives.matched.map((m: any) => [m.from.id, m.budget.changeYen]),
    rest.initiatives.matched.map((m: any) => [m.from.id, m.budget.changeYen]),
  )
  t.same(data.compare.initiatives.removed, [{ number: '1-2-1', title: '地域活動協議会の運営支援' }])
  const unknown = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ compare(from: "asahi-2017", to: "nowhere-1999") { from { id } } }' } })
  t.same(unknown.json(), { data: { compare: null } })
})

t.test('unknown plans are 404 naming the parameter; missing parameters 400', async (t) => {
  const missing = await getJson(app, '/v1/compare?from=asahi-2017&to=nowhere-1999')
  t.equal(missing.status, 404)
  t.same([missing.body.type, missing.body.parameter, missing.body.detail], ['/problems/not-found', 'to', "no plan with id 'nowhere-1999'"])
  const absent = await getJson(app, '/v1/compare?from=asahi-2017')
  t.equal(absent.status, 400)
  t.equal(absent.body.parameter, 'to')
})
