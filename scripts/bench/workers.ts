// npm run bench -- --workers N: the real server (src/server.ts) with WORKERS=1 and then
// WORKERS=N, response cache off, over the seed, loaded in turn by autocannon (its own process
// is this one) with a varied workload; prints requests/s, p50/p99, the server's CPU per
// request (the whole process tree, from /proc) and the ratio of N workers to one process.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, serving, spawnServer } from '../processes/server.js'
import { type LoadRow, measureLoad, printLoadRows, variedPaths } from './server-load.js'

/** What every server of the benches runs with: no response cache, no rate limit or load shedding, warnings only in the log. */
export const BENCH_SERVER_ENV = { RESPONSE_CACHE: 'false', RATE_LIMIT_MAX: '1000000', RATE_LIMIT_SERVER_MS: '0', MAX_EVENT_LOOP_DELAY_MS: '0', LOG_LEVEL: 'warn' }

export async function compareWorkers(workers: number, duration: number, connections: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ward-plans-bench-workers-'))
  const env = { ...BENCH_SERVER_ENV, DATABASE_PATH: join(dir, 'bench.db'), DOWNLOADS_DIR: join(dir, 'downloads') }
  const rows: LoadRow[] = []
  try {
    for (const count of [1, workers]) {
      const port = await freePort()
      const server = spawnServer({ ...env, PORT: String(port), WORKERS: String(count) })
      try {
        const origin = `http://127.0.0.1:${port}`
        await serving(origin, { processes: count, exited: server.exited })
        rows.push(await measureLoad(`WORKERS=${count}`, origin, await variedPaths(origin), [server.process.pid!], { duration, connections }))
      } finally {
        server.process.kill('SIGTERM')
        await server.exited
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  printLoadRows(`seed, response cache off, varied workload; ${connections} connections, ${duration} s each, autocannon in this process`, 'WORKERS', rows)
}
