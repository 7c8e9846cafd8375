// npm run bench [-- --scale N[,M…]] [--cache on|off|both] [--duration S] [--connections C] [--no-cache] [--only NAME] [--accept-encoding E] [--workers N] [--replicas N]
// Loads the service and, in the same run, a bare Fastify server on the same
// machine with autocannon (same connections and duration), and prints
// requests/s, p50/p99 latency, the server's CPU time per request and the ratio
// to the bare server. Each server runs in its own process; every run is warmed
// up unmeasured first; requests ask for compression as real clients do
// (one row also without). Results also go to bench-results/*.json.
// --scale takes sizes separated by commas, `seed` for the seed plans and N for N
// synthetic plans (e.g. --scale seed,400,1000); --cache both measures each size
// with the response cache off and on, and a last table gathers every row.
// Without --cache: on for the seed, off at a scale (the queries' own cost at
// that size; a cached answer costs about the same at any size).
import { execFileSync, fork } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { openDatabase } from '../../src/db/connection.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { seedDatabase } from '../../src/importer/seed.js'
import { parsePlan } from '../../src/plans/parse.js'
import { listInitiatives } from '../../src/services/initiatives.js'
import { pageOfQuery, queryFingerprint } from '../../src/services/pagination.js'
import { syntheticPlans } from './synthetic-plans.js'
import { pageTargets } from './pages.js'
import { compareReplicas } from './replicas.js'
import { compareWorkers } from './workers.js'

const { values } = parseArgs({
  options: {
    scale: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'no-cache': { type: 'boolean', default: false },
    cache: { type: 'string' },
    only: { type: 'string' },
    // What every request's Accept-Encoding says (default: a browser's); identity measures the answers without compression.
    'accept-encoding': { type: 'string' },
    // Instead of the targets: the real server with WORKERS=1 and WORKERS=N (scripts/bench/workers.ts).
    workers: { type: 'string' },
    // Instead of the targets: N read-only replicas behind nginx against one (scripts/bench/replicas.ts).
    replicas: { type: 'string' },
  },
})
const duration = Number(values.duration)
const connections = Number(values.connections)
if (values.workers !== undefined) {
  const workers = Number(values.workers)
  if (!(Number.isInteger(workers) && workers > 1)) throw new Error('--workers takes a whole number of workers above 1, e.g. --workers 2')
  await compareWorkers(workers, duration, connections)
  process.exit(0)
}
if (values.replicas !== undefined) {
  const replicas = Number(values.replicas)
  if (!(Number.isInteger(replicas) && replicas > 0)) throw new Error('--replicas takes a whole number of replicas, e.g. --replicas 2')
  await compareReplicas(replicas, duration, connections)
  process.exit(0)
}
const sizes = (values.scale ?? 'seed').split(',').map((size) => {
  if (size === 'seed') return undefined
  const count = Number(size)
  if (!(Number.isInteger(count) && count > 0)) throw new Error('--scale takes whole numbers of plans or seed, separated by commas, e.g. --scale seed,400,1000')
  return count
})
if (values.cache !== undefined && !['on', 'off', 'both'].includes(values.cache)) throw new Error('--cache takes on, off or both')
/** The cache settings measured at a size: --cache, or --no-cache, or on for the seed and off at a scale. */
const cacheSettings = (scale: number | undefined): boolean[] => {
  if (values.cache === 'both') return [false, true]
  if (values.cache !== undefined) return [values.cache === 'on']
  return [scale === undefined && !values['no-cache']]
}
const root = new URL('../../', import.meta.url)
const seedDir = new URL('seed/', root).pathname

interface Server {
  port: number
  /** The server process's CPU time so far, in microseconds (the servers answer a "cpu" message). */
  cpu: () => Promise<number>
  stop: () => void
}

function start(script: string, env: Record<string, string> = {}): Promise<Server> {
  // BENCH_PROFILE_DIR=dir: the servers write V8 CPU profiles there (node --cpu-prof), to see where the time goes.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []
  const child = fork(new URL(script, import.meta.url).pathname, { execArgv: ['--import', 'tsx', ...profile], env: { ...process.env, ...env }, stdio: 'inherit' })
  const cpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (message: { cpu: NodeJS.CpuUsage }) => resolve(message.cpu.user + message.cpu.system))
      child.send('cpu')
    })
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve({ port: message.port, cpu, stop: () => child.kill('SIGTERM') }))
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
  })
}

interface Target {
  name: string
  /** Each connection cycles through these, so answers vary as they would for many clients. */
  requests: { method: 'GET' | 'POST'; path: string; body?: string }[]
  /** Accept-Encoding sent; by default what browsers, curl --compressed and Python requests send. */
  acceptEncoding?: string
}

