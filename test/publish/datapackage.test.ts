// /downloads/datapackage.json: valid against the Frictionless Tabular Data
// Package profile (its JSON Schema, test/fixtures/frictionless), and every
// CSV download as its Table Schema says: the header, each cell's type and
// constraints, the primary key unique, every foreign key found. The Python
// reference validator (`frictionless validate`) runs too where it is
// installed; PyPI is out of reach of this project's machines, so there the
// checks below are the validation.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import AjvDraft04 from 'ajv-draft-04'
import formats from 'ajv-formats'
import { parse } from 'csv-parse/sync'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { DEFAULT_DATASET_INFO } from '../../src/dataset-info.js'
import { SEED_DIR, tempDir } from '../helper.js'

const PROFILE = JSON.parse(readFileSync(new URL('../fixtures/frictionless/tabular-data-package.json', import.meta.url), 'utf8'))

interface Field {
  name: string
  type: string
  description: string
  constraints?: { required?: boolean; enum?: string[] }
}
interface Resource {
  name: string
  path: string
  bytes: number
  hash: string
  schema: { fields: Field[]; missingValues: string[]; primaryKey?: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] }
}

/** Why a cell does not hold a value of its field's type, or undefined when it does (Table Schema v1, default formats). */
function typeError(type: string, cell: string): string | undefined {
  const ok: Record<string, (cell: string) => boolean> = {
    string: () => true,
    integer: (c) => /^-?\d+$/.test(c) && Number.isSafeInteger(Number(c)),
    number: (c) => c.trim() !== '' && Number.isFinite(Number(c)),
    boolean: (c) => ['true', 'false'].includes(c),
    date: (c) => /^\d{4}-\d{2}-\d{2}$/.test(c) && new Date(`${c}T00:00:00Z`).toISOString().startsWith(c),
    datetime: (c) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(c) && !Number.isNaN(Date.parse(c)),
    array: (c) => {
      try {
        return Array.isArray(JSON.parse(c))
      } catch {
        return false
      }
    },
  }
  if (!ok[type]) return `unknown type ${type}`
  return ok[type](cell) ? undefined : `not ${type}: ${JSON.stringify(cell.slice(0, 40))}`
}

