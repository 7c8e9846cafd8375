// npx tsx scripts/bench/cpu-breakdown.ts [--scale N] [--cache on|off] [--duration S] [--accept-encoding E] PATH…
// Where one target's server CPU goes, by what burns it: the server (app-server.ts, over the
// seed or N synthetic plans) is loaded with autocannon from this process while Linux `perf`
// samples its CPU (`perf record -g`, on-CPU time only, kernel included; Node runs with
// --perf-basic-prof so JIT code has names). Each sample goes to the first of these its stack
// shows, from the leaf up: zlib, SQLite, hashing, V8's garbage collector, the kernel (socket
// writes, reads, the rest), else the innermost JavaScript frame's code: ours (src/…), a
// package (npm:…) or Node's own (node:…); anything left is "other native". Prints each
// category's share and its µs per request (the share of the CPU per request read from /proc
// over the same seconds). V8 profiles (BENCH_PROFILE_DIR) sample wall time and cannot see zlib
// or the kernel; this sees both. Needs `perf` (Debian: linux-perf) and perf_event_paranoid ≤ 2.
import { execFileSync, fork, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { openDatabase } from '../../src/db/connection.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { seedDatabase } from '../../src/importer/seed.js'
import { parsePlan } from '../../src/plans/parse.js'
import { syntheticPlans } from './synthetic-plans.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    scale: { type: 'string' },
    cache: { type: 'string', default: 'off' },
    duration: { type: 'string', default: '6' },
    'accept-encoding': { type: 'string', default: 'gzip, deflate, br' },
  },
})
if (positionals.length === 0) throw new Error('give the paths to load, e.g. "/v1/initiatives?limit=20" (each connection cycles through them)')
const duration = Number(values.duration)
const seedDir = new URL('../../seed/', import.meta.url).pathname

/** Categories by a frame's symbol, tried from the sample's leaf up: the first match takes the sample. */
const NATIVE: [string, RegExp][] = [
  ['zlib (gzip)', /^(deflate|_tr_|crc32|longest_match|compress_block|build_tree|pqdownheap|send_tree|scan_tree|fill_window|adler32|.*ZlibContext|.*CompressionStream)/],
  ['SQLite', /^(sqlite3|Statement::|.*better_sqlite3)/],
  ['hashing (ETags, keys)', /^(sha1_|sha256_|sha512_|EVP_Digest|.*Hash::OneShotDigest)/],
  ['V8 garbage collection', /(Scavenge|MarkCompact|Sweeper|Heap::CollectGarbage|ConcurrentMarking|MinorMarkSweep)/],
]

function categoryOf(frames: { sym: string; kernel: boolean }[]): string {
  if (frames[0]?.kernel) {
    const stack = frames.map((f) => f.sym).join(' ')
    if (/writev|sendmsg|do_writev|tcp_sendmsg/.test(stack)) return 'kernel: socket writes (loopback)'
    if (/sys_read|recvmsg|tcp_recvmsg|do_readv|vfs_read/.test(stack)) return 'kernel: socket reads'
    return 'kernel: other (epoll, timers, faults)'
  }
  for (const frame of frames) {
    for (const [name, pattern] of NATIVE) if (pattern.test(frame.sym)) return name
    const js = /^JS:\S*\s+(.*)$/.exec(frame.sym)
    if (!js) continue
    const ours = /\/src\/([\w/.-]+?)\.ts/.exec(js[1])
    if (ours) return `ours: src/${ours[1]}.ts`
    const pkg = /node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\//.exec(js[1])
    if (pkg) return `npm: ${pkg[1]}`
    const node = /(node:[\w/]+)/.exec(js[1])
    if (node) return /http|net|stream|buffer/.test(node[1]) ? 'Node: http, net, streams, buffers' : 'Node: other'
  }
  return 'other native (V8, Node, libc)'
}

