// A server started with a bad value stops at once: exit code 1, one line on
// stderr naming the variable, the value and what is allowed, and nothing
// written (no database, no downloads, an existing file untouched).
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import t from 'tap'
import { tempDir } from './helper.js'

const LIMIT_MS = 30_000
// A dozen starts of tsx, a few seconds each on a busy machine.
t.setTimeout(300_000)

interface Outcome {
  code: number | null
  stderr: string
  stdout: string
}

function startServer(env: NodeJS.ProcessEnv, asUser?: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const server = [process.execPath, '--import', 'tsx', 'src/server.ts']
    // tap puts its coverage hook into every child's NODE_OPTIONS, and it writes where another user may not.
    const [command, ...args] = asUser === undefined ? server : ['/usr/bin/env', '-u', 'NODE_OPTIONS', ...server]
    const child = spawn(command, args, {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asUser === undefined ? {} : { uid: asUser, gid: asUser }),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`still running after ${LIMIT_MS} ms: ${JSON.stringify(env)}\n${stderr}`))
    }, LIMIT_MS)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stderr, stdout })
    })
  })
}

/** A directory for one case: the database and downloads would go under it. */
function caseDir(t: Tap, name: string) {
  const dir = tempDir(t, `start-${name}`)
  chmodSync(dir, 0o755) // readable by the unprivileged user of the read-only case
  return { dir, env: { HOST: '127.0.0.1', PORT: '0', DATABASE_PATH: join(dir, 'db', 'plans.db'), DOWNLOADS_DIR: join(dir, 'downloads') } }
}
type Tap = Parameters<typeof tempDir>[0]

function assertStopped(t: Tap & { equal: Function; match: Function; same: Function }, outcome: Outcome, line: RegExp, dir: string, keep: string[] = []) {
  t.equal(outcome.code, 1, 'exit code 1')
  t.equal(outcome.stderr.split('\n').filter(Boolean).length, 1, `one line on stderr: ${outcome.stderr}`)
  t.match(outcome.stderr, line)
  t.equal(outcome.stdout, '', 'nothing logged: the server never started')
  t.same(readdirSync(dir).sort(), keep, 'no database and no downloads were created')
}

t.test('bad values in the environment', async (t) => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['port', { PORT: 'Infinity' }, /^invalid configuration: PORT="Infinity"; expected an integer from 0 to 65535, digits only\n$/],
    // BODY_LIMIT_BYTES=1e999, REQUEST_TIMEOUT_MS=Infinity, RATE_LIMIT_MAX=Infinity and every other
    // number spelling are refused by the same loadConfig in test/config.test.ts: one spawn shows the wiring.
    ['token', { ADMIN_TOKEN: 'a token with spaces 0123456789' }, /^invalid configuration: ADMIN_TOKEN=\(30 characters, not shown\); expected 16 to 1024 of the characters/],
    ['host', { HOST: '203.0.113.7' }, /^invalid configuration: HOST="203\.0\.113\.7": cannot listen on 203\.0\.113\.7 \(EADDRNOTAVAIL\); expected an address or host name of this machine/],
    ['proc', { DATABASE_PATH: '/proc/self/nope/x.db' }, /^invalid configuration: DATABASE_PATH="\/proc\/self\/nope\/x\.db": the directory \/proc\/self cannot be written \((EACCES|EPERM)\); expected a SQLite database file/],
    ['proc-downloads', { DOWNLOADS_DIR: '/proc/self/nope/downloads' }, /^invalid configuration: DOWNLOADS_DIR="\/proc\/self\/nope\/downloads": the directory \/proc\/self cannot be written/],
  ]
  // Four at a time: each start costs a few seconds of tsx.
  for (let i = 0; i < cases.length; i += 4) {
    await Promise.all(
      cases.slice(i, i + 4).map(async ([name, env, line]) => {
        const { dir, env: base } = caseDir(t, name)
        const outcome = await startServer({ ...base, ...env })
        t.test(`${JSON.stringify(env)}`, async (t) => {
          assertStopped(t, outcome, line, dir)
          if (name === 'token') t.notMatch(outcome.stderr, /spaces/, 'the token is not printed')
        })
      }),
    )
  }
})

t.test('a busy port stops the start before the database is seeded', async (t) => {
  const holder = createServer()
  await new Promise<void>((resolve) => holder.listen({ host: '127.0.0.1', port: 0 }, resolve))
  t.teardown(() => holder.close())
  const port = (holder.address() as { port: number }).port
  const { dir, env } = caseDir(t, 'busy')
  const outcome = await startServer({ ...env, PORT: String(port) })
  assertStopped(t, outcome, new RegExp(`^invalid configuration: PORT="${port}": port ${port} on 127\\.0\\.0\\.1 is in use \\(EADDRINUSE\\); expected a free port`), dir)
})

t.test('a file that is not SQLite is named, and left as it was', async (t) => {
  const { dir, env } = caseDir(t, 'not-sqlite')
  const path = join(dir, 'notes.txt')
  writeFileSync(path, 'my notes, not a database\n')
  const outcome = await startServer({ ...env, DATABASE_PATH: path })
  assertStopped(t, outcome, /^invalid configuration: DATABASE_PATH=".*notes\.txt": .*notes\.txt is not a SQLite database \(it does not start with "SQLite format 3"\); expected/, dir, ['notes.txt'])
  t.equal(readFileSync(path, 'utf8'), 'my notes, not a database\n', 'unchanged')
})

t.test('a directory the server may not write is named', async (t) => {
  const root = process.getuid?.() === 0
  const { dir, env } = caseDir(t, 'read-only')
  const readOnly = join(dir, 'ro')
  mkdirSync(readOnly)
  chmodSync(readOnly, 0o555)
  // Root writes anywhere: run the server as nobody (65534) so the permissions count.
  const outcome = await startServer({ ...env, DATABASE_PATH: join(readOnly, 'plans.db'), HOME: dir, TSX_DISABLE_CACHE: '1' }, root ? 65534 : undefined)
  assertStopped(t, outcome, /^invalid configuration: DATABASE_PATH=".*\/ro\/plans\.db": the directory .*\/ro cannot be written \(EACCES\); expected a SQLite database file, or a path where one can be created, in a writable directory\n$/, dir, ['ro'])
  t.same(readdirSync(readOnly), [], 'nothing in it either')
  t.notOk(existsSync(join(dir, 'downloads')))
})
