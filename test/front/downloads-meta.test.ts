// The open-data front door: downloads written on import, /v1/meta, the landing page.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { Ajv } from 'ajv'
import { parse } from 'csv-parse/sync'
import formats from 'ajv-formats'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { DEFAULT_DATASET_INFO } from '../../src/dataset-info.js'
import { openDatabase } from '../../src/db/connection.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { parsePlan } from '../../src/plans/parse.js'
import { readManifest, writeDownloads } from '../../src/publish/downloads.js'
import { DatasetMetaSchema } from '../../src/rest/schemas/meta.js'
import { OPENINGS_DIR, SEED_DIR, SEED_PLAN_DIR } from '../helper.js'

const TOKEN = 'front-door-token-0123456789'

async function buildWithDownloads(t: { teardown(fn: () => unknown): void }, seedDir = SEED_PLAN_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'ward-plans-front-'))
  const app = await buildApp({ databasePath: join(dir, 'plans.db'), seedDir, downloadsDir: join(dir, 'downloads'), adminToken: TOKEN })
  await app.ready()
  t.teardown(() => app.close())
  return { app, dir }
}

t.test('downloads of the seed plan: 9 initiatives, 48,639,000 yen', async (t) => {
  const { app, dir } = await buildWithDownloads(t)
  const meta = (await app.inject({ url: '/v1/meta' })).json()
  const names = meta.downloads.map((d: any) => d.name)
  for (const entity of ['organizations', 'plans', 'issues', 'strategies', 'initiatives']) {
    t.ok(names.includes(`${entity}.csv`) && names.includes(`${entity}.jsonl`), `${entity} as CSV and JSON Lines`)
  }
  t.ok(names.includes('plans.json') && names.includes('ward-plans.sqlite'))

  const csv = await app.inject({ url: '/downloads/initiatives.csv' })
  t.equal(csv.statusCode, 200)
  t.equal(csv.headers['content-disposition'], 'attachment; filename="initiatives.csv"')
  t.ok(csv.headers.etag)
  t.ok(csv.body.startsWith('\uFEFF'), 'UTF-8 with BOM')
  t.equal(csv.body.trimEnd().split('\n').length, 10, 'a header and 9 rows')
  t.equal((await app.inject({ url: '/downloads/initiatives.csv', headers: { 'if-none-match': csv.headers.etag as string } })).statusCode, 304)
  const refusing = await app.inject({ url: '/downloads/initiatives.csv', headers: { accept: 'text/csv;q=0, */*', 'if-none-match': csv.headers.etag as string } })
  t.equal(refusing.statusCode, 406, 'an Accept refusing CSV gets the 406, not a 304 standing for the CSV')
  t.equal(refusing.json().type, '/problems/not-acceptable')
  const gzipped = await app.inject({ url: '/downloads/initiatives.csv', headers: { 'accept-encoding': 'gzip' } })
  t.equal(gzipped.headers['content-encoding'], 'gzip', 'the gzip copy for a client that asks')
  t.equal(gunzipSync(gzipped.rawPayload).toString(), csv.body)
  const listed = meta.downloads.find((d: any) => d.name === 'initiatives.csv')
  t.equal(Number(gzipped.headers['content-length']), listed.gzipBytes, 'its size is in /v1/meta')
  t.ok(listed.gzipBytes < listed.bytes)
  const upper = await app.inject({ url: '/downloads/initiatives.csv', headers: { 'accept-encoding': 'GZIP' } })
  t.equal(upper.headers['content-encoding'], 'gzip', 'a coding named in capitals is the same coding')
  const refused = await app.inject({ url: '/downloads/initiatives.csv', headers: { 'accept-encoding': 'gzip;q=0, identity' } })
  t.notOk(refused.headers['content-encoding'], 'gzip;q=0 is honoured')
  t.equal(refused.body, csv.body)
  const snapshotGz = await app.inject({ url: '/downloads/ward-plans.sqlite', headers: { 'accept-encoding': 'gzip' } })
  t.equal(gunzipSync(snapshotGz.rawPayload).subarray(0, 16).toString(), 'SQLite format 3\u0000', 'the snapshot too')
  t.equal((await app.inject({ url: '/downloads/initiatives.csv.gz' })).statusCode, 404, 'the copies are not listed files')
  t.equal((await app.inject({ url: '/downloads/initiatives.csv', headers: { 'if-none-match': gzipped.headers.etag as string } })).statusCode, 304, 'its weak ETag matches too')

  const lines = (await app.inject({ url: '/downloads/initiatives.jsonl' })).body.trim().split('\n').map((l) => JSON.parse(l))
  t.equal(lines.length, 9)
  t.equal(lines.reduce((sum, i) => sum + (i.budget?.amountYen ?? 0), 0), 48_639_000)

  const dataset = (await app.inject({ url: '/downloads/plans.json' })).json()
  t.match(dataset.attribution, /出典/, 'the licence and attribution travel with the data')
  const initiatives = dataset.plans[0].issues.flatMap((i: any) => i.strategies.flatMap((s: any) => s.initiatives))
  t.equal(initiatives.reduce((sum: number, i: any) => sum + (i.budget?.amountYen ?? 0), 0), 48_639_000)

  const snapshot = join(dir, 'downloads', 'ward-plans.sqlite')
  const answer = execFileSync('sqlite3', [snapshot, 'select count(*) || \',\' || sum(amount_yen) from budgets join initiatives on initiatives.id = budgets.initiative_id'], { encoding: 'utf8' })
  t.equal(answer.trim(), '9,48639000', 'the sqlite3 command opens the snapshot and answers the same')
  const sqlite3 = (query: string) => execFileSync('sqlite3', [snapshot, query], { encoding: 'utf8' }).trim()
  t.equal(sqlite3("select value from dataset_metadata where key = 'license_name'"), meta.license.name, 'the snapshot carries its licence')
  t.equal(sqlite3("select value from dataset_metadata where key = 'license_url'"), meta.license.url)
  t.equal(sqlite3("select value from dataset_metadata where key = 'attribution'"), meta.attribution, 'and the attribution owed')
  t.match(sqlite3("select value from dataset_metadata where key = 'generated_at'"), /^\d{4}-\d\d-\d\dT/)
  const tables = sqlite3("select group_concat(name, ' ') from (select name from sqlite_master where type = 'table' order by name)").split(' ')
  t.ok(['catalogue_entries', 'plans', 'initiatives', 'dataset_metadata'].every((name) => tables.includes(name)), 'the data, the catalogue and its metadata')
  t.same(tables.filter((name) => /^(page_fetches|search_entries|__drizzle_migrations|content_version)/.test(name)), [], "no sync state, search index, migration journal or content token: the service's internals (replicas restore them)")
  t.equal(sqlite3("select count(*) from sqlite_master where type = 'trigger'"), '0', 'nor the triggers that kept the token')
  t.equal(sqlite3("select value from dataset_metadata where key = 'data_version'"), meta.downloads && readManifest(join(dir, 'downloads'))!.dataVersion, 'the data version the set was written from')
  t.equal((await app.inject({ url: '/downloads/nothing.csv' })).statusCode, 404)

  // The API index links the manifest: it answers, inline, the files /v1/meta lists.
  const index = (await app.inject({ url: '/v1' })).json()
  const manifest = await app.inject({ url: index.links.downloads })
  t.equal(manifest.statusCode, 200, `${index.links.downloads} answers`)
  t.match(manifest.headers['content-type'], /^application\/json/)
  t.notOk(manifest.headers['content-disposition'], 'not an attachment')
  t.same(manifest.json().files.map((f: { name: string }) => f.name), names, 'the files /v1/meta lists')
  t.equal((await app.inject({ url: index.links.downloads, headers: { 'if-none-match': manifest.headers.etag as string } })).statusCode, 304, 'with an ETag of its own')
  const refusingJson = await app.inject({ url: index.links.downloads, headers: { accept: 'application/json;q=0, text/html', 'if-none-match': manifest.headers.etag as string } })
  t.equal(refusingJson.statusCode, 406, 'not to an Accept refusing JSON')
})

