// The command line with pages: import a URL, and sync a catalogue, run as a
// user would, against a site on loopback.
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import t from 'tap'
import { SEED_PLAN, tempDir } from '../helper.js'
import { startSite } from './loopback.js'
import { encodePage, planPage } from './plan-page.js'

const run = promisify(execFile)
const cli = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  )

const seedText = readFileSync(SEED_PLAN, 'utf8')

t.test('cli import URL, and cli sync over a catalogue', async (t) => {
  const site = await startSite(t, {
    '/asahi/page/0000397263.html': { body: encodePage(planPage(seedText), 'shift_jis'), contentType: 'text/html; charset=Shift_JIS', etag: '"1"' },
  })
  const dir = tempDir(t, 'cli-sources')
  const env = { DATABASE_PATH: join(dir, 'plans.db'), DOWNLOADS_DIR: join(dir, 'downloads') }
  const url = `${site.origin}/asahi/page/0000397263.html`

  const imported = await cli(['import', url], env)
  t.equal(imported.code, 0, imported.stderr)
  t.match(imported.stderr, /asahi-2017\s+imported\s+9\s+48,639,000/)
  const missing = await cli(['parse', `${site.origin}/nothing.html`], env)
  t.equal(missing.code, 1)
  t.equal(missing.stderr, `error: ${site.origin}/nothing.html: HTTP 404 Not Found\n`)

  const catalogue = join(dir, 'catalogue.csv')
  writeFileSync(catalogue, `slug,fiscalYear,isDraft,url\nasahi,2017,false,${url}\nabeno,2023,false,${site.origin}/abeno/page/0000594980.html\n`)
  const first = await cli(['sync', '--catalogue', catalogue, '--delay', '0', '--timeout', '10000'], env)
  t.equal(first.code, 1, 'a page failed')
  t.same(first.stdout.trim().split('\n'), [
    `new       asahi-2017                       ${url} -> asahi-2017 replaced (9 initiatives, 48,639,000 yen)`,
    `failed    abeno-2023                       ${site.origin}/abeno/page/0000594980.html: HTTP 404 Not Found`,
  ])
  t.match(first.stderr, /sync: 1 new, 0 changed, 0 unchanged, 1 failed/)

  writeFileSync(catalogue, `slug,fiscalYear,isDraft,url\nasahi,2017,false,${url}\n`)
  const second = await cli(['sync', '--catalogue', catalogue, '--delay', '0'], env)
  t.equal(second.code, 0, second.stderr)
  t.equal(second.stdout, `unchanged asahi-2017                       ${url}\n`)
  const db = new Database(env.DATABASE_PATH, { readonly: true })
  t.teardown(() => db.close())
  t.same(db.prepare('select id, source_url as sourceUrl from plans').all(), [{ id: 'asahi-2017', sourceUrl: url }])

  const usage = await cli(['sync', '--delay', 'soon'], env)
  t.equal(usage.code, 2)
  t.match(usage.stderr, /--timeout must be a whole number/)
})
