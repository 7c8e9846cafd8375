// GET /v1/{list}.csv and .jsonl: every matching row, with the list's filters and sort, streamed without paging.
import { gunzipSync } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import t from 'tap'
import { SEED_DIR, build, getJson } from '../helper.js'

/** A JSON Lines row cut to the keys of the JSON list's row: the lines add their table's columns (organizationName…). */
const asListRow = (line: Record<string, unknown>, listRow: Record<string, unknown>) => Object.fromEntries(Object.keys(listRow).map((key) => [key, line[key]]))

/** Every row of a paged JSON list, following nextCursor. */
async function allPages(app: Awaited<ReturnType<typeof build>>, url: string): Promise<any[]> {
  const rows: any[] = []
  let cursor: string | null = null
  do {
    const { body }: { body: any } = await getJson(app, `${url}${url.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`)
    rows.push(...body.data)
    cursor = body.page.nextCursor
  } while (cursor)
  return rows
}

t.test('.jsonl and .csv hold every row of the paged list, in its order', async (t) => {
  const app = await build(t, SEED_DIR)
  const catalogue = await allPages(app, '/v1/catalogue')
  t.ok(catalogue.length > 100, `more rows (${catalogue.length}) than one page holds`)
  const wholeCatalogue = (await app.inject({ url: '/v1/catalogue.jsonl' })).body.trimEnd().split('\n').map((line) => JSON.parse(line))
  t.same(wholeCatalogue, catalogue, 'streamed across pages, none twice, none missing')

  const paged = await allPages(app, '/v1/initiatives?sort=-budget')
  t.equal(paged[0].budget.amountYen, Math.max(...paged.map((r) => r.budget?.amountYen ?? 0)), 'the sort is kept')

  const jsonl = await app.inject({ url: '/v1/initiatives.jsonl?sort=-budget' })
  t.equal(jsonl.statusCode, 200)
  t.match(jsonl.headers['content-type'], /^application\/jsonl; charset=utf-8$/)
  t.equal(jsonl.headers.link, undefined, 'nothing to page')
  const lines = jsonl.body.trimEnd().split('\n').map((line) => JSON.parse(line))
  t.same(lines.map((line, i) => asListRow(line, paged[i])), paged, 'the same rows and order as every page of the JSON list')
  const top = lines[0]
  t.same([top.organizationId, top.fiscalYear], [top.planId.split('-')[0], Number(top.planId.split('-')[1])], 'each line adds its plan\'s organization and fiscal year')
  t.same(lines[0].budget, { amountYen: lines[0].budget.amountYen, fiscalYear: lines[0].budget.fiscalYear, text: lines[0].budget.text })

  const csv = await app.inject({ url: '/v1/initiatives.csv?sort=-budget' })
  t.match(csv.headers['content-type'], /^text\/csv/)
  t.equal(csv.headers['content-disposition'], 'attachment; filename="initiatives.csv"')
  const records = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[]
  t.equal(records.length, paged.length)
  t.same(records.map((r) => r.id), paged.map((r) => r.id))

  const asahi = parse((await app.inject({ url: '/v1/initiatives.csv?plan=asahi-2017' })).body, { bom: true, columns: true }) as Record<string, string>[]
  t.equal(asahi.length, 9, 'filters as on the list: the seed plan has 9 initiatives')
  t.equal(asahi.reduce((sum, r) => sum + Number(r.budgetYen || 0), 0), 48_639_000)
})