t.test('downloads are rewritten on import', async (t) => {
  const { app } = await buildWithDownloads(t)
  const before = (await app.inject({ url: '/v1/meta' })).json().downloads.find((d: any) => d.name === 'plans.csv')
  const posted = await app.inject({
    method: 'POST',
    url: '/v1/plans',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
    payload: readFileSync(join(OPENINGS_DIR, 'kita-2022.txt'), 'utf8'),
  })
  t.equal(posted.statusCode, 201)
  const after = (await app.inject({ url: '/v1/meta' })).json().downloads.find((d: any) => d.name === 'plans.csv')
  t.not(after.etag, before.etag)
  t.equal((await app.inject({ url: '/downloads/plans.csv' })).body.trimEnd().split('\n').length, 3)
})

t.test('downloads rewritten by another process (the CLI) are served as they are on disk', async (t) => {
  const { app, dir } = await buildWithDownloads(t)
  const before = (await app.inject({ url: '/v1/meta' })).json().downloads.find((d: any) => d.name === 'plans.csv')
  // What `npm run -s cli -- import` does beside a running server: its own connection, its own write of the downloads.
  const cli = openDatabase(join(dir, 'plans.db'))
  importPlans(cli.db, [{ plan: parsePlan(readFileSync(join(OPENINGS_DIR, 'kita-2022.txt'), 'utf8')) }])
  writeDownloads(cli.db, join(dir, 'downloads'), DEFAULT_DATASET_INFO)
  cli.close()
  const after = (await app.inject({ url: '/v1/meta' })).json().downloads.find((d: any) => d.name === 'plans.csv')
  t.not(after.etag, before.etag)
  const csv = await app.inject({ url: '/downloads/plans.csv' })
  t.equal(Number(csv.headers['content-length']), after.bytes, 'the length served is the file\'s')
  t.equal(csv.body.trimEnd().split('\n').length, 3)
})

