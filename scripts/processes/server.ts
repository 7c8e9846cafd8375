// A server process (src/server.ts) run as in production, for the tests of
// processes and the benchmarks of several: its JSON log lines collected, its
// origin read from the log (or, when it logs only warnings, from its port and
// /healthz).
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'

export type LogEntry = Record<string, unknown> & { msg?: string; pid?: number }

export interface SpawnedServer {
  process: ChildProcess
  logs: LogEntry[]
  /** Resolves with the first log entry (from now on or already logged) `match` accepts. */
  waitForLog(match: (entry: LogEntry) => boolean, timeoutMs?: number): Promise<LogEntry>
  /** The address of the first "Server listening" line. */
  origin: Promise<string>
  /** Resolves with the exit code. */
  exited: Promise<number | null>
}

export function spawnServer(env: Record<string, string>): SpawnedServer {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('../../src/server.ts', import.meta.url).pathname], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const logs: LogEntry[] = []
  const waiters = new Set<{ match: (entry: LogEntry) => boolean; resolve: (entry: LogEntry) => void }>()
  let buffered = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) {
      const entry = JSON.parse(line) as LogEntry
      logs.push(entry)
      for (const waiter of waiters) if (waiter.match(entry)) waiter.resolve(entry)
    }
  })
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  const waitForLog = (match: (entry: LogEntry) => boolean, timeoutMs = 60_000) => {
    const seen = logs.find(match)
    if (seen) return Promise.resolve(seen)
    return new Promise<LogEntry>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such log line in ${timeoutMs} ms`)), timeoutMs)
      const waiter = {
        match,
        resolve: (entry: LogEntry) => {
          clearTimeout(timer)
          waiters.delete(waiter)
          resolve(entry)
        },
      }
      waiters.add(waiter)
      void exited.then(() => {
        // Not left to run on: a pending wait would hold the test or bench open after the server is gone.
        clearTimeout(timer)
        reject(new Error('the server exited'))
      })
    })
  }
  const origin = waitForLog((entry) => /Server listening at http/.test(entry.msg ?? '')).then((entry) => /(http:\/\/[\d.]+:\d+)/.exec(entry.msg!)![1])
  origin.catch(() => undefined) // a server that exits before it listens rejects only for those who wait
  return { process: child, logs, waitForLog, origin, exited }
}

/** GET on a new connection each time (no keep-alive), so a cluster hands each to its next worker. */
export function getOnNewConnection(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }))
      response.on('error', reject)
    })
      .on('error', reject)
      .end()
  })
}

/** Which process answered: request ids start with a random prefix per process (src/app.ts). */
export const processOf = (requestId: unknown) => String(requestId).split('-').slice(0, 2).join('-')

/** A port free on 127.0.0.1 right now, for a server told its port in advance. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/**
 * Resolves once `origin` answers /healthz from `processes` different processes (the workers
 * of a cluster each take new connections in turn); rejects when `exited` settles first.
 */
export async function serving(origin: string, options: { processes?: number; exited?: Promise<unknown>; timeoutMs?: number } = {}): Promise<void> {
  let exited = false
  void options.exited?.then(() => (exited = true))
  const seen = new Set<string>()
  for (const deadline = Date.now() + (options.timeoutMs ?? 60_000); Date.now() < deadline && !exited; ) {
    const answer = await getOnNewConnection(`${origin}/healthz`).catch(() => undefined)
    if (answer?.status === 200) seen.add(processOf(answer.headers['x-request-id']))
    if (seen.size >= (options.processes ?? 1)) return
    if (answer?.status !== 200) await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${origin} does not answer${exited ? ': the server exited' : ''}`)
}
