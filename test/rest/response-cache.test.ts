// The response cache is bounded by what it holds (keys, headers and bodies),
// keeps nothing for unusually large requests, and keys on the coding it
// sends rather than on the client's spelling of Accept-Encoding.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import t from 'tap'
import { MAX_KEYED_REQUEST_CHARS } from '../../src/plugins/response-cache.js'
import { buildApp } from '../../src/app.js'
import { SEED_DIR } from '../helper.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
/** Heap and buffers after a full collection: what the process really holds. */
const heldBytes = () => {
  gc()
  const { heapUsed, arrayBuffers } = process.memoryUsage()
  return heapUsed + arrayBuffers
}

/** No load shedding: a busy test machine must not turn answers into 503s. */
async function build(t: { teardown(fn: () => unknown): void }) {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, maxEventLoopDelay: 0 })
  t.teardown(() => app.close())
  return app
}

const QUERY = '{ plan(id: "asahi-2017") { id title } }'

t.test('GraphQL POSTs with large unused variables are answered, not kept', async (t) => {
  const app = await build(t)
  const first = await app.inject({ method: 'POST', url: '/graphql', payload: { query: QUERY } })
  t.equal(first.json().data.plan.id, 'asahi-2017')
  const before = app.responseCacheSize()
  t.equal(before.entries, 1, 'a small query is kept')
  t.equal(before.maxBytes, 64 * 1024 * 1024)
  const heldBefore = heldBytes()
  for (let i = 0; i < 300; i++) {
    // 120 KB of variables the query never reads (a GraphQL body is at most 128 KiB), different each time.
    const variables = { junk: `${i}-${'x'.repeat(120_000)}` }
    const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query: QUERY, variables } })
    if (i % 100 === 0) t.equal(response.json().data.plan.title, first.json().data.plan.title, `answer ${i} is right`)
  }
  const after = app.responseCacheSize()
  t.same(after, before, 'the cache holds what it held before')
  const grown = heldBytes() - heldBefore
  t.ok(grown < 16 * 1024 * 1024, `the process holds ${(grown / 1024 / 1024).toFixed(1)} MiB more after 36 MB of bodies`)

  const justOver = { query: QUERY, variables: { junk: 'y'.repeat(MAX_KEYED_REQUEST_CHARS) } }
  await app.inject({ method: 'POST', url: '/graphql', payload: justOver })
  t.equal(app.responseCacheSize().entries, 1, `a body over ${MAX_KEYED_REQUEST_CHARS} characters is not kept`)
  // A GraphQL comment makes a GET URL as long as one likes.
  const commented = (chars: number) => `/graphql?query=${encodeURIComponent(`#${'c'.repeat(chars)}\n${QUERY}`)}`
  const longGet = await app.inject({ url: commented(MAX_KEYED_REQUEST_CHARS) })
  t.equal(longGet.json().data.plan.id, 'asahi-2017')
  t.equal(app.responseCacheSize().entries, 1, 'nor an answer to a URL that long')
  await app.inject({ url: commented(1000) })
  t.equal(app.responseCacheSize().entries, 2, 'a shorter one is kept')
})

t.test('keys count toward the bound, and long ones are kept as their hash', async (t) => {
  const app = await build(t)
  let payloadBytes = 0
  for (let i = 0; i < 200; i++) {
    // Just under the limit: kept, each under its own key.
    const variables = { junk: `${i}-${'v'.repeat(3000)}` }
    const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query: QUERY, variables } })
    if (response.statusCode !== 200) t.fail(`${response.statusCode} ${response.body.slice(0, 300)}`)
    payloadBytes += response.rawPayload.length
  }
  const size = app.responseCacheSize()
  t.equal(size.entries, 200)
  t.ok(size.bytes > payloadBytes, `the accounting (${size.bytes} B) counts more than the bodies (${payloadBytes} B)`)
  t.ok(size.bytes < payloadBytes + 200 * 2048, 'but not the 3 KB bodies of the requests: their keys are hashes')
  t.ok(size.bytes <= size.maxBytes)
  const again = await app.inject({ method: 'POST', url: '/graphql', payload: { query: QUERY, variables: { junk: `7-${'v'.repeat(3000)}` } } })
  t.equal(again.json().data.plan.id, 'asahi-2017', 'a hashed key is found again')
  t.equal(app.responseCacheSize().entries, 200)
})