t.test('/v1/meta validates against its schema and names the seed plan\'s source page', async (t) => {
  const { app } = await buildWithDownloads(t)
  const meta = (await app.inject({ url: '/v1/meta' })).json()
  const ajv = new Ajv({ strict: false })
  ;(formats as unknown as (ajv: Ajv) => void)(ajv)
  const valid = ajv.validate(DatasetMetaSchema, meta)
  t.ok(valid, JSON.stringify(ajv.errors))
  t.same(meta.sources, [
    {
      planId: 'asahi-2017',
      title: '平成29年度 旭区運営方針',
      organizationId: 'asahi',
      organizationName: '旭区',
      city: '大阪市',
      fiscalYear: 2017,
      isDraft: false,
      completeness: 'complete',
      url: 'https://www.city.osaka.lg.jp/asahi/page/0000397263.html',
    },
  ])
  t.same(meta.counts, {
    organizations: 1,
    plans: 1,
    plansByCompleteness: { complete: 1, excerpt: 0, attachments: 0 },
    catalogueEntries: 0,
    catalogueEntriesNotLoaded: 0,
    issues: 4,
    strategies: 5,
    initiatives: 9,
    budgetedInitiatives: 7,
    budgetTotalYen: 48_639_000,
  })
  t.same(meta.coverage, [
    {
      organizationId: 'asahi',
      name: '旭区',
      city: '大阪市',
      fiscalYears: [{ fiscalYear: 2017, isDraft: false, planId: 'asahi-2017', completeness: 'complete', inCatalogue: false, url: 'https://www.city.osaka.lg.jp/asahi/page/0000397263.html' }],
    },
  ], 'without a catalogue, the loaded plan alone')
  t.same(meta.attributions, [{ city: '大阪市', attribution: DEFAULT_DATASET_INFO.attribution }])
  t.equal(meta.attribution, DEFAULT_DATASET_INFO.attribution, 'Osaka\'s plans alone: Osaka\'s credit alone')
  t.match(meta.lastImportedAt, /^\d{4}-\d\d-\d\dT/)
})

