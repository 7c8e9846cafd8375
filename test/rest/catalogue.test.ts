// The whole seed as a fresh `npm start` serves it: the seed plan, the 41
// openings marked as excerpts, and the catalogue of known plan pages.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { openDatabase } from '../../src/db/connection.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { readSeedCatalogue } from '../../src/importer/catalogue.js'
import { planIdOf, readCatalogue } from '../../src/sources/catalogue.js'
import { readPlanFile } from '../../src/importer/read-plan-file.js'
import { OPENINGS_DIR, SEED_DIR, SEED_PLAN, getJson, tempDir } from '../helper.js'

const OPENINGS = readdirSync(OPENINGS_DIR).filter((name) => name.endsWith('.txt'))
// One app over the whole seed for the tests that only read (seeding 42 plans is the slow part);
// no load shedding, which a busy test machine could trigger between two of its many requests.
const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, maxEventLoopDelay: 0 })
t.teardown(() => app.close())

t.test('seed/ ships every opening and the catalogue; /v1/meta counts them by completeness', async (t) => {
  t.ok(OPENINGS.every((name) => readFileSync(join(SEED_DIR, name)).equals(readFileSync(join(OPENINGS_DIR, name)))), 'every opening is in seed/, byte for byte')
  const { body: meta } = await getJson(app, '/v1/meta')
  t.equal(meta.counts.plans, 1 + OPENINGS.length)
  t.same(meta.counts.plansByCompleteness, { complete: 1, excerpt: OPENINGS.length, attachments: 0 }, 'the seed plan is whole, the openings are excerpts')
  t.equal(meta.counts.catalogueEntries, 107)
  t.equal(meta.counts.catalogueEntriesNotLoaded, 107 - 42, 'each loaded plan matches its catalogue entry')
  t.ok(meta.counts.organizations >= 20, `${meta.counts.organizations} organizations`)
  const years = meta.sources.map((s: any) => s.fiscalYear)
  t.same([Math.min(...years), Math.max(...years)], [2013, 2026])
  const kita = meta.sources.find((s: any) => s.planId === 'kita-2022')
  t.same({ city: kita.city, completeness: kita.completeness }, { city: '大阪市', completeness: 'excerpt' })
})

t.test('coverage: organizations by fiscal years, loaded or only catalogued', async (t) => {
  const { body: meta } = await getJson(app, '/v1/meta')
  const row = (id: string) => meta.coverage.find((o: any) => o.organizationId === id)
  t.same(
    row('asahi').fiscalYears.map((y: any) => [y.fiscalYear, y.isDraft, y.planId, y.completeness, y.inCatalogue]),
    [
      [2014, false, 'asahi-2014', 'excerpt', true],
      [2016, false, 'asahi-2016', 'excerpt', true],
      [2017, false, 'asahi-2017', 'complete', true],
      [2019, false, null, null, true],
      [2021, false, null, null, true],
      [2025, true, 'asahi-2025-draft', 'excerpt', true],
    ],
  )
  t.same(row('hirano').fiscalYears.map((y: any) => [y.fiscalYear, y.isDraft, y.planId]), [[2018, true, null], [2023, true, null], [2023, false, 'hirano-2023']], 'a year with a draft and a final plan')
  t.same(row('minato'), {
    organizationId: 'minato',
    name: '港区',
    city: '大阪市',
    fiscalYears: [
      { fiscalYear: 2022, isDraft: false, planId: null, completeness: null, inCatalogue: true, url: 'https://www.city.osaka.lg.jp/minato/page/0000565017.html' },
      { fiscalYear: 2023, isDraft: false, planId: null, completeness: null, inCatalogue: true, url: 'https://www.city.osaka.lg.jp/minato/page/0000596302.html' },
    ],
  }, 'an organization known only from the catalogue, named from its address')
  t.same(row('shimin').fiscalYears.map((y: any) => y.planId), ['shimin-2025'], "the catalogue's slug shiminkyoku is the city's /shimin/ pages")
  t.same([row('sakai-higashi').name, row('sakai-higashi').city], ['東区', '堺市'])
  t.same([row('yokohama-naka').city, row('yokohama-naka').fiscalYears.map((y: any) => y.planId)], ['横浜市', ['yokohama-naka-2022', null]])
  t.same([row('fukuoka-nishi').name, row('fukuoka-nishi').city], [null, '福岡市'], 'its name unknown until its text is read: not guessed')
})

