// CSV formula injection: text cells that a spreadsheet would run as a formula
// go out with a leading ' and quoted, in list answers and downloads alike;
// numbers stay numbers.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { parsePlan } from '../../src/plans/parse.js'
import { SEED_PLAN, tempDir } from '../helper.js'

/** One text per formula prefix OWASP lists: = + - @ tab CR. */
const HOSTILE = ['=HYPERLINK("http://attacker.example","x")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+2', '\r=1+2']
/** How each goes out: a single quote before it, the cell quoted, inner quotes doubled. */
const neutralized = (text: string) => `"'${text.replaceAll('"', '""')}"`

/** The seed plan with hostile initiative titles, plan title and budget text (amounts are whole yen from 0: none is negative). */
function hostilePlan() {
  const plan = parsePlan(readFileSync(SEED_PLAN, 'utf8'), SEED_PLAN)
  plan.title = '=1+2'
  const initiatives = plan.issues.flatMap((i) => i.strategies.flatMap((s) => s.initiatives))
  HOSTILE.forEach((text, n) => {
    initiatives[n].title = text
  })
  initiatives[0].budget = { amountYen: null, fiscalYear: 2017, text: '-円' }
  return plan
}

t.test('formula-like text cells are neutralized in ?format=csv and in /downloads', async (t) => {
  // No load shedding: publishing blocks the loop for a while, and a 503 is not what this test is about.
  const app = await buildApp({ databasePath: ':memory:', seedDir: null, downloadsDir: tempDir(t, 'csv-injection'), maxEventLoopDelay: 0 })
  t.teardown(() => app.close())
  const plan = hostilePlan()
  importPlans(app.writer, [{ plan, sourceFile: 'csv-injection.test' }])
  await app.publish()

  const rest = await app.inject({ url: '/v1/initiatives?plan=asahi-2017&limit=100&format=csv' })
  t.equal(rest.statusCode, 200)
  const downloaded = await app.inject({ url: '/downloads/initiatives.csv' })
  t.equal(downloaded.statusCode, 200)
  const streamed = await app.inject({ url: '/v1/initiatives.csv?plan=asahi-2017' })
  t.equal(streamed.statusCode, 200, streamed.body.slice(0, 300))
  for (const [where, csv] of [['REST', rest.body], ['download', downloaded.body], ['streamed', streamed.body]] as const) {
    for (const text of HOSTILE) {
      t.ok(csv.includes(`,${neutralized(text)},`), `${where}: ${JSON.stringify(text)} goes out as ${JSON.stringify(neutralized(text))}`)
    }
    const firstRow = csv.split('\n')[1]
    t.match(firstRow, /,,2017,"'-円"$/, `${where}: no amount, the year a number; the text '-円' is neutralized`)
    t.notOk(/,[=+\-@\t\r][^,]*,/.test(csv), `${where}: no other cell starts with a formula character`)
  }
  // The JSON answer keeps the text as published: only CSV cells change.
  const json = (await app.inject({ url: '/v1/initiatives?plan=asahi-2017&limit=100' })).json()
  t.same(json.data.slice(0, HOSTILE.length).map((i: { title: string }) => i.title), HOSTILE)

  const plansRest = await app.inject({ url: '/v1/plans?format=csv' })
  const plansDownload = await app.inject({ url: '/downloads/plans.csv' })
  t.ok(plansRest.body.includes(`,"'=1+2",`), 'REST: the plan title too')
  t.ok(plansDownload.body.includes(`,"'=1+2",`), 'download: the plan title too')
  t.equal(plansRest.body.split('\n')[1].split(',')[0], 'asahi-2017', 'ordinary cells are left alone')
})
