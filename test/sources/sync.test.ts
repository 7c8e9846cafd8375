// npm run sync's function against a catalogue of pages on loopback: each page
// reported (new, changed, unchanged, failed with why), failed pages leave the
// database as it was for them, a second sync finds the pages unchanged.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { openDatabase } from '../../src/db/connection.js'
import { type PageReport, reportLine, syncCatalogue } from '../../src/importer/sync-catalogue.js'
import { readCatalogue } from '../../src/sources/catalogue.js'
import { OPENINGS_DIR, SEED_DIR, SEED_PLAN, tempDir } from '../helper.js'
import { type Site, startSite } from './loopback.js'
import { encodePage, planPage } from './plan-page.js'

const seedText = readFileSync(SEED_PLAN, 'utf8')
const kitaText = readFileSync(join(OPENINGS_DIR, 'kita-2022.txt'), 'utf8')
const asahiPage = encodePage(planPage(seedText, { metaCharset: 'utf-8' }), 'utf-8')
const kitaPage = encodePage(planPage(kitaText), 'shift_jis')

function catalogueOf(t: { teardown(fn: () => unknown): void }, site: Site): string {
  const file = join(tempDir(t, 'sync'), 'catalogue.csv')
  const row = (slug: string, year: number, draft: boolean, path: string) => `${slug},${year},${draft},${site.origin}${path}`
  writeFileSync(
    file,
    [
      'slug,fiscalYear,isDraft,url',
      row('asahi', 2017, false, '/asahi/page/0000397263.html'),
      row('kita', 2022, false, '/kita/page/0000564838.html'),
      row('abeno', 2023, false, '/abeno/page/0000594980.html'),
      row('chuo', 2022, false, '/chuo/page/0000565701.html'),
      row('fukushima', 2017, true, '/fukushima/page/0000390621.html'),
      row('tenki', 2024, false, '/weather.html'),
    ].join('\n'),
  )
  return file
}

function startCitySite(t: { teardown(fn: () => unknown): void }) {
  return startSite(t, {
    '/asahi/page/0000397263.html': { body: asahiPage, etag: '"asahi-v1"' },
    '/kita/page/0000564838.html': { body: kitaPage, contentType: 'text/html; charset=Shift_JIS' },
    // abeno: no route, a 404
    '/chuo/page/0000565701.html': { slowMs: 20_000 },
    '/fukushima/page/0000390621.html': { redirect: '/fukushima/page/0000390621.html' },
    '/weather.html': { body: '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>今日の天気: 晴れ</p></body></html>' },
  })
}

const outcomes = (reports: PageReport[]) => reports.map((r) => [r.entry.slug, r.outcome, r.planId, r.reason ?? null])

