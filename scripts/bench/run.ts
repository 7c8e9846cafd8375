// npm run bench [-- --scale N] [--duration S] [--connections C] [--no-cache]
// Loads the service and, in the same run, a bare Fastify server on the same
// machine with autocannon (same connections and duration), and prints
// requests/s, p50/p99 latency and the ratio to the bare server. Each server
// runs in its own process; results also go to bench-results/*.json.
// With --scale the response cache is off, so the figures are the queries'
// own cost at that size (a cached answer costs the same at any size).
import { fork } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { openDatabase } from '../../src/db/connection.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { seedDatabase } from '../../src/importer/seed.js'
import { parsePlan } from '../../src/plans/parse.js'
import { syntheticPlans } from './synthetic-plans.js'

const { values } = parseArgs({
  options: {
    scale: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'no-cache': { type: 'boolean', default: false },
  },
})
const duration = Number(values.duration)
const connections = Number(values.connections)
const scale = values.scale === undefined ? undefined : Number(values.scale)
if (scale !== undefined && !(Number.isInteger(scale) && scale > 0)) throw new Error('--scale takes a whole number of plans, e.g. --scale 1000')
const cache = scale === undefined && !values['no-cache']
const root = new URL('../../', import.meta.url)
const seedDir = new URL('seed/', root).pathname

// A throwaway database: the seed plans, or N synthetic plans.
const dir = mkdtempSync(join(tmpdir(), 'ward-plans-bench-'))
const databasePath = join(dir, 'bench.db')
const connection = openDatabase(databasePath)
let importSeconds: number | undefined
let planIds = ['asahi-2017']
if (scale === undefined) {
  seedDatabase(connection.db, seedDir)
} else {
  const seed = parsePlan(readFileSync(join(seedDir, 'asahi-2017.txt'), 'utf8'))
  const plans = syntheticPlans(seed, scale)
  const started = process.hrtime.bigint()
  importPlans(connection.db, plans.map((plan) => ({ plan })))
  importSeconds = Number(process.hrtime.bigint() - started) / 1e9
  // Spread over the data, so no single plan's pages stay in SQLite's page cache.
  planIds = Array.from({ length: 20 }, (_, i) => plans[Math.floor((i * plans.length) / 20)].id)
}
connection.close()

function start(script: string, env: Record<string, string> = {}): Promise<{ port: number; stop: () => void }> {
  const child = fork(new URL(script, import.meta.url).pathname, { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: 'inherit' })
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve({ port: message.port, stop: () => child.kill('SIGTERM') }))
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
  })
}

interface Target {
  name: string
  /** Each connection cycles through these, so answers vary as they would for many clients. */
  requests: { method: 'GET' | 'POST'; path: string; body?: string }[]
}

const get = (paths: string[]) => paths.map((path) => ({ method: 'GET' as const, path }))
const words = ['防災', '子育て', '城北公園', 'ムダ', '区役所', '地域']

const targets: Target[] = [
  { name: 'plan document', requests: get(planIds.map((id) => `/v1/plans/${id}`)) },
  {
    name: 'initiative list, filtered',
    requests: get([1, 2, 5, 10].flatMap((m) => [`/v1/initiatives?hasBudget=true&minBudgetYen=${m}000000&sort=-budget&limit=20`, `/v1/initiatives?maxBudgetYen=${m}000000&limit=20`])),
  },
  { name: 'search', requests: get(words.map((w) => `/v1/search?q=${encodeURIComponent(w)}&limit=20`)) },
  { name: 'budget totals', requests: get(['organization', 'fiscalYear', 'plan'].map((g) => `/v1/budgets?groupBy=${g}&limit=20`)) },
  {
    name: 'GraphQL plan tree',
    requests: planIds.map((id) => ({
      method: 'POST' as const,
      path: '/graphql',
      body: JSON.stringify({ query: `{ plan(id: "${id}") { title issues { title strategies { number initiatives { number title budget { amountYen } } } } } }` }),
    })),
  },
]

async function load(port: number, target: Target) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    requests: target.requests.map((r) => ({ ...r, headers: r.body ? { 'content-type': 'application/json' } : undefined })),
    connections,
    duration,
  })
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 }
}

const bare = await start('./bare-server.ts')
const app = await start('./app-server.ts', { DATABASE_PATH: databasePath, BENCH_CACHE: cache ? 'on' : 'off' })
try {
  const baseline = await load(bare.port, { name: 'bare Fastify', requests: get(['/']) })
  const rows = [{ name: 'bare Fastify (constant JSON)', ...baseline, ratio: 1 }]
  for (const target of targets) {
    const measured = await load(app.port, target)
    rows.push({ name: target.name, ...measured, ratio: measured.requestsPerSecond / baseline.requestsPerSecond })
  }
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    plans: scale ?? 'seed',
    responseCache: cache,
    importSeconds,
    connections,
    durationSeconds: duration,
    rows,
  }
  console.log(
    `\nplans: ${report.plans}${importSeconds === undefined ? '' : `, import ${importSeconds.toFixed(2)} s`}; response cache ${cache ? 'on' : 'off'}; ${connections} connections, ${duration} s each\n`,
  )
  console.log('| target | req/s | p50 ms | p99 ms | vs bare |\n| --- | ---: | ---: | ---: | ---: |')
  for (const r of rows) console.log(`| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50Ms} | ${r.p99Ms} | ${(r.ratio * 100).toFixed(0)}% |`)
  const out = new URL(`bench-results/bench-${scale ?? 'seed'}${cache ? '' : '-nocache'}.json`, root)
  mkdirSync(new URL('bench-results/', root), { recursive: true })
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`\nwrote ${out.pathname}`)
} finally {
  bare.stop()
  app.stop()
  rmSync(dir, { recursive: true, force: true })
}
