// npm run bench -- --workers N: the real server (src/server.ts) with WORKERS=1 and then
// WORKERS=N, response cache off, over the seed, loaded in turn by autocannon (its own process
// is this one) with a varied workload; prints requests/s, p50/p99, the server's CPU per
// request (the whole process tree, from /proc) and the ratio of N workers to one process.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'

const TICKS_PER_SECOND = 100 // Linux's USER_HZ

/** CPU time (µs) of a process and its children so far, from /proc/PID/stat. */
function treeCpuMicroseconds(rootPid: number): number {
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((pid) => {
      try {
        // Fields after the command name: state is 3rd, ppid 4th, utime 14th, stime 15th.
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
        return { pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }
      } catch {
        return undefined // gone meanwhile
      }
    })
    .filter((s): s is { pid: number; ppid: number; ticks: number } => s !== undefined)
  const inTree = new Set([rootPid])
  for (let grew = true; grew; ) {
    grew = false
    for (const s of stats) {
      if (inTree.has(s.pid) || !inTree.has(s.ppid)) continue
      inTree.add(s.pid)
      grew = true
    }
  }
  return (stats.filter((s) => inTree.has(s.pid)).reduce((sum, s) => sum + s.ticks, 0) / TICKS_PER_SECOND) * 1e6
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** Starts src/server.ts and resolves once all its HTTP processes listen. */
async function startServer(env: Record<string, string>, workers: number): Promise<{ child: ChildProcess; origin: string }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), WORKERS: String(workers), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let listening = 0
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)))
    child.stdout!.on('data', (chunk: Buffer) => {
      listening += (chunk.toString().match(/Server listening at/g) ?? []).length
      if (listening >= workers) resolve()
    })
  })
  child.stdout!.resume()
  return { child, origin: `http://127.0.0.1:${port}` }
}

export async function compareWorkers(workers: number, duration: number, connections: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ward-plans-bench-workers-'))
  const env = {
    DATABASE_PATH: join(dir, 'bench.db'),
    DOWNLOADS_DIR: join(dir, 'downloads'),
    RESPONSE_CACHE: 'false',
    RATE_LIMIT_MAX: '1000000',
    MAX_EVENT_LOOP_DELAY_MS: '0',
    LOG_LEVEL: 'warn',
  }
  const rows = []
  try {
    for (const count of [1, workers]) {
      const server = await startServer(env, count)
      try {
        const planIds = ((await (await fetch(`${server.origin}/v1/plans?limit=100`)).json()) as { data: { id: string }[] }).data.map((p) => p.id)
        // Uncached and varied: every plan document, each plan's initiatives and issues, searches.
        const paths = [
          ...planIds.map((id) => `/v1/plans/${id}`),
          ...planIds.map((id) => `/v1/initiatives?plan=${id}&limit=20`),
          ...planIds.map((id) => `/v1/issues?plan=${id}`),
          ...['防災', '子育て', '地域', '区役所'].map((w) => `/v1/search?q=${encodeURIComponent(w)}`),
        ]
        const run = (seconds: number) =>
          autocannon({ url: server.origin, requests: paths.map((path) => ({ method: 'GET', path, headers: { 'accept-encoding': 'gzip, deflate, br' } })), connections, duration: seconds })
        await run(2) // warm-up, unmeasured
        const before = treeCpuMicroseconds(server.child.pid!)
        const result = await run(duration)
        const cpu = treeCpuMicroseconds(server.child.pid!) - before
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`WORKERS=${count}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
        const total = (result.requests as unknown as { total: number }).total
        rows.push({ workers: count, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuPerRequest: cpu / total })
      } finally {
        server.child.kill('SIGTERM')
        await new Promise((resolve) => server.child.once('exit', resolve))
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(`\nseed, response cache off, varied workload; ${connections} connections, ${duration} s each, autocannon in this process\n`)
  console.log('| WORKERS | req/s | p50 ms | p99 ms | server CPU µs/req (all processes) | vs one process |\n| ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of rows) {
    console.log(`| ${r.workers} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.cpuPerRequest.toFixed(0)} | ${((r.requestsPerSecond / rows[0].requestsPerSecond) * 100).toFixed(0)}% |`)
  }
}
