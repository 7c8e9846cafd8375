// The server process: listens on HOST:PORT, and SIGTERM lets requests finish, closes the database and exits 0.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import t from 'tap'

t.test('graceful shutdown on SIGTERM', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ward-plans-server-'))
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', WORKERS: '1', DATABASE_PATH: join(dir, 'plans.db'), DOWNLOADS_DIR: join(dir, 'downloads'), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const logs: Record<string, unknown>[] = []
  let buffered = ''
  const listening = new Promise<string>((resolve) => {
    server.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) {
        const entry = JSON.parse(line)
        logs.push(entry)
        const address = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(entry.msg ?? '')
        if (address) resolve(address[1])
      }
    })
  })
  const origin = await listening
  t.ok(logs.every((entry) => typeof entry.level === 'number'), 'logs are JSON lines')

  // SIGTERM as soon as the server has the request: it still gets its answer.
  const inFlight = fetch(`${origin}/v1/plans/asahi-2017`)
  while (!logs.some((entry) => entry.msg === 'incoming request')) await new Promise((resolve) => setTimeout(resolve, 1))
  server.kill('SIGTERM')
  const response = await inFlight
  t.equal(response.status, 200)
  t.equal((await response.json()).id, 'asahi-2017')
  const [code] = await once(server, 'exit')
  t.equal(code, 0, 'exits 0')
  t.ok(logs.some((entry) => entry.msg === 'closing' && entry.signal === 'SIGTERM'), 'logs the signal')
  t.ok(logs.some((entry) => typeof entry.reqId === 'string'), 'request logs carry a request id')
})