t.test('other cities keep their city, and their credit names their own site', async (t) => {
  t.same((await getJson(app, '/v1/organizations/sakai-nishi')).body, { id: 'sakai-nishi', name: '西区', kind: 'ward', code: null, city: '堺市', url: '/v1/organizations/sakai-nishi' })
  t.same((await getJson(app, '/v1/organizations/nishi')).body.city, '大阪市')
  const { body: meta } = await getJson(app, '/v1/meta')
  t.same(meta.attributions.map((a: any) => a.city), ['大阪市', '堺市', '横浜市'])
  t.match(meta.attributions[1].attribution, /^出典: 堺市ホームページ \(https:\/\/www\.city\.sakai\.lg\.jp\/\)/)
  t.match(meta.attributions[2].attribution, /横浜市ホームページ \(https:\/\/www\.city\.yokohama\.lg\.jp\/\)/)
  t.notMatch(meta.attributions[1].attribution, /大阪/, "Sakai's credit does not name Osaka")
  t.equal(meta.attribution, meta.attributions.map((a: any) => a.attribution).join(' / '))
  const page = (await app.inject({ url: '/' })).body
  t.match(page, /<td>堺市西区<\/td><td>2022<\/td>/, 'the landing page names the city with the ward')
  t.match(page, /<td>横浜市中区<\/td>/)
  t.match(page, /class="completeness-excerpt">抜粋/, 'and says which plans are excerpts')
  t.match(page, /41 plans are not complete/, 'and that the budget total holds only what they hold')
  t.match(page, /https:\/\/www\.city\.osaka\.lg\.jp\/minato\/page\/0000565017\.html/, 'and lists the pages known but not loaded')
})

t.test('GET /v1/catalogue: known pages, loaded or not, never counted as plans', async (t) => {
  t.equal((await getJson(app, '/v1/catalogue')).body.page.total, 107)
  t.equal((await getJson(app, '/v1/catalogue?loaded=false')).body.page.total, 65)
  t.equal((await getJson(app, '/v1/plans')).body.page.total, 42, 'catalogue entries are not plans')
  const asahi = (await getJson(app, '/v1/catalogue?organization=asahi&loaded=true')).body.data
  t.same(asahi.map((e: any) => [e.planId, e.completeness]), [['asahi-2014', 'excerpt'], ['asahi-2016', 'excerpt'], ['asahi-2017', 'complete'], ['asahi-2025-draft', 'excerpt']])
  t.same((await getJson(app, '/v1/catalogue?fiscalYear=2023&isDraft=true')).body.data, [
    { organizationId: 'hirano', organizationName: '平野区', city: '大阪市', fiscalYear: 2023, isDraft: true, url: 'https://www.city.osaka.lg.jp/hirano/page/0000591630.html', planId: null, completeness: null },
  ])
  const paged: string[] = []
  let url = '/v1/catalogue?limit=40'
  for (let i = 0; i < 5 && url; i++) {
    const { body } = await getJson(app, url)
    paged.push(...body.data.map((e: any) => e.url))
    url = body.page.nextCursor ? `/v1/catalogue?limit=40&cursor=${body.page.nextCursor}` : ''
  }
  t.equal(new Set(paged).size, 107, 'pages cover every entry once')
  const csv = (await app.inject({ url: '/v1/catalogue?format=csv&organization=minato' })).body.trimEnd().split('\n')
  t.same(csv, ['\uFEFForganizationId,organizationName,city,fiscalYear,isDraft,url,planId,completeness', 'minato,港区,大阪市,2022,false,https://www.city.osaka.lg.jp/minato/page/0000565017.html,,', 'minato,港区,大阪市,2023,false,https://www.city.osaka.lg.jp/minato/page/0000596302.html,,'])
  t.equal((await app.inject({ url: '/v1/catalogue?loaded=perhaps' })).json().parameter, 'loaded')
  const graphql = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ catalogue(organization: "minato", limit: 100) { data { organizationId organizationName city fiscalYear isDraft url planId completeness } page { limit nextCursor total } } }' } })
  t.same(graphql.json().data.catalogue, (await getJson(app, '/v1/catalogue?organization=minato&limit=100')).body, 'GraphQL answers the same')
})

