// Command line: parse plan texts, import them, or seed the database.
//   npm run -s cli -- parse FILE...   plan document as JSON (JSON Lines for several files)
//   npm run -s cli -- import FILE...  load plans into DATABASE_PATH
//   npm run seed                      load every plan under SEED_DIR
import { loadConfig } from './config.js'
import { openDatabase } from './db/connection.js'
import { type ImportSummary, importPlans } from './importer/import-plans.js'
import { readPlanFile, seedFiles } from './importer/read-plan-file.js'
import { PlanParseError } from './plans/errors.js'
import type { PlanDocument } from './plans/types.js'

const USAGE = 'usage: cli parse FILE... | cli import FILE... | cli seed'

function main(argv: string[]): number {
  const [command, ...files] = argv
  switch (command) {
    case 'parse':
      return parse(files)
    case 'import':
      return load(files)
    case 'seed':
      return load(seedFiles(loadConfig().SEED_DIR))
    default:
      process.stderr.write(`${USAGE}\n`)
      return 2
  }
}

function parse(files: string[]): number {
  if (files.length === 0) return usage()
  const plans = readAll(files)
  if (!plans) return 1
  if (plans.length === 1) process.stdout.write(`${JSON.stringify(plans[0].plan, null, 2)}\n`)
  else for (const { plan } of plans) process.stdout.write(`${JSON.stringify(plan)}\n`)
  return 0
}

function load(files: string[]): number {
  if (files.length === 0) return usage()
  const plans = readAll(files)
  if (!plans) return 1
  const config = loadConfig()
  const connection = openDatabase(config.DATABASE_PATH)
  try {
    printSummary(importPlans(connection.db, plans), config.DATABASE_PATH)
  } finally {
    connection.close()
  }
  return 0
}

/** Parses every file before anything is written; prints one line per bad file. */
function readAll(files: string[]): { plan: PlanDocument; sourceFile: string }[] | undefined {
  const plans: { plan: PlanDocument; sourceFile: string }[] = []
  let failed = false
  for (const file of files) {
    try {
      plans.push({ plan: readPlanFile(file), sourceFile: file })
    } catch (error) {
      if (!(error instanceof PlanParseError)) throw error
      process.stderr.write(`error: ${error.message}\n`)
      failed = true
    }
  }
  return failed ? undefined : plans
}

function printSummary(summaries: ImportSummary[], databasePath: string): void {
  for (const s of summaries) {
    process.stderr.write(`${s.replaced ? 'replaced' : 'imported'} ${s.planId}: ${s.initiatives} initiatives, budget ${s.budgetYen.toLocaleString('en')} yen\n`)
  }
  process.stderr.write(`${summaries.length} plan(s) in ${databasePath}\n`)
}

function usage(): number {
  process.stderr.write(`${USAGE}\n`)
  return 2
}

process.exitCode = main(process.argv.slice(2))
