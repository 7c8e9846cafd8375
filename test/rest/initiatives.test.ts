import t from 'tap'
import { build, getJson } from '../helper.js'

t.test('filters on budgets', async (t) => {
  const app = await build(t)
  const unbudgeted = await getJson(app, '/v1/initiatives?hasBudget=false')
  t.same(unbudgeted.body.data.map((i: any) => i.id), ['asahi-2017.4-2-1', 'asahi-2017.4-2-2'])
  const biggest = await getJson(app, '/v1/initiatives?sort=-budget&limit=1')
  t.equal(biggest.body.data[0].number, '1-2-1')
  t.equal(biggest.body.data[0].budget.amountYen, 27_546_000)
  const big = await getJson(app, '/v1/initiatives?minBudgetYen=5000000')
  t.equal(big.body.page.total, 3)
  t.same(big.body.data.map((i: any) => i.number), ['1-1-1', '1-2-1', '3-1-2'])
  t.equal((await getJson(app, '/v1/initiatives?hasBudget=true&maxBudgetYen=1000000')).body.page.total, 2, '845千円 and 327千円')
  t.same((await getJson(app, '/v1/initiatives?sort=budget&limit=2')).body.data.map((i: any) => i.number), ['2-3-2', '1-1-2'])
})

t.test('q matches words in titles and points, NFKC', async (t) => {
  const app = await build(t)
  const q = async (words: string) => (await getJson(app, `/v1/initiatives?q=${encodeURIComponent(words)}`)).body.data.map((i: any) => i.number)
  t.same(await q('防災'), ['3-1-2'])
  t.same(await q('城北公園'), ['1-1-1'])
  t.same(await q('ｍａｔｅｒｎｉｔｙ'), [], 'no match is an empty list')
  t.same(await q('５Ｓ'), ['4-2-1'], 'full-width 5S matches the published 5S')
  t.same(await q('城北公園 イベント'), ['1-1-1'], 'several words mean AND')
  t.same(await q('100%_'), [], 'LIKE wildcards are literal')
})

t.test('paging with nextCursor returns all 9, none twice', async (t) => {
  const app = await build(t)
  for (const sort of ['plan', '-budget', 'budget']) {
    const seen: string[] = []
    let url = `/v1/initiatives?limit=2&sort=${sort}`
    for (let pages = 0; pages < 10; pages++) {
      const { body } = await getJson(app, url)
      t.equal(body.page.total, 9)
      seen.push(...body.data.map((i: any) => i.id))
      if (!body.page.nextCursor) break
      url = `/v1/initiatives?limit=2&sort=${sort}&cursor=${body.page.nextCursor}`
    }
    t.equal(seen.length, 9, `${sort}: 9 rows`)
    t.equal(new Set(seen).size, 9, `${sort}: none twice`)
  }
})

t.test('CSV', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/v1/initiatives?format=csv' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^text\/csv; charset=utf-8/)
  t.ok(response.body.startsWith('\uFEFF'), 'starts with the UTF-8 BOM')
  const lines = response.body.trimEnd().split('\n')
  t.equal(lines.length, 10, 'a header and 9 rows')
  t.equal(lines[0], '\uFEFFid,planId,organizationId,organizationName,fiscalYear,planCompleteness,issueId,strategyId,number,title,points,pointsText,budgetYen,budgetFiscalYear,budgetText')
  t.match(lines[1], /^asahi-2017\.1-1-1,asahi-2017,asahi,旭区,2017,complete,.*,7133000,2017,/, 'each row says its organization, year and that its plan is complete')
  t.match(lines[8], /^asahi-2017\.4-2-1,.*,,2017,/, 'a null budget is an empty cell')
  const viaAccept = await app.inject({ url: '/v1/initiatives', headers: { accept: 'text/csv' } })
  t.equal(viaAccept.body, response.body, 'Accept: text/csv gives the same CSV')
  t.equal(viaAccept.headers.vary, 'Accept, accept-encoding', 'caches are told the answer depends on Accept (and on the coding asked for)')
  const json = await app.inject({ url: '/v1/initiatives' })
  t.match(json.headers['content-type'], /application\/json/, 'and the same URL without it is JSON (from the response cache too)')
  t.equal((await app.inject({ url: '/v1/initiatives' })).headers.vary, 'Accept, accept-encoding')
  for (const accept of ['text/csv;q=0, application/json', 'text/csv;q=0.000,*/*', 'text/csv;q=0.5, application/json', 'application/json, text/csv', 'text/csv;q=0.5, */*', '*/*', 'text/*']) {
    t.match((await app.inject({ url: '/v1/initiatives', headers: { accept } })).headers['content-type'], /application\/json/, `${accept}: JSON, weighed no lower than CSV`)
  }
  for (const accept of ['text/csv, application/json;q=0.5', 'application/json;q=0.9, text/csv', 'text/csv, */*', 'text/csv;q=0.8, */*;q=0.5']) {
    t.match((await app.inject({ url: '/v1/initiatives', headers: { accept } })).headers['content-type'], /^text\/csv/, `${accept}: CSV, weighed above JSON`)
  }
  // A header that refuses every type it names accepts nothing: 406 (test/rest/not-acceptable.test.ts).
  t.equal((await app.inject({ url: '/v1/initiatives', headers: { accept: 'text/csv; q=0.0' } })).statusCode, 406, 'text/csv; q=0.0: nothing acceptable')
  const meta = await app.inject({ url: '/v1/meta', headers: { accept: 'application/ld+json;q=0, application/json' } })
  t.match(meta.headers['content-type'], /^application\/json/, 'JSON-LD refused by q=0 is not sent')
})