t.test('budget rows say when they mix in plans that are not complete', async (t) => {
  const byOrganization = (await getJson(app, '/v1/budgets?groupBy=organization&limit=100')).body.data
  const asahi = byOrganization.find((r: any) => r.key === 'asahi')
  t.same(asahi, { key: 'asahi', label: '大阪市旭区', totalYen: 48_639_000, budgetedCount: 7, unbudgetedCount: 2, share: asahi.share, planCount: 4, incompletePlanCount: 3, allPlansComplete: false, settlementYen: null, settlementFiscalYear: null }, "Asahi's total covers only FY2017 of its 4 plans")
  t.ok(byOrganization.every((r: any) => r.key === 'asahi' || !r.allPlansComplete), 'every other organization has only excerpts')
  t.same((await getJson(app, '/v1/budgets?groupBy=organization&fiscalYear=2017&organization=asahi')).body.data.map((r: any) => [r.totalYen, r.planCount, r.allPlansComplete]), [[48_639_000, 1, true]], 'within FY2017, the whole plan')
  const kita = (await getJson(app, '/v1/budgets?groupBy=plan&plan=kita-2022')).body.data[0]
  t.same([kita.label, kita.allPlansComplete, kita.incompletePlanCount], ['大阪市 令和4年度北区運営方針', false, 1])
  t.same((await getJson(app, '/v1/budgets?groupBy=fiscalYear&fiscalYear=2017')).body.data[0].planCount, 5, 'FY2017: the seed plan and 4 openings')
  const csv = (await app.inject({ url: '/v1/budgets?groupBy=plan&format=csv&limit=100' })).body.trimEnd().split('\n')
  t.ok(csv[0].endsWith(',planCount,incompletePlanCount,allPlansComplete'))
  t.ok(csv.some((line) => line.startsWith('asahi-2017,') && line.endsWith(',1,0,true')))
  t.ok(csv.some((line) => line.startsWith('kita-2022,') && line.endsWith(',1,1,false')), 'a CSV never shows an excerpt as complete')
  const graphql = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ budgets(groupBy: organization, organization: "kita") { data { key planCount incompletePlanCount allPlansComplete } } }' } })
  t.same(graphql.json().data.budgets.data, [{ key: 'kita', planCount: 1, incompletePlanCount: 1, allPlansComplete: false }])
})

t.test('flat rows and search hits carry their plan\'s completeness', async (t) => {
  const search = await getJson(app, `/v1/search?q=${encodeURIComponent('防災')}&limit=100`)
  t.equal(search.status, 200, JSON.stringify(search.body).slice(0, 300))
  const hits = search.body.data
  t.ok(hits.some((h: any) => h.planId === 'asahi-2017' && h.planCompleteness === 'complete'))
  t.ok(hits.some((h: any) => h.planId === 'kita-2022' && h.planCompleteness === 'excerpt'))
  t.same((await getJson(app, '/v1/initiatives?plan=kita-2022')).body.data.map((i: any) => i.planCompleteness), ['excerpt'])
  t.same((await getJson(app, '/v1/plans?completeness=complete')).body.data.map((p: any) => p.id), ['asahi-2017'])
  const plansCsv = (await app.inject({ url: '/v1/plans?format=csv&organization=kita' })).body.split('\n')
  t.match(plansCsv[0], /,isDraft,completeness,/)
  t.match(plansCsv[1], /^kita-2022,kita,北区,2022,.*,false,excerpt,/)
})

t.test('the seed and npm run sync read the catalogue alike: one reader, one plan id per page', async (t) => {
  const file = join(SEED_DIR, 'catalogue.csv')
  const entries = readCatalogue(file)
  const rows = readSeedCatalogue(SEED_DIR)!
  t.same(rows.map((r) => [r.url, r.planId]), entries.map((e) => [e.url, planIdOf(e)]))
  const fukuoka = rows.find((r) => r.slug === 'fukuoka-nishi')!
  t.same([fukuoka.organizationId, fukuoka.city, fukuoka.planId], ['fukuoka-nishi', '福岡市', 'fukuoka-nishi-2024'], "Fukuoka's /nishiku/ page is fukuoka-nishi, as a plan parsed from it would be")
  t.same(rows.find((r) => r.slug === 'shiminkyoku')?.planId, 'shimin-2025', "the city's /shimin/ pages")
})

t.test('a catalogue that cannot be read names its line', async (t) => {
  const dir = tempDir(t, 'catalogue')
  const file = join(dir, 'catalogue.csv')
  writeFileSync(file, 'slug,fiscalYear,isDraft,url\r\nasahi,2017,false,https://www.city.osaka.lg.jp/asahi/page/0000397263.html\r\nasahi,H29,false,https://x.example/\r\n')
  t.throws(() => readCatalogue(file), { message: `${file}:3: fiscalYear 'H29' is not a year` })
  writeFileSync(file, 'slug,fiscalYear,isDraft,url\nasahi,2017,yes,https://www.city.osaka.lg.jp/asahi/page/0000397263.html\n')
  t.throws(() => readCatalogue(file), { message: /:2: isDraft 'yes' is neither true nor false/ })
})

t.test('a database seeded before the catalogue existed gets it at start, its plans kept', async (t) => {
  const dir = tempDir(t, 'catalogue-start')
  const databasePath = join(dir, 'plans.db')
  const old = openDatabase(databasePath)
  importPlans(old.db, [{ plan: readPlanFile(SEED_PLAN) }])
  old.close()
  const app = await buildApp({ databasePath, seedDir: SEED_DIR })
  t.teardown(() => app.close())
  t.equal((await getJson(app, '/v1/plans')).body.page.total, 1, 'no plan added: the database was not empty')
  t.equal((await getJson(app, '/v1/catalogue?loaded=false')).body.page.total, 106)
})
