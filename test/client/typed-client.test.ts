// A typed client generated from openapi/openapi.json (openapi-typescript + openapi-fetch):
// the committed types are what the document generates, the client in client.ts compiles
// against them with no casts, and it reads the seed plan from a running server.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { parse } from 'csv-parse/sync'
import t from 'tap'
import { CLIENT_TYPES_PATH, clientTypes } from '../../scripts/client-types.js'
import { build } from '../helper.js'
import { firstInitiativeTitle, initiativesCsv, missingPlan, planOutline, wardPlans } from './client.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

t.test('test/client/openapi.d.ts is what openapi-typescript generates from openapi/openapi.json (run npm run openapi)', async (t) => {
  t.equal(readFileSync(CLIENT_TYPES_PATH, 'utf8'), await clientTypes(readFileSync(`${root}openapi/openapi.json`, 'utf8')))
})

t.test('the client compiles against the generated types (tsc --noEmit -p test/client)', async (t) => {
  const compiled = await promisify(execFile)(`${root}node_modules/.bin/tsc`, ['--noEmit', '-p', 'test/client/tsconfig.json'], { cwd: root }).then(
    () => '',
    (error: { stdout?: string }) => error.stdout ?? String(error),
  )
  t.equal(compiled, '', 'no type errors')
})

t.test('the client reads the seed plan: data.data[0].title, a plan document, a problem, the CSV', async (t) => {
  const app = await build(t)
  const client = wardPlans(await app.listen({ host: '127.0.0.1', port: 0 }))
  t.equal(await firstInitiativeTitle(client, 'asahi-2017'), '城北公園を舞台にした魅力づくりと集客力の向上')
  t.same(await planOutline(client, 'asahi-2017'), {
    title: '平成29年度 旭区運営方針',
    fiscalYear: 2017,
    organization: '旭区',
    goals: ['にぎわいがあり活力ある旭区づくり', '子育てしやすい旭区づくり', '災害に強い安全で安心な旭区づくり'],
    completeness: 'complete',
    firstIssue: { number: 1, title: 'にぎわいがあり活力あるまちづくりの推進', initiatives: ['城北公園を舞台にした魅力づくりと集客力の向上', '旭区魅力発信事業の推進'] },
  })
  t.same(await missingPlan(client, 'nowhere-2017'), { status: 404, data: undefined, type: '/problems/not-found', detail: "no plan with id 'nowhere-2017'" })
  const csv: Record<string, string>[] = parse(await initiativesCsv(client, 'asahi-2017'), { bom: true, columns: true })
  t.equal(csv.length, 9, "the seed plan's 9 initiatives")
  t.same([csv[0].id, csv[0].organizationId, csv[0].fiscalYear, csv[0].budgetYen], ['asahi-2017.1-1-1', 'asahi', '2017', '7133000'])
})