/** Browsers, `curl --compressed`, Python requests and fetch all ask for compressed bodies (unless --accept-encoding says otherwise). */
const CLIENT_ACCEPT_ENCODING = values['accept-encoding'] ?? 'gzip, deflate, br'

const get = (paths: string[]) => paths.map((path) => ({ method: 'GET' as const, path }))
const words = ['防災', '子育て', '城北公園', 'ムダ', '区役所', '地域']

const WARM_UP_SECONDS = 2

/** The commit measured (with "+changes" when the tree differs from it), so results can be compared. */
function gitCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== ''
    return dirty ? `${head}+changes` : head
  } catch {
    return null // not a git checkout (a Docker image)
  }
}

/** Warms the server up (JIT, caches) unmeasured, then loads it and reads its CPU time around the run. */
async function load(server: Server, target: Target) {
  const run = (seconds: number) =>
    autocannon({
      url: `http://127.0.0.1:${server.port}`,
      requests: target.requests.map((r) => ({
        ...r,
        headers: { 'accept-encoding': target.acceptEncoding ?? CLIENT_ACCEPT_ENCODING, ...(r.body ? { 'content-type': 'application/json' } : {}) },
      })),
      connections,
      duration: seconds,
    })
  await run(WARM_UP_SECONDS)
  const cpuBefore = await server.cpu()
  const result = await run(duration)
  const cpuMicroseconds = (await server.cpu()) - cpuBefore
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    // `total` (answers completed) is in autocannon's result but not in its type.
    serverCpuMicrosecondsPerRequest: cpuMicroseconds / (result.requests as unknown as { total: number }).total,
  }
}

/** A throwaway database of this size, and the targets over it (ids and cursors spread over the data). */
function prepare(scale: number | undefined) {
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
  // Ids and cursors for the item and varied-workload rows, spread over the data, taken through the services.
  const initiativeIds = planIds.flatMap((id) => initiativesByPlan(id).slice(0, 3))
  const allPlanIds = connection.sqlite.prepare('select id from plans order by id').pluck().all() as string[]
  const pageUrls = (['plan', '-budget'] as const).flatMap((sort) => {
    const urls: string[] = []
    let cursor: string | undefined
    for (let page = 0; page < 50; page++) {
      urls.push(`/v1/initiatives?sort=${sort}&limit=20${cursor ? `&cursor=${cursor}` : ''}`)
      // Bound to the query as the REST list binds its cursors (list-route.ts).
      cursor = pageOfQuery(queryFingerprint('initiatives', { sort }), { limit: 20, cursor }, (page) => listInitiatives(connection.db, {}, sort, page)).page.nextCursor ?? undefined
      if (!cursor) break
    }
    return urls
  })
  function initiativesByPlan(planId: string): string[] {
    return listInitiatives(connection.db, { plan: planId }, 'plan', { limit: 100 }).data.map((i) => i.id)
  }
  connection.close()

  /** Every plan's document and list pages along two sorts, interleaved: no URL repeats within a connection's cycle. */
  const variedPaths = Array.from({ length: Math.max(allPlanIds.length, pageUrls.length) }, (_, i) => [
    ...(i < allPlanIds.length ? [`/v1/plans/${allPlanIds[i]}`] : []),
    ...(i < pageUrls.length ? [pageUrls[i]] : []),
  ]).flat()

  const targets: Target[] = [
    { name: 'one initiative by id', requests: get(initiativeIds.map((id) => `/v1/initiatives/${id}`)) },
    { name: '20 initiatives of one plan', requests: get(planIds.map((id) => `/v1/initiatives?plan=${id}&limit=20`)) },
    { name: 'plan list', requests: get(['/v1/plans?limit=20', '/v1/plans?fiscalYear=2017&limit=20', `/v1/plans?organization=${planIds[0].replace(/-\d{4}(-draft)?$/, '')}`]) },
    { name: 'plan document', requests: get(planIds.map((id) => `/v1/plans/${id}`)) },
    // A client that does not ask for compression gets 9.4 KB of UTF-8 Japanese per answer,
    // which autocannon itself decodes into a string: that, not the server, bounds this row.
    { name: 'plan document, uncompressed', requests: get(planIds.map((id) => `/v1/plans/${id}`)), acceptEncoding: 'identity' },
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
    { name: 'varied: every plan document and initiative pages by cursor', requests: get(variedPaths) },
    ...pageTargets(allPlanIds).map((target) => ({ name: target.name, requests: get(target.paths) })),
  ]
    return { dir, databasePath, importSeconds, targets }
}

type Row = Awaited<ReturnType<typeof load>> & { name: string; ratio: number; bareRequestsPerSecond: number }

