// WORKERS=2: two workers serve one port; writes are handed to the primary;
// an import (by HTTP or by the CLI beside the server) is seen by both within
// a second; a worker that dies is replaced; and SIGTERM drains them all and exits 0.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { OPENINGS_DIR, SEED_PLAN_DIR, tempDir } from './helper.js'
import { getOnNewConnection, processOf as processOfId, spawnServer } from '../scripts/processes/server.js'

const run = promisify(execFile)
const processOf = (headers: Record<string, unknown>) => processOfId(headers['x-request-id'])
const isListening = (entry: { msg?: string }) => /Server listening at/.test(entry.msg ?? '')

t.test('a cluster of two workers', async (t) => {
  const dir = tempDir(t, 'cluster')
  // Load shedding off: on a busy test machine a worker that has just compiled its sources lags.
  const env = { PORT: '0', WORKERS: '2', MAX_EVENT_LOOP_DELAY_MS: '0', SEED_DIR: SEED_PLAN_DIR, ADMIN_TOKEN: 'a-token-of-sixteen-chars', DATABASE_PATH: join(dir, 'plans.db'), DOWNLOADS_DIR: join(dir, 'downloads') }
  const server = spawnServer(env)
  t.teardown(() => server.process.kill('SIGKILL'))
  const origin = await server.origin
  await server.waitForLog((entry) => server.logs.filter(isListening).length === 2)
  const primary = server.process.pid!
  const workers = server.logs.filter(isListening).map((entry) => entry.pid!)
  t.equal(new Set([primary, ...workers]).size, 3, 'a primary and two worker processes')
  t.ok(server.logs.some((entry) => entry.pid === primary && entry.msg === 'seeded an empty database'), 'the primary seeded')

  const answers = await Promise.all([1, 2, 3, 4].map(() => getOnNewConnection(`${origin}/healthz`)))
  t.same(answers.map((a) => JSON.parse(a.body)), Array(4).fill({ status: 'ok', plans: 1, role: 'writer' }))
  t.equal(new Set(answers.map((a) => processOf(a.headers))).size, 2, 'both workers answer')

  // Writes reach the primary's writer: it authenticates, validates and imports.
  const post = (body: string, token?: string) =>
    fetch(`${origin}/v1/plans`, { method: 'POST', body, headers: { 'content-type': 'text/plain', ...(token ? { authorization: `Bearer ${token}` } : {}) } })
  const anonymous = await post('x')
  t.equal(anonymous.status, 401)
  t.equal(anonymous.headers.get('www-authenticate'), 'Bearer realm="ward-plans"')
  t.match(await anonymous.json(), { type: '/problems/unauthorized' })
  const invalid = await post('not a plan', 'a-token-of-sixteen-chars')
  t.equal(invalid.status, 422)
  t.match(await invalid.json(), { type: '/problems/invalid-plan' })
  const created = await post(readFileSync(join(OPENINGS_DIR, 'abeno-2023.txt'), 'utf8'), 'a-token-of-sixteen-chars')
  t.equal(created.status, 201)
  t.equal(created.headers.get('location'), '/v1/plans/abeno-2023')
  t.match(await created.json(), { planId: 'abeno-2023', replaced: false })
  // A write's answer comes after every worker has heard of it: each reads it at once (not a second later).
  const seen = await Promise.all([1, 2, 3, 4].map(() => getOnNewConnection(`${origin}/v1/plans`)))
  t.equal(new Set(seen.map((a) => processOf(a.headers))).size, 2)
  t.same(seen.map((a) => JSON.parse(a.body).data.map((plan: { id: string }) => plan.id).sort()), Array(4).fill(['abeno-2023', 'asahi-2017']), 'both workers see the new plan at once')
  const deleted = await fetch(`${origin}/v1/plans/abeno-2023`, { method: 'DELETE', headers: { authorization: 'Bearer a-token-of-sixteen-chars' } })
  t.equal(deleted.status, 204, 'deleted through the primary too')

  // Both see the delete at once too; then, their response caches warm, a CLI import (another process) within a second.
  for (const answer of await Promise.all([1, 2].map(() => getOnNewConnection(`${origin}/v1/plans`)))) t.equal(JSON.parse(answer.body).data.length, 1)
  await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', join(OPENINGS_DIR, 'kita-2022.txt')], { env: { ...process.env, ...env } })
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const after = await Promise.all([1, 2, 3, 4].map(() => getOnNewConnection(`${origin}/v1/plans`)))
  t.equal(new Set(after.map((a) => processOf(a.headers))).size, 2)
  t.same(after.map((a) => JSON.parse(a.body).data.map((plan: { id: string }) => plan.id).sort()), Array(4).fill(['asahi-2017', 'kita-2022']), 'both workers see the import')

  process.kill(workers[0], 'SIGKILL')
  await server.waitForLog((entry) => entry.msg === 'worker stopped; starting another' && entry.worker === workers[0])
  const replacement = await server.waitForLog((entry) => isListening(entry) && !workers.includes(entry.pid!))
  t.ok(replacement.pid, 'a new worker listens')
  const again = await Promise.all([1, 2, 3, 4].map(() => getOnNewConnection(`${origin}/healthz`)))
  t.same(again.map((a) => JSON.parse(a.body).plans), [2, 2, 2, 2])
  t.equal(new Set(again.map((a) => processOf(a.headers))).size, 2, 'two workers serve again')

  server.process.kill('SIGTERM')
  t.equal(await server.exited, 0, 'SIGTERM exits 0')
  t.ok(server.logs.some((entry) => entry.msg === 'workers drained' && entry.clean === true))
  t.equal(server.logs.filter((entry) => entry.msg === 'closing' && entry.pid !== primary).length, 2, 'each worker closed')
})