t.test('every list has both, with the same filters', async (t) => {
  const app = await build(t, SEED_DIR)
  for (const [path, query] of [
    ['organizations', ''],
    ['plans', 'organization=asahi'],
    ['issues', 'plan=asahi-2017'],
    ['strategies', 'plan=asahi-2017'],
    ['catalogue', 'organization=asahi'],
    ['budgets', 'groupBy=plan'],
    ['search', `q=${encodeURIComponent('防災')}`],
  ]) {
    const paged = await allPages(app, `/v1/${path}?${query}`)
    const jsonl = (await app.inject({ url: `/v1/${path}.jsonl?${query}` })).body
    const lines = jsonl === '' ? [] : jsonl.trimEnd().split('\n').map((line) => JSON.parse(line))
    t.same(lines.map((line, i) => asListRow(line, paged[i])), paged, `${path}.jsonl`)
    const csv = parse((await app.inject({ url: `/v1/${path}.csv?${query}` })).body, { bom: true, columns: true })
    t.equal(csv.length, paged.length, `${path}.csv`)
  }
  const plans = (await app.inject({ url: '/v1/plans.jsonl?organization=asahi' })).body.trimEnd().split('\n').map((line) => JSON.parse(line).id)
  t.same(plans, ['asahi-2014', 'asahi-2016', 'asahi-2017', 'asahi-2025-draft'])
  const empty = await app.inject({ url: '/v1/plans.csv?organization=nowhere' })
  t.equal(
    empty.body,
    '\uFEFFid,organizationId,organizationName,fiscalYear,fiscalYearLabel,title,isDraft,completeness,pageId,updatedOn,sourceUrl,importedAt,updatedAt,goals,goalsText,missions,missionsText,policy,contactDepartment,contactPostalCode,contactAddress,contactPhone,contactFax\n',
    'no rows: the header alone',
  )

  const bad = await app.inject({ url: '/v1/initiatives.csv?limit=5' })
  t.equal(bad.statusCode, 400, 'no paging parameters')
  t.match(bad.headers['content-type'], /problem\+json/)
  t.equal((await app.inject({ url: '/v1/budgets.jsonl' })).statusCode, 400, 'groupBy is still required')
  t.equal((await app.inject({ url: '/v1/budgets.jsonl?groupBy=strategy&source=issues' })).statusCode, 400, 'a service refusal is a 400, not a broken stream')
})

t.test('whole lists: HEAD reads no rows, JSON Lines are compressed, a q of no letters is refused', async (t) => {
  const app = await build(t)
  const head = await app.inject({ method: 'HEAD', url: '/v1/initiatives.jsonl' })
  t.same([head.statusCode, head.headers['content-type'], head.body], [200, 'application/jsonl; charset=utf-8', ''])
  const gzip = await app.inject({ url: '/v1/initiatives.jsonl', headers: { 'accept-encoding': 'gzip' } })
  t.equal(gzip.headers['content-encoding'], 'gzip', 'JSON Lines are text, compressed when asked')
  t.equal(gunzipSync(gzip.rawPayload).toString(), (await app.inject({ url: '/v1/initiatives.jsonl' })).body)
  for (const q of [' ', '\u0000', '!!', '。']) {
    const refused = await app.inject({ url: `/v1/initiatives.csv?q=${encodeURIComponent(q)}` })
    t.same([refused.statusCode, refused.json().parameter], [400, 'q'], `q=${JSON.stringify(q)}: refused, not ignored`)
  }
})

t.test('whole lists: fields picks CSV columns and JSON Lines keys, and an ETag answers 304', async (t) => {
  const app = await build(t)
  // JSON Lines rows hold what their table adds (organizationName, fiscalYear): fields may name it.
  const lines = (await app.inject({ url: '/v1/initiatives.jsonl?fields=id,fiscalYear,organizationName,budget' })).body.trim().split('\n').map((l) => JSON.parse(l))
  t.equal(lines.length, 9)
  t.same(lines[0], { id: 'asahi-2017.1-1-1', budget: { amountYen: 7133000, fiscalYear: 2017, text: '(平成29年度予算額:7,133千円)' }, organizationName: '旭区', fiscalYear: 2017 }, 'the keys named, in the row\'s order')
  const csv = parse((await app.inject({ url: '/v1/initiatives.csv?fields=id,budgetYen,points' })).body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]
  t.same(Object.keys(csv[0]), ['id', 'points', 'pointsText', 'budgetYen'], 'the CSV keeps the columns named, a list with its text beside it')
  t.same(csv.map((row) => row.budgetYen).filter(Boolean).map(Number).reduce((a, b) => a + b, 0), 48_639_000)
  for (const [url, parameter] of [['/v1/initiatives.csv?fields=budget', 'fields'], ['/v1/initiatives.jsonl?fields=budgetYen', 'fields']]) {
    const refused = await app.inject({ url })
    t.same([refused.statusCode, refused.json().parameter], [400, parameter], `${url}: a name the rows do not hold is refused`)
  }
  for (const url of ['/v1/plans.csv', '/v1/initiatives.jsonl?fields=id', '/v1/strategies.csv?plan=asahi-2017']) {
    const first = await app.inject({ url })
    t.match(first.headers.etag, /^"[^"]+"$/, `${url}: an ETag`)
    t.equal((await app.inject({ url })).headers.etag, first.headers.etag, 'the same for the same data and query')
    const again = await app.inject({ url, headers: { 'if-none-match': first.headers.etag as string } })
    t.same([again.statusCode, again.body], [304, ''], 'If-None-Match: 304')
  }
  t.not((await app.inject({ url: '/v1/plans.csv?fields=id' })).headers.etag, (await app.inject({ url: '/v1/plans.csv' })).headers.etag, 'other columns, another ETag')
})
