// Plans of every template variant go through the importer and come back from
// GET /v1/plans/{id} as the parser read them: sub-numbered issue ids, SDGs,
// outcome indicators, attachments and completeness included.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { validatePlanDocument } from '../../src/importer/validate-document.js'
import { parsePlan } from '../../src/plans/parse.js'

const VARIANTS_DIR = fileURLToPath(new URL('../fixtures/variants', import.meta.url))
const TOKEN = 'test-token-0123456789abcdef'

t.test('each variant round-trips through POST /v1/plans and GET /v1/plans/{id}', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: null, adminToken: TOKEN })
  t.teardown(() => app.close())
  for (const file of readdirSync(VARIANTS_DIR).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(join(VARIANTS_DIR, file), 'utf8')
    const parsed = parsePlan(text, file)
    validatePlanDocument(parsed)
    const posted = await app.inject({ method: 'POST', url: '/v1/plans', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain; charset=utf-8' }, payload: text })
    t.equal(posted.statusCode, 201, `${file} imported`)
    // Less what the API adds: each entity's url, and the plan's import times.
    const served = JSON.parse((await app.inject({ url: `/v1/plans/${parsed.id}` })).body, (key, value) => (['url', 'importedAt', 'updatedAt'].includes(key) ? undefined : value))
    t.same(served, JSON.parse(JSON.stringify(parsed)), `${file}: the served document is the parsed one`)
    // The flat issue and strategy answers say what the document says of them, SDGs and outcome indicators included.
    const sides = ({ id, sdgs, outcomeIndicators }: { id: string; sdgs: number[]; outcomeIndicators: string[] }) => ({ id, sdgs, outcomeIndicators })
    const issueRows = (await app.inject({ url: `/v1/issues?plan=${parsed.id}&limit=100` })).json().data
    const strategyRows = (await app.inject({ url: `/v1/strategies?plan=${parsed.id}&limit=100` })).json().data
    t.same(issueRows.map(sides), parsed.issues.map(sides), `${file}: /v1/issues rows`)
    t.same(strategyRows.map(sides), parsed.issues.flatMap((i) => i.strategies).map(sides), `${file}: /v1/strategies rows`)
    for (const issue of parsed.issues.slice(0, 2)) {
      t.same(sides((await app.inject({ url: `/v1/issues/${issue.id}` })).json()), sides(issue), `${file}: /v1/issues/${issue.id}`)
    }
  }
  const issue = await app.inject({ url: '/v1/issues/nishi-2023.1.2' })
  t.same([issue.statusCode, issue.json().subNumber, issue.json().title], [200, 2, '区民の安全・安心の確保'], 'a sub-numbered issue by its id')
  const plan = (await app.inject({ url: '/v1/plans/nishiyodogawa-2022' })).json()
  t.same([plan.completeness, plan.attachments.length], ['attachments', 2])
  t.ok((await app.inject({ url: '/v1/issues?limit=100' })).json().data.some((i: { sdgs: number[] }) => i.sdgs.length > 0), 'some variant issue names its SDGs')
})