t.test('datapackage.json describes every CSV download, and the files are as it says', async (t) => {
  const dir = tempDir(t, 'datapackage')
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR, downloadsDir: dir, maxEventLoopDelay: 0 })
  t.teardown(() => app.close())
  await app.ready()

  const response = await app.inject({ url: '/downloads/datapackage.json' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^application\/json/)
  const descriptor = response.json()

  // The profile is JSON Schema draft-04; the package is CommonJS, its class also its `default`.
  const ajv = new AjvDraft04.default({ strict: false })
  ;(formats as unknown as (ajv: object) => void)(ajv)
  ajv.addFormat('textarea', true) // the profile's hint to form builders, not a constraint
  const validate = ajv.compile(PROFILE)
  t.ok(validate(descriptor), `a Tabular Data Package: ${JSON.stringify(validate.errors)}`)
  t.notOk(validate({ ...descriptor, resources: [] }), 'the profile refuses a package without resources')
  const misTyped = structuredClone(descriptor)
  misTyped.resources[0].schema.fields[0].type = 'text'
  t.notOk(validate(misTyped), 'and a field type Table Schema does not have')

  t.same(descriptor.licenses, [{ title: DEFAULT_DATASET_INFO.license.name, path: DEFAULT_DATASET_INFO.license.url }], 'the licence the dataset states')
  t.match(descriptor.attribution, DEFAULT_DATASET_INFO.attribution, 'and the attribution owed')
  t.equal(descriptor.sources[0].title, DEFAULT_DATASET_INFO.attribution, "Osaka's credit first")
  t.ok(descriptor.sources.some((s: { title: string }) => s.title.startsWith('出典: 堺市ホームページ')), "other cities' plans credit their own site")
  t.equal(descriptor.title, DEFAULT_DATASET_INFO.title)

  const resources = descriptor.resources as Resource[]
  t.same(resources.map((r) => r.path), ['organizations.csv', 'plans.csv', 'issues.csv', 'strategies.csv', 'initiatives.csv', 'catalogue.csv'])
  const initiatives = resources.find((r) => r.name === 'initiatives')!
  t.same(initiatives.schema.primaryKey, ['id'])
  t.same(
    initiatives.schema.foreignKeys!.map((k) => `${k.fields[0]} -> ${k.reference.resource}.${k.reference.fields[0]}`),
    ['planId -> plans.id', 'organizationId -> organizations.id', 'issueId -> issues.id', 'strategyId -> strategies.id'],
  )
  t.match(initiatives.schema.fields.find((f) => f.name === 'budgetYen'), { type: 'integer', description: /予算額 in yen/ })
  t.match(initiatives.schema.fields.find((f) => f.name === 'points'), { type: 'array' })
  t.match(initiatives.schema.fields.find((f) => f.name === 'pointsText'), { type: 'string', description: /joined by " \| "/ })

  const refused = [['integer', '7,133'], ['integer', '1.5'], ['boolean', '1'], ['date', '2018-02-30'], ['date', '平成30年'], ['array', '旭区'], ['array', '{}']]
  t.same(refused.filter(([type, cell]) => typeError(type, cell) === undefined), [], 'the cell checks refuse what they should')

  // Every file: as its schema says.
  const rowsOf = new Map<string, Record<string, string | null>[]>()
  for (const resource of resources) {
    const bytes = readFileSync(join(dir, resource.path))
    t.equal(bytes.length, resource.bytes, `${resource.path}: its size`)
    t.equal(`sha256:${createHash('sha256').update(bytes).digest('hex')}`, resource.hash, `${resource.path}: its hash`)
    const [header, ...records] = parse(bytes.toString('utf8'), { bom: true }) as string[][]
    const fields = resource.schema.fields
    t.same(header, fields.map((f) => f.name), `${resource.path}: the header is the schema's fields`)
    t.ok(fields.every((f) => f.description.length > 0), `${resource.path}: every field is described`)
    const problems: string[] = []
    const rows = records.map((record, line) =>
      Object.fromEntries(
        fields.map((field, i) => {
          const cell = record[i]
          const missing = resource.schema.missingValues.includes(cell)
          if (missing && field.constraints?.required) problems.push(`row ${line + 1} ${field.name}: required`)
          if (!missing) {
            const error = typeError(field.type, cell)
            if (error) problems.push(`row ${line + 1} ${field.name}: ${error}`)
            if (field.constraints?.enum && !field.constraints.enum.includes(cell)) problems.push(`row ${line + 1} ${field.name}: ${cell} not in enum`)
          }
          return [field.name, missing ? null : cell]
        }),
      ),
    )
    t.same(problems, [], `${resource.path}: ${rows.length} rows of the right types and constraints`)
    const keys = rows.map((row) => (resource.schema.primaryKey ?? []).map((f) => row[f]).join('\u0000'))
    if (resource.schema.primaryKey) t.equal(new Set(keys).size, rows.length, `${resource.path}: the primary key is unique`)
    rowsOf.set(resource.name, rows)
  }
  t.ok(rowsOf.get('initiatives')!.length > 9, 'the seed has initiatives beyond the seed plan')
  t.ok(rowsOf.get('issues')!.some((row) => row.sdgs === '[11,13,16,17]'), 'arrays hold what the plans say')
  for (const resource of resources) {
    for (const key of resource.schema.foreignKeys ?? []) {
      const targets = new Set(rowsOf.get(key.reference.resource)!.map((row) => row[key.reference.fields[0]]))
      const dangling = rowsOf.get(resource.name)!.filter((row) => row[key.fields[0]] !== null && !targets.has(row[key.fields[0]]))
      t.same(dangling.map((row) => row[key.fields[0]]), [], `${resource.name}.${key.fields[0]} -> ${key.reference.resource}: every value found`)
    }
  }

  // The reference validator, where it is installed.
  const frictionless = (() => {
    try {
      execFileSync('frictionless', ['--version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  // REQUIRE_FRICTIONLESS=1 (where it can be installed) makes its absence a failure, not a skip.
  if (!frictionless && process.env.REQUIRE_FRICTIONLESS === '1') t.fail('the frictionless command is not installed')
  t.test('frictionless validate (Python, the reference)', { skip: frictionless ? false : 'the frictionless command is not installed' }, async (t) => {
    const report = JSON.parse(execFileSync('frictionless', ['validate', '--json', 'datapackage.json'], { cwd: dir, encoding: 'utf8' }).toString())
    t.equal(report.valid, true, JSON.stringify(report.tasks?.flatMap((task: { errors: unknown[] }) => task.errors).slice(0, 5)))
  })
})