t.test('the landing page', async (t) => {
  const { app } = await buildWithDownloads(t)
  const page = await app.inject({ url: '/' })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /text\/html/)
  t.match(page.body, /<html lang="ja">/)
  t.match(page.body, /平成29年度 旭区運営方針/)
  t.match(page.body, /https:\/\/www\.city\.osaka\.lg\.jp\/asahi\/page\/0000397263\.html/, 'the source page (出典)')
  t.match(page.body, /href="\/docs\/"/)
  t.match(page.body, /href="\/graphiql"/)
  t.match(page.body, /href="\/downloads\/initiatives\.csv"/)
  t.match(page.body, /48,639,000 円/)
  const jsonLd = [...page.body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]))
  t.equal(jsonLd[0]['@type'], 'Dataset')
  t.ok(jsonLd[0].distribution.length >= 12)
  t.same(jsonLd[0].isBasedOn, ['https://www.city.osaka.lg.jp/asahi/page/0000397263.html'])
  t.equal(jsonLd[1]['@type'], 'dcat:Dataset')
})

t.test('downloads of the whole seed say each plan\'s completeness and credit each city', async (t) => {
  const { app, dir } = await buildWithDownloads(t, SEED_DIR)
  // Cells may hold line breaks (a policy's paragraphs): rows are read as CSV, not as lines.
  const plansCsv = parse((await app.inject({ url: '/downloads/plans.csv' })).body, { bom: true, columns: true }) as Record<string, string>[]
  t.equal(plansCsv.length, 42, '42 plans')
  t.match(plansCsv.find((row) => row.id === 'asahi-2017'), { isDraft: 'false', completeness: 'complete' })
  t.equal(plansCsv.filter((row) => row.completeness === 'excerpt').length, 41)
  const plans = (await app.inject({ url: '/downloads/plans.jsonl' })).body.trim().split('\n').map((line) => JSON.parse(line))
  t.same(plans.find((p) => p.id === 'sakai-higashi-2021').completeness, 'excerpt')
  const initiatives = parse((await app.inject({ url: '/downloads/initiatives.csv' })).body, { bom: true, columns: true }) as Record<string, string>[]
  t.match(initiatives.find((row) => row.id === 'kita-2022.1-1-1'), { planId: 'kita-2022', planCompleteness: 'excerpt' }, 'initiative rows say their plan is an excerpt')
  const dataset = (await app.inject({ url: '/downloads/plans.json' })).json()
  t.same(dataset.plans.find((p: any) => p.id === 'yokohama-naka-2022').completeness, 'excerpt')
  t.match(dataset.attribution, /堺市ホームページ \(https:\/\/www\.city\.sakai\.lg\.jp\/\)/, 'Sakai\'s plans credit Sakai\'s site')
  t.match(dataset.attribution, /横浜市ホームページ/)
  const catalogue = (await app.inject({ url: '/downloads/catalogue.csv' })).body.trimEnd().split('\n')
  t.equal(catalogue.length, 108, 'the catalogue as a download: a header and 107 pages')
  const snapshot = join(dir, 'downloads', 'ward-plans.sqlite')
  const answer = execFileSync('sqlite3', [snapshot, "select (select group_concat(completeness || ':' || n) from (select completeness, count(*) as n from plans group by completeness order by completeness)) || ' ' || (select count(*) from catalogue_entries)"], { encoding: 'utf8' })
  t.equal(answer.trim(), 'complete:1,excerpt:41 107', 'the snapshot holds completeness and the catalogue')
})
