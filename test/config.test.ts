// Configuration values: every bad one is a ConfigError whose one-line message
// names the variable, the value and what is allowed.
import { availableParallelism } from 'node:os'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { ConfigError, loadConfig } from '../src/config.js'
import { checkDatabasePath, checkDownloadsDir, checkSeedDir } from '../src/startup-checks.js'
import { SEED_DIR, SEED_PLAN, tempDir } from './helper.js'

const INTEGERS = { PORT: [0, 65535], RATE_LIMIT_MAX: [1, 1_000_000], BODY_LIMIT_BYTES: [1024, 104_857_600], REQUEST_TIMEOUT_MS: [100, 3_600_000], MAX_EVENT_LOOP_DELAY_MS: [0, 60_000] } as const
const NOT_DIGITS = ['Infinity', '+Infinity', '-Infinity', 'infinity', '1e999', '1e3', '0x10', '0b1', '-1', '1.5', '10.0', ' 80', '80 ', '', 'NaN', '99999999999', '１０']

function refusal(t: Test, env: NodeJS.ProcessEnv) {
  try {
    loadConfig(env)
  } catch (error) {
    t.ok(error instanceof ConfigError, `${JSON.stringify(env)} is a ConfigError`)
    t.notMatch((error as Error).message, /\n/, 'one line')
    return (error as Error).message
  }
  t.fail(`${JSON.stringify(env)} was accepted`)
  return ''
}

t.test('integers are plain digits within their range', async (t) => {
  for (const [variable, [min, max]] of Object.entries(INTEGERS)) {
    for (const value of [...NOT_DIGITS, ...(min > 0 ? [String(min - 1)] : []), String(max + 1)]) {
      const message = refusal(t, { [variable]: value })
      t.equal(message, `invalid configuration: ${variable}=${JSON.stringify(value)}; expected an integer from ${min} to ${max}, digits only`)
    }
    t.equal(loadConfig({ [variable]: String(max) })[variable as keyof typeof INTEGERS], max, `${variable}=${max} is fine`)
  }
  t.equal(loadConfig({ PORT: '080' }).PORT, 80)
})

t.test('ADMIN_TOKEN is a bearer token that can be sent back, and is never printed', async (t) => {
  for (const token of ['has a space 0123456789', 'comma,0123456789abcdef', 'tab\t0123456789abcdef', 'ümlaut-0123456789abcdef', 'short-token', '=leading-padding-0123', 'x'.repeat(1025)]) {
    const message = refusal(t, { ADMIN_TOKEN: token })
    t.equal(message, `invalid configuration: ADMIN_TOKEN=(${token.length} characters, not shown); expected 16 to 1024 of the characters A-Z a-z 0-9 - . _ ~ + / (then = padding), or unset to refuse writes`)
  }
  t.equal(loadConfig({ ADMIN_TOKEN: 'abc.DEF_123~+/-xyz==' }).ADMIN_TOKEN, 'abc.DEF_123~+/-xyz==')
  t.equal(loadConfig({}).ADMIN_TOKEN, undefined, 'unset: writes are off')
})