t.test('sync reports every page, imports those that changed, and a second sync finds them unchanged', async (t) => {
  const site = await startCitySite(t)
  const entries = readCatalogue(catalogueOf(t, site))
  const connection = openDatabase(':memory:')
  t.teardown(() => connection.close())
  const db = connection.sqlite
  // Long enough for a page on a busy machine; the slow page never comes within it.
  const options = { timeoutMs: 1500, delayMs: 10 }

  const lines: string[] = []
  const first = await syncCatalogue(connection.db, entries, { ...options, onPage: (r) => lines.push(reportLine(r)) })
  t.same(outcomes(first), [
    ['asahi', 'new', 'asahi-2017', null],
    ['kita', 'new', 'kita-2022', null],
    ['abeno', 'failed', null, 'HTTP 404 Not Found'],
    ['chuo', 'failed', null, 'no complete answer within 1500 ms (timeout)'],
    ['fukushima', 'failed', null, `redirect loop: ${site.origin}/fukushima/page/0000390621.html -> ${site.origin}/fukushima/page/0000390621.html`],
    ['tenki', 'failed', null, "not read as a plan: line 2 of its text: no plan title found; expected a title line such as '平成29年度 旭区運営方針' (…年度 …運営方針)"],
  ])
  t.equal(lines.length, 6, 'a line per page, as each is done')
  t.equal(lines[0], `new       asahi-2017                       ${site.origin}/asahi/page/0000397263.html -> asahi-2017 added (9 initiatives, 48,639,000 yen)`)
  t.equal(lines[2], `failed    abeno-2023                       ${site.origin}/abeno/page/0000594980.html: HTTP 404 Not Found`)

  t.same(db.prepare('select id, source_url as sourceUrl, source_file as sourceFile from plans order by id').all(), [
    { id: 'asahi-2017', sourceUrl: `${site.origin}/asahi/page/0000397263.html`, sourceFile: `${site.origin}/asahi/page/0000397263.html` },
    { id: 'kita-2022', sourceUrl: `${site.origin}/kita/page/0000564838.html`, sourceFile: `${site.origin}/kita/page/0000564838.html` },
  ], 'the pages that failed added nothing')
  t.same(db.prepare("select count(*) as n, sum(budget_yen) as yen from initiatives where plan_id = 'asahi-2017'").get(), { n: 9, yen: 48_639_000 })
  const state = () => db.prepare('select url, etag, content_sha256 as sha, plan_id as planId, status, fetched_at as fetchedAt, changed_at as changedAt from page_fetches order by url').all() as any[]
  const afterFirst = state()
  t.same(afterFirst.map((r) => [r.planId, r.etag, r.status]), [['asahi-2017', '"asahi-v1"', 'new'], ['kita-2022', null, 'new']])

  const requestsBefore = site.requests.length
  const second = await syncCatalogue(connection.db, entries, options)
  t.same(second.map((r) => r.outcome), ['unchanged', 'unchanged', 'failed', 'failed', 'failed', 'failed'])
  t.equal(site.requests[requestsBefore].ifNoneMatch, '"asahi-v1"', 'a conditional request for the page with an ETag (answered 304)')
  t.same(state().map((r) => [r.planId, r.sha, r.status, r.changedAt]), afterFirst.map((r) => [r.planId, r.sha, 'unchanged', r.changedAt]), 'same content, same hash')
  t.equal(reportLine(second[1]), `unchanged kita-2022                        ${site.origin}/kita/page/0000564838.html`)
})

t.test('a changed page is imported again; a page that now fails leaves its plan and state as they were', async (t) => {
  const site = await startCitySite(t)
  const entries = readCatalogue(catalogueOf(t, site)).slice(0, 2)
  const connection = openDatabase(':memory:')
  t.teardown(() => connection.close())
  const db = connection.sqlite
  await syncCatalogue(connection.db, entries, { timeoutMs: 2000, delayMs: 0 })
  const planRows = () => db.prepare('select id, imported_at as importedAt, title from plans order by id').all()
  const stateOf = (planId: string) => db.prepare('select * from page_fetches where plan_id = ?').get(planId)
  const asahiBefore = { plans: planRows(), state: stateOf('asahi-2017') }

  // The city edits Kita's page (a new update date) and takes Asahi's page down.
  site.routes.set('/kita/page/0000564838.html', { body: encodePage(planPage(kitaText.replace('2023年6月9日', '2023年7月1日')), 'shift_jis'), contentType: 'text/html; charset=Shift_JIS' })
  site.routes.set('/asahi/page/0000397263.html', { status: 404 })
  const reports = await syncCatalogue(connection.db, entries, { timeoutMs: 2000, delayMs: 0 })
  t.same(outcomes(reports), [['asahi', 'failed', null, 'HTTP 404 Not Found'], ['kita', 'changed', 'kita-2022', null]])
  t.match(reportLine(reports[1]), /-> kita-2022 replaced \(1 initiatives, 77,800,000 yen\)$/)
  t.same(db.prepare("select updated_on as updatedOn from plans where id = 'kita-2022'").get(), { updatedOn: '2023-07-01' }, 'the new content is in')
  t.same(db.prepare("select status from page_fetches where plan_id = 'kita-2022'").get(), { status: 'changed' })
  t.same(stateOf('asahi-2017'), asahiBefore.state, "the failed page's sync state is as it was")
  t.same((planRows() as any[]).filter((p) => p.id === 'asahi-2017'), (asahiBefore.plans as any[]).filter((p) => p.id === 'asahi-2017'), 'and so is its plan')

  // --force fetches without validators and imports again even an unchanged page.
  site.routes.set('/asahi/page/0000397263.html', { body: asahiPage, etag: '"asahi-v1"' })
  const forced = await syncCatalogue(connection.db, entries, { timeoutMs: 2000, delayMs: 0, force: true })
  t.same(forced.map((r) => r.outcome), ['changed', 'changed'])
})

