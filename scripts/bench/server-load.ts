// What the benches of whole servers (--workers, --replicas) share: the CPU time
// of a process tree from /proc, an uncached varied workload over the seed, one
// measured load of an origin, and the table they print.
import { readFileSync, readdirSync } from 'node:fs'
import autocannon from 'autocannon'

const TICKS_PER_SECOND = 100 // Linux's USER_HZ

/** CPU time (µs) so far of the given processes and all their descendants, from /proc/PID/stat. */
export function treeCpuMicroseconds(rootPids: number[]): number {
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
  const inTree = new Set(rootPids)
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

/** Uncached and varied: every plan document, each plan's initiatives and issues, searches. */
export async function variedPaths(origin: string): Promise<string[]> {
  const planIds = ((await (await fetch(`${origin}/v1/plans?limit=100`)).json()) as { data: { id: string }[] }).data.map((p) => p.id)
  return [
    ...planIds.map((id) => `/v1/plans/${id}`),
    ...planIds.map((id) => `/v1/initiatives?plan=${id}&limit=20`),
    ...planIds.map((id) => `/v1/issues?plan=${id}`),
    ...['防災', '子育て', '地域', '区役所'].map((w) => `/v1/search?q=${encodeURIComponent(w)}`),
  ]
}

export interface LoadRow {
  name: string
  requestsPerSecond: number
  p50: number
  p99: number
  /** Server CPU per request: every process of the trees rooted at the given pids. */
  cpuPerRequest: number
}

/** Warms `origin` up unmeasured, then loads it with `paths` and reads the servers' CPU time around the run. */
export async function measureLoad(name: string, origin: string, paths: string[], pids: number[], options: { duration: number; connections: number }): Promise<LoadRow> {
  const run = (seconds: number) =>
    autocannon({ url: origin, requests: paths.map((path) => ({ method: 'GET', path, headers: { 'accept-encoding': 'gzip, deflate, br' } })), connections: options.connections, duration: seconds })
  await run(2)
  const before = treeCpuMicroseconds(pids)
  const result = await run(options.duration)
  const cpu = treeCpuMicroseconds(pids) - before
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  const total = (result.requests as unknown as { total: number }).total
  return { name, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuPerRequest: cpu / total }
}

/** The rows as a Markdown table, each with its ratio to the first. */
export function printLoadRows(heading: string, what: string, rows: LoadRow[]): void {
  console.log(`\n${heading}\n`)
  console.log(`| ${what} | req/s | p50 ms | p99 ms | server CPU µs/req (all processes) | vs the first row |\n| --- | ---: | ---: | ---: | ---: | ---: |`)
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.cpuPerRequest.toFixed(0)} | ${((r.requestsPerSecond / rows[0].requestsPerSecond) * 100).toFixed(0)}% |`)
  }
}
