// Command line: parse plan texts or pages, import them, seed the database,
// or sync it with the city's site.
//   npm run -s cli -- parse FILE|URL...   plan document as JSON (JSON Lines for several)
//   npm run -s cli -- import FILE|URL...  load plans into DATABASE_PATH
//   npm run seed                          load every plan under SEED_DIR
//   npm run sync [-- options]             fetch the catalogue's pages, import those that changed
import { parseArgs } from 'node:util'
import { join } from 'node:path'
import { type Config, ConfigError, datasetInfo, loadConfig } from './config.js'
import { type Db, openDatabase } from './db/connection.js'
import { type CatalogueRow, readSeedCatalogue } from './importer/catalogue.js'
import type { ImportSummary } from './importer/import-plans.js'
import { isPageUrl, readPlanFile, readPlanUrl, seedFiles } from './importer/read-plan-file.js'
import { importWithCatalogue } from './importer/seed.js'
import { reportLine, syncCatalogue } from './importer/sync-catalogue.js'
import { PlanDocumentError } from './importer/validate-document.js'
import { PlanParseError } from './plans/errors.js'
import type { PlanDocument } from './plans/types.js'
import { writeDownloads } from './publish/downloads.js'
import { CatalogueError, readCatalogue } from './sources/catalogue.js'
import { SourceError } from './sources/errors.js'
import { checkDatabasePath, checkDownloadsDir, checkSeedDir } from './startup-checks.js'

const USAGE = `usage: cli parse FILE|URL... | cli import FILE|URL... | cli seed
       cli sync [--catalogue FILE (default SEED_DIR/catalogue.csv)] [--timeout MS] [--delay MS] [--force]`

/** Time for fetching one page (parse/import URL and sync). */
const DEFAULT_TIMEOUT_MS = 30_000
/** Pause between two requests of a sync. */
const DEFAULT_DELAY_MS = 2_000

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv
  switch (command) {
    case 'parse':
      return parse(args)
    case 'import':
      return load(args)
    case 'seed': {
      const { SEED_DIR } = loadConfig()
      checkSeedDir(SEED_DIR)
      return load(seedFiles(SEED_DIR), readSeedCatalogue(SEED_DIR))
    }
    case 'sync':
      return sync(args)
    default:
      process.stderr.write(`${USAGE}\n`)
      return 2
  }
}

async function parse(files: string[]): Promise<number> {
  if (files.length === 0) return usage()
  const plans = await readAll(files)
  if (!plans) return 1
  if (plans.length === 1) process.stdout.write(`${JSON.stringify(plans[0].plan, null, 2)}\n`)
  else for (const { plan } of plans) process.stdout.write(`${JSON.stringify(plan)}\n`)
  return 0
}

/** Imports the files (and the catalogue, when given, in the same transaction) and rewrites the downloads. */
async function load(files: string[], catalogue?: CatalogueRow[]): Promise<number> {
  if (files.length === 0) return usage()
  const plans = await readAll(files)
  if (!plans) return 1
  const config = loadConfig()
  return withDatabase(config, (db) => {
    let summaries: ImportSummary[]
    try {
      summaries = importWithCatalogue(db, plans, catalogue)
    } catch (error) {
      if (!(error instanceof PlanDocumentError)) throw error
      process.stderr.write(`error: ${error.file ?? '<input>'}: ${error.message}; nothing was imported\n`)
      return 1
    }
    printSummary(summaries, config.DATABASE_PATH)
    publish(db, config)
    return 0
  })
}

/** Checks DATABASE_PATH and DOWNLOADS_DIR, opens the database for `work` and closes it whatever happens. */
async function withDatabase(config: Config, work: (db: Db) => number | Promise<number>): Promise<number> {
  checkDatabasePath(config.DATABASE_PATH)
  checkDownloadsDir(config.DOWNLOADS_DIR)
  const connection = openDatabase(config.DATABASE_PATH)
  try {
    return await work(connection.db)
  } finally {
    connection.close()
  }
}