t.test('Accept-Encoding is keyed by the coding sent: a handful of keys whatever clients write', async (t) => {
  const app = await build(t)
  const spellings: Record<string, string | undefined> = {
    gzip: 'gzip',
    GZIP: 'gzip',
    'gzip;q=1, br': 'gzip',
    'br, gzip': 'gzip',
    'x-gzip': 'gzip',
    '*': 'gzip',
    'deflate, gzip;q=0.5': 'gzip',
    br: 'br',
    'BR;q=0.9': 'br',
    'gzip;q=0, br': 'br',
    identity: undefined,
    'gzip;q=0': undefined,
    'junk, nonsense;q=2': undefined,
    '': undefined,
  }
  for (let i = 0; i < 50; i++) spellings[`junk-${i};q=0.${i % 10}, ${'a'.repeat(i * 10)}`] = undefined
  for (const [acceptEncoding, coding] of Object.entries(spellings)) {
    const response = await app.inject({ url: '/v1/plans/asahi-2017', headers: { 'accept-encoding': acceptEncoding } })
    t.equal(response.statusCode, 200)
    t.equal(response.headers['content-encoding'], coding, `'${acceptEncoding.slice(0, 30)}' gets ${coding ?? 'identity'}`)
  }
  await app.inject({ url: '/v1/plans/asahi-2017' })
  await app.inject({ url: '/v1/plans/asahi-2017', headers: { 'accept-encoding': 'gzip', 'x-no-compression': '1' } })
  t.equal(app.responseCacheSize().entries, 3, `${Object.keys(spellings).length + 2} spellings, three entries: gzip, br and identity`)
  const hit = await app.inject({ url: '/v1/plans/asahi-2017', headers: { 'accept-encoding': 'GZIP, junk' } })
  t.equal(hit.headers['content-encoding'], 'gzip', 'a hit is sent in the coding asked for')
})

t.test('a hit refused by Accept is the 406 a miss gets, never the kept body or a 304', async (t) => {
  const app = await build(t)
  const uncached = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, maxEventLoopDelay: 0, cacheResponses: false })
  t.teardown(() => uncached.close())
  const cases: { url: string; refusing: string; accepting: string; method?: 'POST' }[] = [
    { url: '/v1/plans/asahi-2017', refusing: 'application/json;q=0, text/html', accepting: 'application/json, text/html;q=0' },
    { url: '/v1/initiatives?plan=asahi-2017&sort=-budget', refusing: 'application/*;q=0, */*', accepting: 'application/json, text/csv;q=0' },
    { url: '/v1/initiatives?plan=asahi-2017&format=csv', refusing: 'text/csv;q=0, */*', accepting: 'text/csv, application/json;q=0' },
    { url: '/', refusing: 'text/html;q=0, */*', accepting: 'text/html, application/json;q=0' },
    { url: '/graphql', method: 'POST', refusing: 'application/json;q=0, text/html', accepting: 'application/json, text/html;q=0' },
  ]
  for (const { url, refusing, accepting, method } of cases) {
    const request = (headers: Record<string, string>) => ({ method: method ?? 'GET', url, headers, ...(method === 'POST' ? { payload: { query: QUERY } } : {}) }) as const
    for (const encoding of ['identity', 'gzip']) {
      const name = `${method ?? 'GET'} ${url} (${encoding})`
      const primed = await app.inject(request({ 'accept-encoding': encoding }))
      t.equal(primed.statusCode, 200, `${name}: primed`)
      const etag = String(primed.headers.etag)
      const sizeBefore = app.responseCacheSize().entries
      for (const conditional of [{ 'if-none-match': etag }, {}] as Record<string, string>[]) {
        const headers = { 'accept-encoding': encoding, accept: refusing, ...conditional }
        const hit = await app.inject(request(headers))
        const miss = await uncached.inject(request(headers))
        t.equal(hit.statusCode, 406, `${name} ${refusing}${conditional['if-none-match'] ? ' with If-None-Match' : ''}: 406`)
        t.equal(hit.headers['content-type'], 'application/problem+json; charset=utf-8')
        t.equal(hit.headers['content-encoding'], undefined)
        t.not(hit.headers.etag, etag, 'not the ETag of the refused answer')
        t.same({ status: hit.statusCode, type: hit.headers['content-type'], body: hit.json() }, { status: miss.statusCode, type: miss.headers['content-type'], body: miss.json() }, 'what the uncached server answers')
        t.match(hit.json(), { type: '/problems/not-acceptable', status: 406 })
      }
      t.equal(app.responseCacheSize().entries, sizeBefore, 'nothing kept from the refusals')
      // A client that takes the kept type still gets its 304 from the cache, and the kept body.
      const held = await app.inject(request({ 'accept-encoding': encoding, accept: accepting, 'if-none-match': etag }))
      t.equal(held.statusCode, 304, `${name} ${accepting}: 304`)
      const again = await app.inject(request({ 'accept-encoding': encoding, accept: accepting }))
      t.equal(again.statusCode, 200)
      t.equal(again.headers.etag, etag)
      t.equal(again.rawPayload.toString('base64'), primed.rawPayload.toString('base64'), 'the kept bytes')
    }
  }
})