t.test('a page the database refuses is rolled back whole; the next pages go on', async (t) => {
  const site = await startCitySite(t)
  const entries = readCatalogue(catalogueOf(t, site)).slice(0, 2).reverse()
  const connection = openDatabase(':memory:')
  t.teardown(() => connection.close())
  const db = connection.sqlite
  db.exec("CREATE TRIGGER refuse_kita BEFORE INSERT ON plans WHEN NEW.id = 'kita-2022' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END")
  const reports = await syncCatalogue(connection.db, entries, { timeoutMs: 2000, delayMs: 0 })
  t.same(outcomes(reports), [['kita', 'failed', null, 'not imported: refused for the test'], ['asahi', 'new', 'asahi-2017', null]])
  t.same(db.prepare('select id from organizations order by id').all(), [{ id: 'asahi' }], "nothing of Kita's page is left, not even its organization")
  t.same(db.prepare('select plan_id as planId from page_fetches').all(), [{ planId: 'asahi-2017' }])
})

t.test('a catalogue with a bad row is refused naming the line', async (t) => {
  const file = join(tempDir(t, 'catalogue'), 'catalogue.csv')
  writeFileSync(file, 'slug,fiscalYear,isDraft,url\nasahi,2017,false,https://www.city.osaka.lg.jp/asahi/page/0000397263.html\nkita,R4,false,https://example.jp/\n')
  t.throws(() => readCatalogue(file), { message: `${file}:3: fiscalYear 'R4' is not a year` })
  writeFileSync(file, 'slug,year,url\n')
  t.throws(() => readCatalogue(file), { message: /missing column\(s\)/ })
  writeFileSync(file, 'slug,fiscalYear,isDraft,url\nasahi,2017,false,https://www.city.osaka.lg.jp/asahi/page/0000397263.html\nasahi,2018,false,https://www.city.osaka.lg.jp/asahi/page/0000397263.html\n')
  t.throws(() => readCatalogue(file), { message: `${file}:3: url https://www.city.osaka.lg.jp/asahi/page/0000397263.html is listed twice (first on line 2)` })
  writeFileSync(file, 'slug,fiscalYear,isDraft,url\nasahi,1900,false,https://www.city.osaka.lg.jp/asahi/page/0000397263.html\n')
  t.throws(() => readCatalogue(file), { message: `${file}:2: fiscalYear '1900' is not a year` })
})

t.test("the city's catalogue reads: 107 pages", async (t) => {
  const file = [join(SEED_DIR, 'catalogue.csv'), join(SEED_DIR, '../../shared/catalogue.csv')].find((f) => existsSync(f))
  if (!file) {
    t.comment('no catalogue.csv in seed/ or ../shared/')
    return
  }
  const entries = readCatalogue(file)
  t.equal(entries.length, 107)
  t.same(entries[6], { slug: 'asahi', fiscalYear: 2017, isDraft: false, url: 'https://www.city.osaka.lg.jp/asahi/page/0000397263.html', line: 8 })
})
