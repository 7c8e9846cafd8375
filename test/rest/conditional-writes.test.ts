// Conditional writes: If-Match with the ETag a GET answered replaces or deletes
// only the plan as read; If-None-Match: * adds a plan only where none has its
// id; a failed condition is a 412 and writes nothing.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { OPENINGS_DIR, SEED_PLAN_DIR } from '../helper.js'

const TOKEN = 'test-token-0123456789abcdef'
const kitaText = readFileSync(join(OPENINGS_DIR, 'kita-2022.txt'), 'utf8')

async function writer(t: { teardown(fn: () => unknown): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'ward-plans-conditional-'))
  const app = await buildApp({ databasePath: join(dir, 'plans.db'), seedDir: SEED_PLAN_DIR, adminToken: TOKEN })
  t.teardown(() => app.close())
  return app
}

t.test('DELETE with If-Match: only the plan as read', async (t) => {
  const app = await writer(t)
  const read = await app.inject('/v1/plans/asahi-2017')
  const etag = String(read.headers.etag)
  t.match(etag, /^"[^"]+"$/, 'a strong ETag to send back')
  const headers = (ifMatch: string) => ({ authorization: `Bearer ${TOKEN}`, 'if-match': ifMatch })

  const stale = await app.inject({ method: 'DELETE', url: '/v1/plans/asahi-2017', headers: headers('"not-the-etag"') })
  t.same([stale.statusCode, stale.json().type], [412, '/problems/precondition-failed'])
  t.match(stale.json().detail, etag, 'the detail gives the ETag it has now')
  t.equal((await app.inject('/v1/plans/asahi-2017')).statusCode, 200, 'nothing was deleted')

  const zipped = await app.inject({ url: '/v1/plans/asahi-2017', headers: { 'accept-encoding': 'gzip' } })
  t.equal(zipped.headers.etag, `W/${etag}`, 'a compressed answer carries the weak form')
  const deleted = await app.inject({ method: 'DELETE', url: '/v1/plans/asahi-2017', headers: headers(`"x", W/${etag}`) })
  t.equal(deleted.statusCode, 204, 'the ETag read, weak or not, in a list')
  const gone = await app.inject({ method: 'DELETE', url: '/v1/plans/asahi-2017', headers: headers('*') })
  t.same([gone.statusCode, gone.json().type], [412, '/problems/precondition-failed'], 'If-Match: * on a plan that is gone')
})

t.test('POST with If-None-Match: * adds only; with If-Match replaces only the plan as read', async (t) => {
  const app = await writer(t)
  const post = (headers: Record<string, string>, payload = kitaText) =>
    app.inject({ method: 'POST', url: '/v1/plans', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain', ...headers }, payload })

  const added = await post({ 'if-none-match': '*' })
  t.equal(added.statusCode, 201, 'no plan had its id: added')
  const planId = added.json().planId
  const again = await post({ 'if-none-match': '*' })
  t.same([again.statusCode, again.json().type], [412, '/problems/precondition-failed'], 'now one has: not replaced')
  t.match(again.json().detail, /exists/)

  const etag = String((await app.inject(`/v1/plans/${planId}`)).headers.etag)
  const before = (await app.inject('/v1/meta')).body
  const stale = await post({ 'if-match': '"stale"' })
  t.equal(stale.statusCode, 412)
  t.equal((await app.inject('/v1/meta')).body, before, 'nothing was written')
  const replaced = await post({ 'if-match': etag })
  t.equal(replaced.statusCode, 200, 'the ETag read: replaced')
  const missing = await app.inject({ method: 'POST', url: '/v1/plans', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain', 'if-match': '*' }, payload: kitaText.replace(/令和4年度/g, '令和3年度') })
  t.equal(missing.statusCode, 412, 'If-Match: * adds nothing')
  t.equal((await app.inject('/v1/plans/kita-2021')).statusCode, 404)

  const invalid = await post({ 'if-match': etag }, 'not a plan')
  t.equal(invalid.statusCode, 422, 'an invalid plan is a 422 whatever the condition')
})

t.test('concurrent conditional writes: one wins, the other is refused', async (t) => {
  const app = await writer(t)
  const etag = String((await app.inject('/v1/plans/asahi-2017')).headers.etag)
  const headers = { authorization: `Bearer ${TOKEN}`, 'if-match': etag }
  const answers = await Promise.all([
    app.inject({ method: 'DELETE', url: '/v1/plans/asahi-2017', headers }),
    app.inject({ method: 'DELETE', url: '/v1/plans/asahi-2017', headers }),
  ])
  t.same(answers.map((answer) => answer.statusCode).sort(), [204, 412])
})