/** Writes the bulk downloads after an import, as the server does. */
function publish(db: Db, config: Config): void {
  const { license, attribution, title, description } = datasetInfo(config)
  const manifest = writeDownloads(db, config.DOWNLOADS_DIR, { license, attribution, title, description })
  process.stderr.write(`downloads: ${manifest.files.length} files in ${config.DOWNLOADS_DIR}\n`)
}

/** Parses every file or page before anything is written; prints one line per bad one. */
async function readAll(sources: string[]): Promise<{ plan: PlanDocument; sourceFile: string }[] | undefined> {
  const plans: { plan: PlanDocument; sourceFile: string }[] = []
  let failed = false
  for (const [i, source] of sources.entries()) {
    progress(i + 1, sources.length, source)
    try {
      const plan = isPageUrl(source) ? await readPlanUrl(source, DEFAULT_TIMEOUT_MS) : readPlanFile(source)
      plans.push({ plan, sourceFile: source })
    } catch (error) {
      if (!(error instanceof PlanParseError || error instanceof SourceError)) throw error
      process.stderr.write(`error: ${error.message}\n`)
      failed = true
    }
  }
  return failed ? undefined : plans
}

/** Fetches every page of the catalogue, imports those that changed, one line per page on stdout. */
async function sync(args: string[]): Promise<number> {
  const config = loadConfig()
  let options: { catalogue: string; timeout: string; delay: string; force: boolean }
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      options: {
        catalogue: { type: 'string', default: join(config.SEED_DIR, 'catalogue.csv') },
        timeout: { type: 'string', default: String(DEFAULT_TIMEOUT_MS) },
        delay: { type: 'string', default: String(DEFAULT_DELAY_MS) },
        force: { type: 'boolean', default: false },
      },
    })
    options = values as typeof options
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`)
    return 2
  }
  const timeoutMs = Number(options.timeout)
  const delayMs = Number(options.delay)
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || !Number.isInteger(delayMs) || delayMs < 0) {
    process.stderr.write(`--timeout must be a whole number of milliseconds above 0, --delay 0 or more\n${USAGE}\n`)
    return 2
  }
  let entries
  try {
    entries = readCatalogue(options.catalogue)
  } catch (error) {
    if (!(error instanceof CatalogueError)) throw error
    process.stderr.write(`error: ${error.message}\n`)
    return 1
  }
  return withDatabase(config, async (db) => {
    process.stderr.write(`sync: ${entries.length} pages of ${options.catalogue}, ${delayMs} ms apart, ${timeoutMs} ms each\n`)
    const reports = await syncCatalogue(db, entries, {
      timeoutMs,
      delayMs,
      force: options.force,
      onPage: (report) => process.stdout.write(`${reportLine(report)}\n`),
    })
    const count = (outcome: string) => reports.filter((r) => r.outcome === outcome).length
    process.stderr.write(`sync: ${count('new')} new, ${count('changed')} changed, ${count('unchanged')} unchanged, ${count('failed')} failed, into ${config.DATABASE_PATH}\n`)
    if (reports.some((r) => r.imported)) publish(db, config)
    return count('failed') > 0 ? 1 : 0
  })
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
  const yen = (n: number | null) => (n === null ? '-' : n.toLocaleString('en'))
  // A total of unknowns stays unknown; a known amount beside unknowns is summed.
  const budgetTotal = summaries.reduce<number | null>((n, s) => (s.budgetYen === null ? n : (n ?? 0) + s.budgetYen), null)
  const rows = summaries.map((s) => [s.planId, !s.changed ? 'unchanged' : s.replaced ? 'replaced' : 'imported', String(s.initiatives), yen(s.budgetYen), s.completeness])
  const incomplete = summaries.filter((s) => s.completeness !== 'complete').length
  // A total over excerpts is a sum of what was read: it says so.
  const totalCompleteness = incomplete === 0 ? 'complete' : `${incomplete} not complete`
  rows.push(['total', `${summaries.length} plan(s)`, String(summaries.reduce((n, s) => n + s.initiatives, 0)), yen(budgetTotal), totalCompleteness])
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

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  // A bad configuration value: the one line that names it, not a stack.
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exitCode = 1
}
