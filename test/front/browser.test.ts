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

t.test('landing page, plan, organization, fiscal year and comparison pages, Swagger UI and GraphiQL work offline, over plain http, on localhost and on a real name', { skip: missing }, async (t) => {
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

      // The plan page: the seed's values, and the chart's numbers are the table's.
      await page.goto(`${origin}/plans/asahi-2017`)
      t.equal(await page.locator('h1').innerText(), '平成29年度 旭区運営方針')
      t.equal(await page.locator('#budget-total').innerText(), '48,639,000 円', 'the budget total')
      t.equal(await page.locator('section.strategy').count(), 5, 'the 5 strategies')
      const bars = await page.locator('#budgets svg.chart g').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-amount-yen')))
      const cells = await page.locator('.budget-table tbody td.num').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-amount-yen')))
      t.same(bars, ['35524000', '3166000', '9949000', ''], 'the chart draws the budgets by issue')
      t.same(cells, bars, 'the table beside it holds the same numbers')
      t.ok((await page.locator('#budgets svg.chart rect.bar').first().boundingBox())!.width > 100, 'the largest bar is drawn')
      if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'plan.png'), fullPage: true })

      // The organization's timeline, reached from the landing page's grid.
      await page.goto(`${origin}/`)
      await page.locator('#coverage a[href="/organizations/asahi"]').click()
      await page.waitForURL(/\/organizations\/asahi$/)
      t.equal(await page.locator('#fy-2017 td.num').innerText(), '48,639,000 円', "the organization page's budget for 2017")
      t.equal(await page.locator('svg.chart g[data-key="2017"]').getAttribute('data-amount-yen'), '48639000', 'and its chart')
      // A fiscal year's page, reached from the grid's column heading: the chart's numbers are the API's and the table's.
      await page.goto(`${origin}/`)
      await page.locator('#coverage th a[href="/fiscal-years/2022"]').click()
      await page.waitForURL(/\/fiscal-years\/2022$/)
      const yearBars = await page.locator('#budgets svg.chart g').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-id'), g.getAttribute('data-amount-yen')]))
      const api = (await app.inject('/v1/budgets?groupBy=plan&fiscalYear=2022&limit=100')).json().data.map((g: any) => [g.key, String(g.totalYen ?? '')])
      t.same(yearBars, [['kita-2022', '77800000'], ['konohana-2022', '']], 'the chart draws the budgets by plan, largest first')
      t.same(new Set(yearBars.map(String)), new Set(api.map(String)), "and its numbers are the API's")
      t.equal(await page.locator('#kita-2022 td.num').first().innerText(), '77,800,000 円', 'the table holds them too')
      t.match(await page.locator('#budgets .notice').innerText(), /not complete/, 'saying excerpts are partial')
      if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'fiscal-year.png'), fullPage: true })
      await page.locator('#kita-2022 a[href="/plans/kita-2022"]').click()
      await page.waitForURL(/\/plans\/kita-2022$/)

      await page.goto(`${origin}/`)
      await page.locator('#coverage a[href="/plans/asahi-2016"]').click()
      await page.waitForURL(/\/plans\/asahi-2016$/)

      // A comparison page, reached from the plan page's link.
      await page.locator('a[href="/compare?from=asahi-2016&to=asahi-2017"]').click()
      await page.waitForURL(/\/compare\?/)
      t.same(await page.locator('#goals li.unchanged').allInnerTexts(), ['にぎわいがあり活力ある旭区づくり', '子育てしやすい旭区づくり', '災害に強い安全で安心な旭区づくり'])
      t.same(await page.locator('#issues tr.added ins').allInnerTexts(), ['2 安心して子育てができるあたたかいまちづくりの推進', '3 災害に強い、安全で安心なまちづくりの推進', '4 区民サービスの充実'])
      t.equal(await page.locator('#strategies tr.added').count(), 5, "2017's 5 strategies, not in the 2016 excerpt")
      t.equal(await page.locator('#budget-total td[data-amount-yen="48639000"]').innerText(), '48,639,000 円')
      t.ok(await page.locator('#not-compared').isVisible(), 'the excerpt says what could not be compared')
      if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'compare.png'), fullPage: true })

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
