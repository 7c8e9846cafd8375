// Compressed answers: br or gzip as the client asks, the same data as the
// identity body, weak ETags that still give 304, and cached as sent.
import { createHash } from 'node:crypto'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import t from 'tap'
import { gzipBytes, etagMatches, gzipOf } from '../../src/plugins/http-caching.js'
import { build } from '../helper.js'

const PLAN = '/v1/plans/asahi-2017'

t.test('the plan document in br, gzip and identity', async (t) => {
  const app = await build(t)
  const plain = await app.inject({ url: PLAN })
  t.notOk(plain.headers['content-encoding'], 'no Accept-Encoding: not compressed')
  t.match(plain.headers.etag, /^"/, 'a strong ETag on the published bytes')
  t.equal(plain.json().title, '平成29年度 旭区運営方針')

  for (let round = 0; round < 2; round++) {
    const br = await app.inject({ url: PLAN, headers: { 'accept-encoding': 'br' } })
    t.equal(br.headers['content-encoding'], 'br', `round ${round}: br when asked`)
    t.match(br.headers.vary, /accept-encoding/)
    t.equal(br.headers.etag, `W/${plain.headers.etag}`, 'the same ETag, weak')
    t.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body, 'the same bytes once decompressed')
    t.ok(br.rawPayload.length < plain.rawPayload.length / 2, `${br.rawPayload.length} bytes instead of ${plain.rawPayload.length}`)

    const gzip = await app.inject({ url: PLAN, headers: { 'accept-encoding': 'gzip, deflate, br' } })
    t.equal(gzip.headers['content-encoding'], 'gzip', `round ${round}: gzip when both are offered`)
    t.equal(gunzipSync(gzip.rawPayload).toString(), plain.body)
  }
  const again = await app.inject({ url: PLAN })
  t.notOk(again.headers['content-encoding'], 'a cached compressed answer is not served to a client that did not ask')
  t.equal(again.body, plain.body)
})

t.test('If-None-Match matches across codings (weak comparison)', async (t) => {
  const app = await build(t)
  const plain = await app.inject({ url: PLAN })
  const br = await app.inject({ url: PLAN, headers: { 'accept-encoding': 'br' } })
  for (const [tag, headers] of [
    [plain.headers.etag, { 'accept-encoding': 'br' }],
    [br.headers.etag, { 'accept-encoding': 'br' }],
    [br.headers.etag, {}],
    [`"other", ${br.headers.etag}`, {}],
  ] as const) {
    const response = await app.inject({ url: PLAN, headers: { ...headers, 'if-none-match': String(tag) } })
    t.equal(response.statusCode, 304, `If-None-Match: ${tag}`)
    t.equal(response.rawPayload.length, 0)
  }
  t.equal((await app.inject({ url: PLAN, headers: { 'if-none-match': '"other"' } })).statusCode, 200)
})

t.test('CSV pages and GraphQL answers are compressed too', async (t) => {
  const app = await build(t)
  const csv = await app.inject({ url: '/v1/initiatives?limit=20', headers: { accept: 'text/csv', 'accept-encoding': 'gzip' } })
  t.equal(csv.headers['content-encoding'], 'gzip')
  t.match(csv.headers.vary, /Accept/)
  const rows = gunzipSync(csv.rawPayload).toString().trimEnd().split('\n')
  t.equal(rows.length, 10, 'a header and 9 initiatives')
  // One set of options for answers compressed on the way out and bodies compressed ahead of time (gzipOf).
  const plain = await app.inject({ url: '/v1/initiatives?limit=20', headers: { accept: 'text/csv' } })
  t.ok(csv.rawPayload.equals(gzipBytes(plain.rawPayload)), 'gzip with the options for its size')
  t.ok(csv.rawPayload.equals(gzipOf(plain.rawPayload.toString())!), 'the bytes gzipOf gives')
  const graphql = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'accept-encoding': 'br' },
    payload: { query: '{ plan(id: "asahi-2017") { title issues { title aim strategies { title initiatives { number title budget { amountYen } } } } } }' },
  })
  t.equal(graphql.headers['content-encoding'], 'br')
  const data = JSON.parse(brotliDecompressSync(graphql.rawPayload).toString()).data
  t.equal(data.plan.issues.length, 4)
})

t.test("a computed answer's ETag is the SHA-1 of its bytes, weak once compressed", async (t) => {
  const app = await build(t)
  const plain = await app.inject({ url: '/v1/initiatives?limit=20' })
  t.equal(plain.headers.etag, `"${createHash('sha1').update(plain.rawPayload).digest('base64')}"`)
  t.equal(plain.headers['cache-control'], 'public, max-age=300')
  const zipped = await app.inject({ url: '/v1/initiatives?limit=20', headers: { 'accept-encoding': 'gzip' } })
  t.equal(zipped.headers.etag, `W/${plain.headers.etag}`)
  const again = await app.inject({ url: '/v1/initiatives?limit=20', headers: { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers.etag) } })
  t.equal(again.statusCode, 304)
  t.equal(again.headers['cache-control'], 'public, max-age=300', 'a 304 says how long it may be kept too')
  t.equal(again.rawPayload.length, 0)
})

t.test('small answers are sent as they are', async (t) => {
  const app = await build(t)
  const small = await app.inject({ url: '/v1/organizations', headers: { 'accept-encoding': 'br' } })
  t.ok(small.rawPayload.length < 1024)
  t.notOk(small.headers['content-encoding'], 'under 1 KiB: not worth compressing')
})

t.test('etagMatches', async (t) => {
  t.ok(etagMatches('"a"', '"a"'))
  t.ok(etagMatches('W/"a"', '"a"'))
  t.ok(etagMatches('"a"', 'W/"a"'))
  t.ok(etagMatches('"b", W/"a"', '"a"'))
  t.ok(etagMatches('*', '"a"'))
  t.notOk(etagMatches('"b"', '"a"'))
  t.notOk(etagMatches(undefined, '"a"'))
  t.notOk(etagMatches('"a"', undefined))
})

t.test('every answer of a compressible type a cache may keep says it varies by Accept-Encoding, compressed or not', async (t) => {
  const app = await build(t)
  for (const url of [PLAN, '/v1/initiatives?limit=2', '/v1/initiatives/asahi-2017.1-1-1', '/v1/plans.csv', '/v1/organizations.jsonl?fields=id']) {
    for (const coding of ['identity', 'gzip']) {
      const answer = await app.inject({ url, headers: { 'accept-encoding': coding } })
      t.match(answer.headers.vary, /accept-encoding/i, `${url}, ${coding}: ${answer.headers.vary}`)
      t.equal(String(answer.headers.vary).match(/accept-encoding/gi)?.length, 1, 'once')
      if (answer.headers.etag) {
        const again = await app.inject({ url, headers: { 'accept-encoding': coding, 'if-none-match': answer.headers.etag as string } })
        t.same([again.statusCode, again.headers.vary], [304, answer.headers.vary], 'and its 304 the same')
      }
    }
  }
})
