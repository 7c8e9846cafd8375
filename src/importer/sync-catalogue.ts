// npm run sync: fetch every catalogue page, import the ones that changed.
// A page is unchanged when the server answers 304 to our validators or its
// bytes hash as last time. A page that fails (offline, 404, timeout, redirect
// loop, not a plan, refused by the database) is reported and leaves the
// database as it was for it; a page that is read lands with its sync state in
// one transaction.
import { setTimeout as sleep } from 'node:timers/promises'
import { eq } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { refreshStatistics } from '../db/statistics.js'
import { pageFetches, plans } from '../db/schema.js'
import { PlanParseError } from '../plans/errors.js'
import { parsePlan } from '../plans/parse.js'
import { type CatalogueEntry, planIdOf } from '../sources/catalogue.js'
import { SourceError } from '../sources/errors.js'
import { fetchPage } from '../sources/fetch-page.js'
import { planTextOf } from '../sources/page-text.js'
import { type ImportSummary, importPlans } from './import-plans.js'
import { digest } from '../services/digest.js'

export interface SyncOptions {
  /** Time for one page's whole exchange. */
  timeoutMs: number
  /** Pause between two requests, to go easy on the city's server. */
  delayMs: number
  /** Fetch and import every page, ignoring what was fetched before. */
  force?: boolean
  /** Called once per page as soon as it is done. */
  onPage?: (report: PageReport) => void
}

export type Outcome = 'new' | 'changed' | 'unchanged' | 'failed'

export interface PageReport {
  entry: CatalogueEntry
  outcome: Outcome
  /** The plan the page gave (new, changed) or gave last time (unchanged); null when it failed. */
  planId: string | null
  /** new / changed: what the import did. */
  imported?: ImportSummary
  /** Why it failed, or what was noticed (a plan id other than the catalogue's). */
  reason?: string
}

type FetchState = typeof pageFetches.$inferSelect

export async function syncCatalogue(db: Db, entries: CatalogueEntry[], options: SyncOptions): Promise<PageReport[]> {
  const reports: PageReport[] = []
  for (const [i, entry] of entries.entries()) {
    if (i > 0 && options.delayMs > 0) await sleep(options.delayMs)
    const report = await syncPage(db, entry, options)
    options.onPage?.(report)
    reports.push(report)
  }
  if (reports.some((report) => report.outcome === 'new' || report.outcome === 'changed')) refreshStatistics(db)
  return reports
}

async function syncPage(db: Db, entry: CatalogueEntry, options: SyncOptions): Promise<PageReport> {
  const known = db.select().from(pageFetches).where(eq(pageFetches.url, entry.url)).get()
  // A page whose plan has gone from the database since is fetched and imported again.
  const state = known && !options.force && planExists(db, known.planId) ? known : undefined
  const now = new Date().toISOString()
  try {
    const fetched = await fetchPage(entry.url, { timeoutMs: options.timeoutMs, etag: state?.etag, lastModified: state?.lastModified })
    if (fetched.kind === 'not-modified' && state) return unchanged(db, entry, state, now, {})
    if (fetched.kind === 'not-modified') throw new SourceError(entry.url, 'HTTP 304 to a request that was not conditional')
    const sha256 = digest('sha256', fetched.bytes, 'hex')
    const validators = { etag: fetched.etag, lastModified: fetched.lastModified }
    if (state?.contentSha256 === sha256) return unchanged(db, entry, state, now, validators)

    const { text } = planTextOf({ bytes: fetched.bytes, contentType: fetched.contentType, url: fetched.url, name: entry.url })
    const plan = parsePlan(text, entry.url)
    const outcome: 'new' | 'changed' = known ? 'changed' : 'new'
    const imported = db.transaction((tx) => {
      const [summary] = importPlans(tx as unknown as Db, [{ plan, sourceFile: entry.url }])
      const row = { ...validators, contentSha256: sha256, planId: plan.id, status: outcome, fetchedAt: now, changedAt: now }
      tx.insert(pageFetches).values({ url: entry.url, ...row }).onConflictDoUpdate({ target: pageFetches.url, set: row }).run()
      return summary
    })
    const expected = planIdOf(entry)
    const reason = plan.id === expected ? undefined : `the page reads as plan ${plan.id}, the catalogue says ${expected}`
    return { entry, outcome, planId: plan.id, imported, ...(reason ? { reason } : {}) }
  } catch (error) {
    if (error instanceof SourceError) return failed(entry, error.reason)
    if (error instanceof PlanParseError) return failed(entry, `not read as a plan: line ${error.line} of its text: ${error.message.slice(`${error.file}:${error.line}: `.length)}`)
    // Anything else (a plan the database refuses): its transaction rolled back; the other pages go on.
    return failed(entry, `not imported: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function planExists(db: Db, planId: string): boolean {
  return db.select({ id: plans.id }).from(plans).where(eq(plans.id, planId)).get() !== undefined
}

function unchanged(db: Db, entry: CatalogueEntry, state: FetchState, now: string, validators: Partial<Pick<FetchState, 'etag' | 'lastModified'>>): PageReport {
  db.update(pageFetches)
    .set({ ...validators, status: 'unchanged', fetchedAt: now })
    .where(eq(pageFetches.url, entry.url))
    .run()
  return { entry, outcome: 'unchanged', planId: state.planId }
}

function failed(entry: CatalogueEntry, reason: string): PageReport {
  return { entry, outcome: 'failed', planId: null, reason }
}

/** One line for a page: outcome, the catalogue's plan id, the URL and what happened. */
export function reportLine(report: PageReport): string {
  const { entry, outcome, imported, reason } = report
  const head = `${outcome.padEnd(9)} ${planIdOf(entry).padEnd(32)} ${entry.url}`
  if (outcome === 'failed') return `${head}: ${reason}`
  const what = imported
    ? ` -> ${imported.planId} ${imported.replaced ? 'replaced' : 'added'} (${imported.initiatives} initiatives, ${imported.budgetYen === null ? 'no budget amounts' : `${imported.budgetYen.toLocaleString('en')} yen`})`
    : ''
  return `${head}${what}${reason ? `; note: ${reason}` : ''}`
}
