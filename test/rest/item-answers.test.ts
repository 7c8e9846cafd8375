// Item answers (a plan document, one entity) are serialized once per data
// version with their ETag and gzip body: the bytes are what serializing,
// hashing and compressing on the request would give, and an import, a
// replacement or a delete is answered at once.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { gzipBytes } from '../../src/plugins/http-caching.js'
import { OPENINGS_DIR, SEED_PLAN_DIR, tempDir } from '../helper.js'

const TOKEN = 'test-token-0123456789abcdef'
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain; charset=utf-8' }
const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('base64')

t.test('an item answer is its serialized JSON, that JSON\'s SHA-1 as ETag, and its gzip', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR, cacheResponses: false })
  t.teardown(() => app.close())
  for (const url of ['/v1/plans/asahi-2017', '/v1/initiatives/asahi-2017.3-1-1', '/v1/strategies/asahi-2017.2-3', '/v1/organizations/asahi']) {
    const plain = await app.inject({ url })
    t.equal(plain.statusCode, 200, url)
    t.equal(plain.headers['content-type'], 'application/json; charset=utf-8')
    t.equal(plain.headers.etag, `"${sha1(plain.rawPayload)}"`, `${url}: the ETag hashes the JSON bytes`)
    t.same(plain.json(), (await app.inject({ url: `${url}?fields=${Object.keys(plain.json()).join(',')}` })).json(), `${url}: the same entity as built for ?fields=`)
    for (const round of ['first', 'again']) {
      const zipped = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } })
      if (plain.rawPayload.length < 1024) {
        t.equal(zipped.headers['content-encoding'], undefined, `${url}: too short to compress`)
        continue
      }
      t.equal(zipped.headers['content-encoding'], 'gzip')
      t.equal(zipped.headers.vary, 'accept-encoding')
      t.equal(zipped.headers.etag, `W/${plain.headers.etag}`, `${url} (${round}): the compressed body's ETag is weak`)
      t.ok(zipped.rawPayload.equals(gzipBytes(plain.rawPayload)), `${url} (${round}): the gzip of the JSON bytes`)
      t.equal(Number(zipped.headers['content-length']), zipped.rawPayload.length)
      t.ok(gunzipSync(zipped.rawPayload).equals(plain.rawPayload))
    }
    // A 304 carries the ETag and Vary of the 200 it stands for: weak where that 200 is compressed.
    for (const coding of ['gzip', 'identity']) {
      const full = await app.inject({ url, headers: { 'accept-encoding': coding } })
      const notModified = await app.inject({ url, headers: { 'accept-encoding': coding, 'if-none-match': String(plain.headers.etag) } })
      t.equal(notModified.statusCode, 304, `${url} (${coding}): 304 on its ETag`)
      t.equal(notModified.headers.etag, full.headers.etag, `${url} (${coding}): the 200's ETag`)
      t.equal(notModified.headers.vary, full.headers.vary, `${url} (${coding}): the 200's Vary`)
      t.equal(notModified.headers['content-length'], undefined, `${url} (${coding}): no Content-Length`)
    }
  }
  const missing = await app.inject({ url: '/v1/plans/asahi-1999', headers: { 'accept-encoding': 'gzip' } })
  t.equal(missing.statusCode, 404)
  t.match(missing.json(), { type: '/problems/not-found', detail: "no plan with id 'asahi-1999'" })
})

t.test('an import, a replacement and a delete are answered at once', async (t) => {
  const dir = tempDir(t, 'item-answers')
  // A file, so reads go through the read-only connection while writes go through the importer's.
  const app = await buildApp({ databasePath: join(dir, 'plans.db'), seedDir: SEED_PLAN_DIR, adminToken: TOKEN, cacheResponses: false })
  t.teardown(() => app.close())
  const kita = readFileSync(join(OPENINGS_DIR, 'kita-2022.txt'), 'utf8')
  t.equal((await app.inject({ url: '/v1/plans/kita-2022' })).statusCode, 404, 'not yet imported')
  t.equal((await app.inject({ method: 'POST', url: '/v1/plans', headers: auth, payload: kita })).statusCode, 201)
  const first = await app.inject({ url: '/v1/plans/kita-2022' })
  t.equal(first.json().title, '令和4年度北区運営方針', 'the import is served')

  const revised = kita.replace('「人が集い、ともに支えあい、絆をはぐくむまち」', '「人が集うまち」')
  t.not(revised, kita)
  t.equal((await app.inject({ method: 'POST', url: '/v1/plans', headers: auth, payload: revised })).statusCode, 200)
  const replaced = await app.inject({ url: '/v1/plans/kita-2022' })
  t.same(replaced.json().goals, ['「人が集うまち」を実現する。'], 'the replacement is served')
  t.not(replaced.headers.etag, first.headers.etag, 'with a new ETag')
  t.equal(replaced.headers.etag, `"${sha1(replaced.rawPayload)}"`)

  t.equal((await app.inject({ method: 'DELETE', url: '/v1/plans/kita-2022', headers: { authorization: auth.authorization } })).statusCode, 204)
  t.equal((await app.inject({ url: '/v1/plans/kita-2022' })).statusCode, 404, 'the delete is served')
})
