// The command line as API.md describes it, run as a user would.
import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import t from 'tap'
import { OPENINGS_DIR, SEED_DIR, SEED_PLAN, SEED_PLAN_DIR } from './helper.js'

const run = promisify(execFile)
const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  )

const dir = mkdtempSync(join(tmpdir(), 'ward-plans-cli-'))
const garbage = join(dir, 'weather.html')
writeFileSync(garbage, '<!DOCTYPE html><html><body>天気</body></html>')

t.test('parse one file prints the plan document', async (t) => {
  const { code, stdout } = await cli(['parse', SEED_PLAN])
  t.equal(code, 0)
  const plan = JSON.parse(stdout)
  t.equal(plan.id, 'asahi-2017')
  t.equal(plan.issues.length, 4)
})

t.test('parse several files prints JSON Lines', async (t) => {
  const { code, stdout } = await cli(['parse', SEED_PLAN, join(OPENINGS_DIR, 'kita-2022.txt')])
  t.equal(code, 0)
  const lines = stdout.trim().split('\n').map((line) => JSON.parse(line))
  t.same(lines.map((p) => p.id), ['asahi-2017', 'kita-2022'])
})

t.test('input that is not a plan exits 1 with one line naming the file', async (t) => {
  const { code, stdout, stderr } = await cli(['parse', garbage])
  t.equal(code, 1)
  t.equal(stdout, '')
  t.equal(stderr.trim().split('\n').length, 1)
  t.match(stderr, `${garbage}:1: no plan title found`, 'an HTML page is read as its text, which is no plan')
})

t.test('import loads plans; a bad file in the batch writes nothing', async (t) => {
  const env = { DATABASE_PATH: join(dir, 'cli.db'), DOWNLOADS_DIR: join(dir, 'downloads') }
  const databasePath = env.DATABASE_PATH
  const ok = await cli(['import', SEED_PLAN], env)
  t.equal(ok.code, 0, ok.stderr)
  t.match(ok.stderr, /asahi-2017\s+imported\s+9\s+48,639,000/, 'a summary table row')
  t.match(ok.stderr, /total\s+1 plan\(s\)\s+9\s+48,639,000\s+complete/, 'and its total, over complete plans')
  t.match(ok.stderr, /downloads: 15 files/)

  const excerpt = await cli(['import', join(OPENINGS_DIR, 'kita-2022.txt')], env)
  t.match(excerpt.stderr, /kita-2022\s+imported\s+1\s+77,800,000\s+excerpt/, 'an excerpt says so beside its budget')
  t.match(excerpt.stderr, /total\s+1 plan\(s\)\s+1\s+77,800,000\s+1 not complete/, 'and so does the total')

  const bad = await cli(['import', join(OPENINGS_DIR, 'osaka-somu-2023.txt'), garbage], env)
  t.equal(bad.code, 1)
  const db = new Database(databasePath, { readonly: true })
  t.teardown(() => db.close())
  t.same(db.prepare('select id from plans order by id').all(), [{ id: 'asahi-2017' }, { id: 'kita-2022' }], 'somu-2023 was not imported either')
  t.match(bad.stderr, /\[2\/2\] reading/, 'progress for a batch')

  // The same plan from two files: refused before anything is written, naming both.
  const copy = join(dir, 'somu-copy.txt')
  writeFileSync(copy, readFileSync(join(OPENINGS_DIR, 'osaka-somu-2023.txt'), 'utf8').replace('総務局', '総務局 '))
  const twice = await cli(['import', join(OPENINGS_DIR, 'osaka-somu-2023.txt'), copy], env)
  t.equal(twice.code, 1)
  t.match(twice.stderr, `error: ${copy}: /id: plan somu-2023 is also in ${join(OPENINGS_DIR, 'osaka-somu-2023.txt')}, with other content`)
  t.same(db.prepare('select id from plans order by id').all(), [{ id: 'asahi-2017' }, { id: 'kita-2022' }], 'nothing was imported')
  const same = join(dir, 'asahi-copy.txt')
  copyFileSync(SEED_PLAN, same)
  const identical = await cli(['import', SEED_PLAN, same], env)
  t.equal(identical.code, 0, 'the same document twice is one import')
  t.match(identical.stderr, /total\s+1 plan\(s\)\s+9\s+48,639,000/, 'counted once')
})

t.test('seed loads the plans and the catalogue of SEED_DIR', async (t) => {
  const seedDir = mkdtempSync(join(dir, 'seed-'))
  copyFileSync(join(SEED_PLAN_DIR, 'asahi-2017.txt'), join(seedDir, 'asahi-2017.txt'))
  copyFileSync(join(SEED_DIR, 'catalogue.csv'), join(seedDir, 'catalogue.csv'))
  const env = { SEED_DIR: seedDir, DATABASE_PATH: join(dir, 'seed.db'), DOWNLOADS_DIR: join(dir, 'seed-downloads') }
  const { code, stderr } = await cli(['seed'], env)
  t.equal(code, 0, stderr)
  const db = new Database(env.DATABASE_PATH, { readonly: true })
  t.teardown(() => db.close())
  t.same(db.prepare('select count(*) as n from catalogue_entries').get(), { n: 107 })
  t.same(db.prepare("select plan_id as planId from catalogue_entries where url like '%/asahi/page/0000397263.html'").get(), { planId: 'asahi-2017' })
})