t.test('bad input is a 4xx problem, never a 500', async (t) => {
  const app = await build(t)
  const cases: [string, number, string | undefined][] = [
    ['/v1/initiatives?limit=0', 400, 'limit'],
    ['/v1/initiatives?limit=abc', 400, 'limit'],
    ['/v1/initiatives?limit=101', 400, 'limit'],
    ['/v1/initiatives?foo=1', 400, 'foo'],
    ['/v1/initiatives?sort=title', 400, 'sort'],
    ['/v1/initiatives?hasBudget=maybe', 400, 'hasBudget'],
    ['/v1/initiatives?minBudgetYen=-1', 400, 'minBudgetYen'],
    ['/v1/initiatives?cursor=garbage', 400, 'cursor'],
    ['/v1/initiatives?format=xml', 400, 'format'],
    ['/v1/plans/nope', 404, undefined],
    ['/v1/initiatives/asahi-2017.9-9-9', 404, undefined],
    ['/v1/nothing-here', 404, undefined],
    ['/v1/plans/%E0%A4%A', 400, undefined],
  ]
  for (const [url, status, parameter] of cases) {
    const response = await app.inject({ url })
    t.equal(response.statusCode, status, url)
    t.match(response.headers['content-type'], /^application\/problem\+json/, `${url} is problem+json`)
    const problem = response.json()
    t.equal(problem.status, status)
    t.match(problem.type, /^\/problems\//)
    t.type(problem.detail, 'string')
    if (parameter) t.equal(problem.parameter, parameter, `${url} names ${parameter}`)
  }
  const other = await getJson(app, '/v1/initiatives?sort=-budget&limit=1')
  const wrongSort = await app.inject({ url: `/v1/initiatives?sort=plan&cursor=${other.body.page.nextCursor}` })
  t.equal(wrongSort.statusCode, 400, 'a cursor of another sort order is refused')
})

t.test('ETag, 304 and CORS', async (t) => {
  const app = await build(t)
  const first = await app.inject({ url: '/v1/initiatives/asahi-2017.1-1-1', headers: { origin: 'https://example.org' } })
  t.equal(first.statusCode, 200)
  t.equal(first.json().budget.amountYen, 7_133_000)
  t.ok(first.headers.etag)
  t.match(first.headers['cache-control'], /max-age=/)
  t.equal(first.headers['access-control-allow-origin'], '*')
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/initiatives?limit=5',
    headers: { origin: 'https://hackathon.example', 'access-control-request-method': 'GET' },
  })
  t.equal(preflight.statusCode, 204, 'a preflight is answered')
  t.equal(preflight.headers['access-control-allow-origin'], '*')
  t.match(preflight.headers['access-control-allow-methods'], /GET/)
  t.match(first.headers['access-control-expose-headers'], /\bETag\b/, "a browser's script may read the ETag")
  const writePreflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/plans/asahi-2017',
    headers: { origin: 'https://hackathon.example', 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization, if-match' },
  })
  t.match(writePreflight.headers['access-control-allow-methods'], /DELETE/, 'a write with a bearer token may come from another origin')
  t.match(writePreflight.headers['access-control-allow-headers'], /if-match/)
  const page = await app.inject({ url: '/', headers: { origin: 'https://hackathon.example' } })
  t.equal(page.headers['access-control-allow-origin'], '*', 'the pages too')
  const again = await app.inject({ url: '/v1/initiatives/asahi-2017.1-1-1', headers: { 'if-none-match': first.headers.etag as string } })
  t.equal(again.statusCode, 304)
})

t.test('each row of a plan part says whose plan and which year: no join needed', async (t) => {
  const app = await build(t)
  for (const path of ['issues/asahi-2017.1', 'strategies/asahi-2017.1-1', 'initiatives/asahi-2017.1-1-1']) {
    t.match((await getJson(app, `/v1/${path}`)).body, { organizationId: 'asahi', fiscalYear: 2017 }, path)
  }
  const page = (await getJson(app, '/v1/initiatives?sort=-budget&limit=3')).body.data
  t.same(page.map((i: { organizationId: string; fiscalYear: number }) => [i.organizationId, i.fiscalYear]), [['asahi', 2017], ['asahi', 2017], ['asahi', 2017]])
  const plan = (await getJson(app, '/v1/plans/asahi-2017')).body
  t.notOk('organizationId' in plan.issues[0], 'nested in their plan document, the parts leave it to the plan')
})
