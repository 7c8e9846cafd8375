// A server process (src/server.ts) run as in production, for the tests of
// processes: its JSON log lines collected, its origin read from the log.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { request } from 'node:http'

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
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
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
      void exited.then(() => reject(new Error('the server exited')))
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