t.test('texts, enums and URLs', async (t) => {
  t.match(refusal(t, { HOST: 'bad host' }), /^invalid configuration: HOST="bad host"; expected an address or host name of this machine/)
  t.match(refusal(t, { HOST: '' }), /^invalid configuration: HOST=""; expected/)
  t.match(refusal(t, { LOG_LEVEL: 'loud' }), /^invalid configuration: LOG_LEVEL="loud"; expected one of fatal, error, warn, info, debug, trace, silent$/)
  t.match(refusal(t, { DATASET_LICENSE_URL: 'javascript:alert(1)' }), /^invalid configuration: DATASET_LICENSE_URL="javascript:alert\(1\)"; expected an absolute http\(s\) URL$/)
  t.match(refusal(t, { DATABASE_PATH: '' }), /^invalid configuration: DATABASE_PATH=""; expected a SQLite database file/)
  const long = refusal(t, { DATASET_TITLE: 'x'.repeat(5000) })
  t.ok(long.length < 400, 'a long value is cut short in the message')
  t.same(
    { ...loadConfig({}) },
    { HOST: '0.0.0.0', PORT: 3000, DATABASE_PATH: 'data/ward-plans.db', LOG_LEVEL: 'info', SEED_DIR: 'seed', RATE_LIMIT_MAX: 600, RATE_LIMIT_SERVER_MS: 15_000, MAX_CONNECTIONS: 0, MAX_CONNECTIONS_PER_CLIENT: 256, BODY_LIMIT_BYTES: 1_048_576, REQUEST_TIMEOUT_MS: 10_000, MAX_EVENT_LOOP_DELAY_MS: 1000, DOWNLOADS_DIR: 'data/downloads', READ_ONLY: false, SNAPSHOT_REFRESH_SECONDS: 60, WORKERS: availableParallelism(), RESPONSE_CACHE: true },
    'the defaults',
  )
})

t.test('booleans are true or false', async (t) => {
  for (const value of ['yes', '1', 'TRUE', 'off', '']) {
    t.equal(refusal(t, { RESPONSE_CACHE: value }), `invalid configuration: RESPONSE_CACHE=${JSON.stringify(value)}; expected true (repeated reads answered from memory) or false`)
  }
  t.equal(loadConfig({ RESPONSE_CACHE: 'false' }).RESPONSE_CACHE, false, 'false turns the response cache off')
  t.equal(loadConfig({ RESPONSE_CACHE: 'true' }).RESPONSE_CACHE, true)
  t.equal(loadConfig({ READ_ONLY: 'true' }).READ_ONLY, true)
})

t.test('paths are checked without writing anything', async (t) => {
  const dir = tempDir(t, 'config')
  const text = join(dir, 'notes.db')
  writeFileSync(text, 'not a database')
  const cases: [() => void, RegExp][] = [
    [() => checkDatabasePath(text), /^invalid configuration: DATABASE_PATH=".*notes\.db": .*notes\.db is not a SQLite database \(it does not start with "SQLite format 3"\); expected a SQLite database file/],
    [() => checkDatabasePath(dir), /^invalid configuration: DATABASE_PATH=".*": .* is not a file; expected/],
    [() => checkDatabasePath(join(text, 'x.db')), /^invalid configuration: DATABASE_PATH=".*notes\.db\/x\.db": cannot look at .* \(ENOTDIR\); expected/],
    [() => checkDatabasePath('/proc/self/nope/x.db'), /^invalid configuration: DATABASE_PATH="\/proc\/self\/nope\/x\.db": the directory \/proc\/self cannot be written \((EACCES|EPERM)\); expected/],
    [() => checkDownloadsDir(text), /^invalid configuration: DOWNLOADS_DIR=".*notes\.db": .* is not a directory; expected a directory/],
    [() => checkDownloadsDir('/proc/self/nope/d'), /^invalid configuration: DOWNLOADS_DIR="\/proc\/self\/nope\/d": the directory \/proc\/self cannot be written/],
    [() => checkSeedDir(join(dir, 'missing')), /^invalid configuration: SEED_DIR=".*missing": cannot read .*missing \(ENOENT\); expected a readable directory of plan texts/],
    [() => checkSeedDir(SEED_PLAN), /^invalid configuration: SEED_DIR=".*asahi-2017\.txt": .* is not a directory/],
  ]
  for (const [check, message] of cases) t.throws(check, message)
  checkDatabasePath(join(dir, 'new', 'deeper', 'plans.db'))
  checkDatabasePath(':memory:')
  checkDownloadsDir(join(dir, 'downloads'))
  checkSeedDir(SEED_DIR)
  t.same(readdirSync(dir), ['notes.db'], 'nothing was created')
})
