// WORKERS=2: two workers serve one port; an import by another process (the
// CLI) is seen by both within a second; a worker that dies is replaced; and
// SIGTERM drains them all and exits 0.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { OPENINGS_DIR, SEED_PLAN_DIR, tempDir } from './helper.js'
import { getOnNewConnection, spawnServer } from './spawned-server.js'

const run = promisify(execFile)
/** Which process answered: request ids start with a random prefix per process (src/app.ts). */
const processOf = (headers: Record<string, unknown>) => String(headers['x-request-id']).split('-').slice(0, 2).join('-')
const isListening = (entry: { msg?: string }) => /Server listening at/.test(entry.msg ?? '')

t.test('a cluster of two workers', async (t) => {
  const dir = tempDir(t, 'cluster')
  // Load shedding off: on a busy test machine a worker that has just compiled its sources lags.
  const env = { PORT: '0', WORKERS: '2', MAX_EVENT_LOOP_DELAY_MS: '0', SEED_DIR: SEED_PLAN_DIR, DATABASE_PATH: join(dir, 'plans.db'), DOWNLOADS_DIR: join(dir, 'downloads') }
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

  const write = await fetch(`${origin}/v1/plans`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })
  t.equal(write.status, 403, 'workers take no writes')
  t.match(await write.json(), { type: '/problems/writes-disabled' })

  // Warm both workers' response caches, import with the CLI, and both see it within a second.
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
