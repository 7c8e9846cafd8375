// The pages a visitor opens first, in a real headless Chromium with every
// request to another host failing: everything must come from this server.
// CI installs Debian's chromium (.ci/run); set REQUIRE_BROWSER=1 to fail
// rather than skip where it is missing.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { SEED_DIR } from '../helper.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const missing = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`
if (missing && process.env.REQUIRE_BROWSER === '1') t.fail(missing)

/** A name that is not localhost, so the browser treats plain http as insecure (the case that was blank). */
const PUBLIC_NAME = 'wardplans.test'

t.test('landing page, Swagger UI and GraphiQL work offline, over plain http, on localhost and on a real name', { skip: missing }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ward-plans-browser-'))
  const app = await buildApp({ databasePath: join(dir, 'plans.db'), seedDir: SEED_DIR, downloadsDir: join(dir, 'downloads') })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = (app.server.address() as { port: number }).port
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP ${PUBLIC_NAME} 127.0.0.1`,
    ],
  })
  t.teardown(async () => {
    await browser.close()
    await app.close()
  })

  for (const origin of [`http://127.0.0.1:${port}`, `http://${PUBLIC_NAME}:${port}`]) {
    t.test(origin, async (t) => {
      const context = await browser.newContext()
      t.teardown(() => context.close())
      const elsewhere: string[] = []
      await context.route('**/*', (route) => {
        const url = route.request().url()
        if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue()
        elsewhere.push(url)
        return route.abort()
      })
      const page = await context.newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(error.message))
      const failed: string[] = []
      page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`))

      const landing = await page.goto(`${origin}/`)
      t.notMatch(landing?.headers()['content-security-policy'], /upgrade-insecure-requests/, 'no upgrade to https in the policy')
      const planRows = await page.locator('#contents tbody tr').allTextContents()
      t.ok(planRows.some((row) => row.includes('旭区') && row.includes('平成29年度 旭区運営方針')), 'the landing page lists the seed plan')
      t.ok((await page.locator('#downloads a[download]').count()) >= 12, 'and its downloads')

      await page.goto(`${origin}/docs/`)
      await page.locator('.swagger-ui .opblock').nth(9).waitFor({ timeout: 15_000 })
      const operations = await page.locator('.opblock').count()
      t.ok(operations >= 10, `Swagger UI renders ${operations} operations`)
      t.match(await page.locator('.swagger-ui .info .title').innerText(), /ward-plans/, 'and the API title')

      await page.goto(`${origin}/graphiql`)
      await page.locator('.graphiql-container .graphiql-query-editor').waitFor({ timeout: 15_000 })
      t.ok(await page.locator('.graphiql-query-editor .CodeMirror').count(), 'GraphiQL shows its query editor')
      t.match(await page.locator('.graphiql-query-editor').innerText(), /asahi-2017/, 'with the example query')

      t.same(elsewhere, [], 'no request left the origin')
      t.same(failed, [], 'no request failed')
      t.same(pageErrors, [], 'no script errors')
    })
  }
})
