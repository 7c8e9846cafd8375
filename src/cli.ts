// Command line: parse plan texts, import them, or seed the database.
//   npm run -s cli -- parse FILE...   plan document as JSON (JSON Lines for several files)
//   npm run -s cli -- import FILE...  load plans into DATABASE_PATH
//   npm run seed                      load every plan under SEED_DIR
import { datasetInfo, loadConfig } from './config.js'
import { type Db, openDatabase } from './db/connection.js'
import { readSeedCatalogue, replaceCatalogue } from './importer/catalogue.js'
import { type ImportSummary, importPlans } from './importer/import-plans.js'
import { readPlanFile, seedFiles } from './importer/read-plan-file.js'
import { PlanParseError } from './plans/errors.js'
import type { PlanDocument } from './plans/types.js'
import { writeDownloads } from './publish/downloads.js'

const USAGE = 'usage: cli parse FILE... | cli import FILE... | cli seed'

function main(argv: string[]): number {
  const [command, ...files] = argv
  switch (command) {
    case 'parse':
      return parse(files)
    case 'import':
      return load(files)
    case 'seed': {
      const seedDir = loadConfig().SEED_DIR
      const catalogue = readSeedCatalogue(seedDir)
      return load(seedFiles(seedDir), (db) => catalogue && replaceCatalogue(db, catalogue))
    }
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

/** Imports the files (then runs `also`, e.g. loading the catalogue) and rewrites the downloads. */
function load(files: string[], also?: (db: Db) => unknown): number {
  if (files.length === 0) return usage()
  const plans = readAll(files)
  if (!plans) return 1
  const config = loadConfig()
  const connection = openDatabase(config.DATABASE_PATH)
  try {
    const summaries = importPlans(connection.db, plans)
    also?.(connection.db)
    const { license, attribution } = datasetInfo(config)
    const manifest = writeDownloads(connection.db, config.DOWNLOADS_DIR, { license, attribution })
    printSummary(summaries, config.DATABASE_PATH)
    process.stderr.write(`downloads: ${manifest.files.length} files in ${config.DOWNLOADS_DIR}\n`)
  } finally {
    connection.close()
  }
  return 0
}

/** Parses every file before anything is written; prints one line per bad file. */
function readAll(files: string[]): { plan: PlanDocument; sourceFile: string }[] | undefined {
  const plans: { plan: PlanDocument; sourceFile: string }[] = []
  let failed = false
  for (const [i, file] of files.entries()) {
    progress(i + 1, files.length, file)
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

/** One line per file read, for batches: on a terminal it rewrites itself. */
function progress(done: number, total: number, file: string): void {
  if (total < 2) return
  const line = `[${done}/${total}] reading ${file}`
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}${done === total ? '\n' : ''}`)
  else process.stderr.write(`${line}\n`)
}

/** A table of what was imported, with totals. */
function printSummary(summaries: ImportSummary[], databasePath: string): void {
  const yen = (n: number) => n.toLocaleString('en')
  const rows = summaries.map((s) => [s.planId, s.replaced ? 'replaced' : 'imported', String(s.initiatives), yen(s.budgetYen), s.completeness])
  const incomplete = summaries.filter((s) => s.completeness !== 'complete').length
  // A total over excerpts is a sum of what was read: it says so.
  const totalCompleteness = incomplete === 0 ? 'complete' : `${incomplete} not complete`
  rows.push(['total', `${summaries.length} plan(s)`, String(summaries.reduce((n, s) => n + s.initiatives, 0)), yen(summaries.reduce((n, s) => n + s.budgetYen, 0)), totalCompleteness])
  const header = ['plan', '', 'initiatives', 'budget (yen)', 'completeness']
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)))
  const line = (cells: string[]) => cells.map((cell, c) => (c === 2 || c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ')
  process.stderr.write(`${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`)
  process.stderr.write(`into ${databasePath}\n`)
}

function usage(): number {
  process.stderr.write(`${USAGE}\n`)
  return 2
}

process.exitCode = main(process.argv.slice(2))