/** Each target against a server over `databasePath`, each paired with a run of the bare server just before it. */
async function measure(bare: Server, databasePath: string, targets: Target[], cache: boolean): Promise<Row[]> {
  const app = await start('./app-server.ts', { DATABASE_PATH: databasePath, RESPONSE_CACHE: String(cache) })
  try {
    // The machine's speed drifts over a run (other tenants, thermal), so each target is
    // paired with a run of the bare server just before it, and its ratio is to that run.
    const bareRuns: Awaited<ReturnType<typeof load>>[] = []
    const measuredRows: Row[] = []
    for (const target of targets.filter((t) => values.only === undefined || t.name.includes(values.only))) {
      const baseline = await load(bare, { name: 'bare Fastify', requests: get(['/']) })
      bareRuns.push(baseline)
      const measured = await load(app, target)
      measuredRows.push({ name: target.name, ...measured, ratio: measured.requestsPerSecond / baseline.requestsPerSecond, bareRequestsPerSecond: baseline.requestsPerSecond })
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
    const bareRow: Row = {
      name: 'bare Fastify (constant JSON), median of its runs',
      requestsPerSecond: median(bareRuns.map((r) => r.requestsPerSecond)),
      p50Ms: median(bareRuns.map((r) => r.p50Ms)),
      p99Ms: median(bareRuns.map((r) => r.p99Ms)),
      serverCpuMicrosecondsPerRequest: median(bareRuns.map((r) => r.serverCpuMicrosecondsPerRequest)),
      ratio: 1,
      bareRequestsPerSecond: median(bareRuns.map((r) => r.requestsPerSecond)),
    }
    return [bareRow, ...measuredRows]
  } finally {
    app.stop()
  }
}

const bare = await start('./bare-server.ts')
const everyRow: { plans: number | 'seed'; cache: boolean; row: Row }[] = []
try {
  for (const scale of sizes) {
    const { dir, databasePath, importSeconds, targets } = prepare(scale)
    try {
      for (const cache of cacheSettings(scale)) {
        const rows = await measure(bare, databasePath, targets, cache)
        const plans: number | 'seed' = scale ?? 'seed'
        everyRow.push(...rows.map((row) => ({ plans, cache, row })))
        const report = {
          date: new Date().toISOString(),
          commit: gitCommit(),
          node: process.version,
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model,
          plans,
          responseCache: cache,
          importSeconds,
          connections,
          durationSeconds: duration,
          warmUpSeconds: WARM_UP_SECONDS,
          acceptEncoding: CLIENT_ACCEPT_ENCODING,
          rows,
        }
        console.log(
          `\nplans: ${plans}${importSeconds === undefined ? '' : `, import ${importSeconds.toFixed(2)} s`}; response cache ${cache ? 'on' : 'off'}; ${connections} connections, ${duration} s each\n`,
        )
        console.log('| target | req/s | p50 ms | p99 ms | bare req/s just before | vs bare | server CPU µs/req |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
        for (const r of rows) {
          console.log(
            `| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50Ms} | ${r.p99Ms} | ${r.bareRequestsPerSecond.toFixed(0)} | ${(r.ratio * 100).toFixed(0)}% | ${r.serverCpuMicrosecondsPerRequest.toFixed(0)} |`,
          )
        }
        const out = new URL(`bench-results/bench-${plans}${cache ? '' : '-nocache'}${values['accept-encoding'] === undefined ? '' : `-${values['accept-encoding'].replace(/\W+/g, '_')}`}${values.only === undefined ? '' : '-partial'}.json`, root)
        mkdirSync(new URL('bench-results/', root), { recursive: true })
        writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
        console.log(`\nwrote ${out.pathname}`)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
} finally {
  bare.stop()
}

if (everyRow.length > 0 && (sizes.length > 1 || values.cache === 'both')) {
  // Every size and cache setting in one table, target by target: what the README shows.
  console.log(`\nAll runs (${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; ${connections} connections, ${duration} s each; CPU is the server's per request)\n`)
  const settings = [...new Set(everyRow.map((r) => `${r.plans} ${r.cache ? 'on' : 'off'}`))]
  console.log(`| target | ${settings.map((s) => `${s.replace(' ', ' plans, cache ')}: req/s · p50/p99 ms · CPU µs`).join(' | ')} |`)
  console.log(`| --- | ${settings.map(() => '---:').join(' | ')} |`)
  for (const name of [...new Set(everyRow.map((r) => r.row.name))]) {
    const cells = settings.map((setting) => {
      const found = everyRow.find((r) => r.row.name === name && `${r.plans} ${r.cache ? 'on' : 'off'}` === setting)?.row
      return found ? `${found.requestsPerSecond.toFixed(0)} · ${found.p50Ms}/${found.p99Ms} · ${found.serverCpuMicrosecondsPerRequest.toFixed(0)}` : ''
    })
    console.log(`| ${name} | ${cells.join(' | ')} |`)
  }
}
