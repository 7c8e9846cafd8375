// npx tsx scripts/bench/search-cost.ts [--plans N] [--db PATH] [--rounds R]
// The server CPU one search request costs, in-process: the seed plans plus N synthetic
// plans (default 1000) in a database built once at PATH (kept, so runs before and after a
// change read the same file), then each query asked of a fresh app (cold: nothing kept by
// the services' memos) with the response cache off, timed with process.cpuUsage around
// app.inject. Prints each query's median over the rounds, and its hit count.
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildApp } from '../../src/app.js'
import { openDatabase } from '../../src/db/connection.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { seedDatabase } from '../../src/importer/seed.js'
import { parsePlan } from '../../src/plans/parse.js'
import { syntheticPlans } from './synthetic-plans.js'

const { values } = parseArgs({
  options: {
    plans: { type: 'string', default: '1000' },
    db: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    only: { type: 'string' },
  },
})
const plans = Number(values.plans)
const rounds = Number(values.rounds)
const seedDir = new URL('../../seed', import.meta.url).pathname
const databasePath = values.db ?? join(tmpdir(), `ward-plans-search-cost-${plans}.db`)

if (!existsSync(databasePath)) {
  const started = Date.now()
  const connection = openDatabase(databasePath)
  seedDatabase(connection.db, seedDir)
  importPlans(connection.db, syntheticPlans(parsePlan(readFileSync(join(seedDir, 'asahi-2017.txt'), 'utf8')), plans).map((plan) => ({ plan })))
  connection.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  connection.close()
  console.log(`built ${databasePath} (seed + ${plans} synthetic plans) in ${Date.now() - started} ms`)
}

const COMMON = ['の', 'に', 'は', 'を', 'た', 'が', 'で', 'て', 'と', 'し', 'れ', 'さ', 'る', 'い', 'う', '区']
const FACETS = 'facets=kind,organization,fiscalYear,completeness'
const q = (text: string) => `q=${encodeURIComponent(text)}`
const QUERIES: [string, string][] = [
  ['q=の', `/v1/search?${q('の')}`],
  ['q=の limit=100', `/v1/search?${q('の')}&limit=100`],
  ['q=の sort=-fiscalYear limit=100, 4 facets', `/v1/search?${q('の')}&sort=-fiscalYear&limit=100&${FACETS}`],
  ['q=の sort=plan, 4 facets', `/v1/search?${q('の')}&sort=plan&${FACETS}`],
  ['q=の, 4 facets', `/v1/search?${q('の')}&${FACETS}`],
  ['q=16 common characters sort=plan, 4 facets', `/v1/search?${q(COMMON.join(' '))}&sort=plan&${FACETS}`],
  ['q=16 common characters', `/v1/search?${q(COMMON.join(' '))}`],
  ['q=防災', `/v1/search?${q('防災')}`],
  ['q=防災, 4 facets', `/v1/search?${q('防災')}&${FACETS}`],
  ['q=地域 kind=initiative organization=synthetic01, 4 facets', `/v1/search?${q('地域')}&kind=initiative&organization=synthetic01&${FACETS}`],
  ['q=マタニティカフェ', `/v1/search?${q('マタニティカフェ')}`],
  ['q=存在しない言葉', `/v1/search?${q('存在しない言葉')}`],
].filter(([name]) => values.only === undefined || name.includes(values.only)) as [string, string][]

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const times = new Map<string, number[]>(QUERIES.map(([name]) => [name, []]))
const totals = new Map<string, number>()
for (let round = 0; round < rounds; round++) {
  for (const [name, url] of QUERIES) {
    // A fresh app each time: its memos are empty, as after an import.
    const app = await buildApp({ databasePath, seedDir: null, cacheResponses: false, readOnly: true })
    await app.inject({ url: '/healthz' })
    const cpu = process.cpuUsage()
    const response = await app.inject({ url })
    const used = process.cpuUsage(cpu)
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`)
    times.get(name)!.push((used.user + used.system) / 1000)
    totals.set(name, response.json().page.total)
    await app.close()
  }
}
console.log(`node ${process.version}, ${rounds} rounds, cold (fresh app per request), response cache off, ${databasePath}`)
for (const [name, ms] of times) {
  console.log(`${name.padEnd(60)} ${median(ms).toFixed(1).padStart(7)} ms CPU (min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)})  total ${totals.get(name)}`)
}