// A throwaway database: the seed plans, or N synthetic plans made from the seed plan.
const dir = mkdtempSync(join(tmpdir(), 'ward-plans-breakdown-'))
const databasePath = join(dir, 'bench.db')
const connection = openDatabase(databasePath)
if (values.scale === undefined) seedDatabase(connection.db, seedDir)
else importPlans(connection.db, syntheticPlans(parsePlan(readFileSync(join(seedDir, 'asahi-2017.txt'), 'utf8')), Number(values.scale)).map((plan) => ({ plan })))
connection.close()

const server = fork(new URL('./app-server.ts', import.meta.url).pathname, {
  // --perf-basic-prof also logs code events: to the throwaway directory, not the working one.
  execArgv: ['--perf-basic-prof', '--no-logfile-per-isolate', `--logfile=${join(dir, 'v8.log')}`, '--import', 'tsx'],
  env: { ...process.env, DATABASE_PATH: databasePath, RESPONSE_CACHE: String(values.cache === 'on') },
})
try {
  const port = await new Promise<number>((resolve, reject) => {
    server.once('message', (message: { port: number }) => resolve(message.port))
    server.once('exit', (code) => reject(new Error(`app-server.ts exited with ${code}`)))
  })
  const load = (seconds: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 10,
      duration: seconds,
      requests: positionals.map((path) => ({ method: 'GET' as const, path, headers: { 'accept-encoding': values['accept-encoding'] } })),
    })
  // /proc/PID/stat fields 14 and 15: user and system time in clock ticks.
  const cpuTicks = () => readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).map(Number).reduce((a, b) => a + b)
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }))
  await load(3) // warm-up: JIT and the data version's memos
  const perfData = join(dir, 'perf.data')
  const perf = spawn('perf', ['record', '-F', '2999', '-g', '-p', String(server.pid), '-o', perfData, '--', 'sleep', String(duration)], { stdio: 'ignore' })
  const before = cpuTicks()
  const result = await load(duration)
  const microsecondsPerRequest = ((cpuTicks() - before) / ticksPerSecond) * 1e6 / (result.requests as unknown as { total: number }).total
  await new Promise((resolve) => perf.once('exit', resolve))
  if (result.non2xx > 0) throw new Error(`${result.non2xx} answers were not 2xx`)

  const script = execFileSync('perf', ['script', '-i', perfData, '-F', 'ip,sym,dso'], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] })
  const counts = new Map<string, number>()
  let samples = 0
  for (const block of script.split('\n\n')) {
    const frames = block
      .split('\n')
      .map((line) => /^\s*[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$/.exec(line))
      .flatMap((m) => (m ? [{ sym: m[1].replace(/\+0x[0-9a-f]+$/, ''), kernel: m[2].includes('kernel') }] : []))
    if (frames.length === 0) continue
    samples++
    const category = categoryOf(frames)
    counts.set(category, (counts.get(category) ?? 0) + 1)
  }
  console.log(`${positionals.join(' ')}\n${values.scale ?? 'seed'} plans, cache ${values.cache}, Accept-Encoding: ${values['accept-encoding']}; ${result.requests.average.toFixed(0)} req/s, server CPU ${microsecondsPerRequest.toFixed(0)} µs per request; ${samples} samples\n`)
  console.log('| where | share | µs per request |\n| --- | ---: | ---: |')
  for (const [category, count] of [...counts].sort((a, b) => b[1] - a[1])) {
    const share = count / samples
    console.log(`| ${category} | ${(share * 100).toFixed(1)}% | ${(share * microsecondsPerRequest).toFixed(1)} |`)
  }
} finally {
  const exited = new Promise((resolve) => server.once('exit', resolve))
  server.kill('SIGTERM')
  await exited
  // The symbol map --perf-basic-prof wrote, and the database.
  rmSync(`/tmp/perf-${server.pid}.map`, { force: true })
  rmSync(dir, { recursive: true, force: true })
}
