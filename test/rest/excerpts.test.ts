// The excerpt rule through the API: with the whole seed served, no opening's cut
// last line is stored as if whole, whatever path a plan comes by.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { seedFiles } from '../../src/importer/read-plan-file.js'
import { parsePlan } from '../../src/plans/parse.js'
import { SEED_DIR, getJson } from '../helper.js'

const TOKEN = 'excerpts-test-token-0123456789'

t.test('GET /v1/plans/kita-2022: the cut last line is no point, kept in the notes, and a warning quotes it', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, maxEventLoopDelay: 0 })
  t.teardown(() => app.close())
  const { body: plan } = await getJson(app, '/v1/plans/kita-2022')
  t.equal(plan.completeness, 'excerpt')
  const initiative = plan.issues[0].strategies[0].initiatives[0]
  t.same(initiative.points, ['地域活協議会の活動状況を把握し、地域カルテの更新にかかる意見交換会を通じて課題を共有し、地域の実情に即した支援を行う。'], 'the cut bullet (…防災の基本ルールづく) is not a point')
  t.ok(plan.warnings.includes("line 19: the text stops in this line, which may be cut mid-sentence: it is kept in the plan's notes as published, not read: '- 各マンションのコミュニティ形成を目的とした防災講座や防災の基本ルールづく'"))
  t.same(plan.notes.at(-1), '各マンションのコミュニティ形成を目的とした防災講座や防災の基本ルールづく', 'the cut line is kept in the notes, as published')
  const hits = (await getJson(app, '/v1/search?q=ルールづく')).body.data
  t.same(hits.map((hit: { kind: string }) => hit.kind), ['plan'], "searchable as the plan's notes only, no initiative's text")

  // Every opening of the seed, as served: a cut last line (its text after any bullet) is in the notes, in no other field.
  let checked = 0
  for (const file of seedFiles(SEED_DIR)) {
    const text = readFileSync(file, 'utf8')
    const parsed = parsePlan(text, file)
    if (!parsed.warnings.some((w) => w.includes('the text stops in this line'))) continue
    const cutText = text.trimEnd().split('\n').pop()!.trim().replace(/^[・•\-]\s*/, '')
    if (cutText.length < 4) continue
    const { body } = await getJson(app, `/v1/plans/${parsed.id}`)
    t.notOk(JSON.stringify({ ...body, notes: [], warnings: [] }).includes(cutText), `${parsed.id}: '${cutText}' is stored in no field but the notes`)
    t.ok(body.notes.includes(cutText), `${parsed.id}: '${cutText}' is kept in the notes`)
    checked++
  }
  t.ok(checked >= 35, `the cut last lines of ${checked} openings checked`)
})

t.test('a plan document sent as JSON cannot pass an excerpt off as complete', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: null, adminToken: TOKEN, maxEventLoopDelay: 0 })
  t.teardown(() => app.close())
  const kita = parsePlan(readFileSync(join(SEED_DIR, 'kita-2022.txt'), 'utf8'), 'kita-2022.txt')
  const post = (plan: unknown) =>
    app.inject({ method: 'POST', url: '/v1/plans', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, payload: JSON.stringify(plan) })
  const refused = await post({ ...kita, completeness: 'complete' })
  t.equal(refused.statusCode, 422)
  t.match(refused.json(), { type: '/problems/invalid-plan', pointer: '/completeness', detail: /expected 'excerpt'.*got 'complete'/ })
  t.equal((await getJson(app, '/v1/plans/kita-2022')).status, 404, 'nothing was written')
  const accepted = await post(kita)
  t.equal(accepted.statusCode, 201, 'the same document saying excerpt is taken')
  t.equal((await getJson(app, '/v1/plans/kita-2022')).body.completeness, 'excerpt')
})
