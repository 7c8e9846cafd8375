// Hostile bodies sent by a holder of the token: refused (or read) quickly, as problems,
// and the server answers afterwards. A stranger's are 401s before any byte is read.
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { SEED_PLAN_DIR } from '../helper.js'

const TOKEN = 'test-token-0123456789abcdef'
const auth = { authorization: `Bearer ${TOKEN}` }

async function build(t: { teardown(fn: () => unknown): void }) {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR, adminToken: TOKEN })
  t.teardown(() => app.close())
  return app
}

const html = (body: string) => `<!doctype html><html><body>${body}</body></html>`

t.test('a page of unclosed elements is refused once it passes the depth read, not after counting them all', async (t) => {
  const app = await build(t)
  // The first page read loads the readers: not counted.
  await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/html' }, payload: html('<p>x</p>') })
  // Each took 4 to 9 s: the HTML parser keeps open elements in an array it grows at the front.
  for (const [name, body] of Object.entries({
    divs: '<div>'.repeat(200_000),
    spans: '<span>'.repeat(170_000),
    'table cells': '<table><tr><td>'.repeat(60_000),
    'bold text': '<b>'.repeat(250_000),
  })) {
    const started = performance.now()
    const response = await app.inject({ method: 'POST', url: '/v1/plans', headers: { ...auth, 'content-type': 'text/html; charset=utf-8' }, payload: html(body) })
    const ms = performance.now() - started
    t.equal(response.statusCode, 422, name)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
    t.match(response.json(), { type: '/problems/invalid-plan', detail: /nest 1001 deep or more/ }, name)
    t.ok(ms < 500, `${name}: ${ms.toFixed(0)} ms`)
  }
  t.equal((await app.inject({ url: '/v1/plans/asahi-2017' })).statusCode, 200, 'the server still answers')
})
