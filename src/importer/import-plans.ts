// Plan documents -> database. All plans of one call are written in one
// transaction: either every plan lands or the database is left as it was.
// Re-importing a plan replaces it (its rows go by ON DELETE CASCADE); re-importing
// the same content writes nothing, so the plan's updatedAt and the feed stay as they were.
import { eq } from 'drizzle-orm'
import stableStringify from 'safe-stable-stringify'
import type { Db } from '../db/connection.js'
import { noteWrite } from '../db/data-version.js'
import * as t from '../db/schema.js'
import { refreshStatistics } from '../db/statistics.js'
import type { PlanDocument } from '../plans/types.js'
import { checkPlanFacts } from './check-facts.js'
import { writeSearchEntries } from './search-entries.js'
import { PlanDocumentError } from './validate-document.js'
import { digest } from '../services/digest.js'

export interface ImportInput {
  plan: PlanDocument
  /** The file the plan came from, kept for provenance. */
  sourceFile?: string
}

export interface ImportSummary {
  planId: string
  /** An excerpt's initiatives and budgetYen are only those its text holds. */
  completeness: PlanDocument['completeness']
  initiatives: number
  /** Sum of the initiatives' amounts; null when none has one (no budget line, or only "-円"): unknown is not 0. */
  budgetYen: number | null
  replaced: boolean
  /** false: the plan was already there with this very content, and nothing was written. */
  changed: boolean
}

export function importPlans(db: Db, given: ImportInput[]): ImportSummary[] {
  const inputs = onceEach(given)
  try {
    // One time for the whole call: its plans' updatedAt and their events agree.
    const now = new Date().toISOString()
    const summaries = db.transaction((tx) => inputs.map((input) => writeChecked(tx as unknown as Db, input, now)))
    refreshStatistics(db)
    return summaries
  } finally {
    noteWrite()
  }
}

/**
 * Each plan once. The same id with other content would have the second replace the first
 * within one transaction (and a summary count both): refused before anything is written.
 * The same document twice is one import.
 */
function onceEach(inputs: ImportInput[]): ImportInput[] {
  const seen = new Map<string, { input: ImportInput; hash: string }>()
  for (const input of inputs) {
    const hash = contentHash(input.plan)
    const first = seen.get(input.plan.id)
    if (first && first.hash !== hash) {
      const error = new PlanDocumentError('/id', `plan ${input.plan.id} is also in ${first.input.sourceFile ?? 'an earlier input'}, with other content; import one of them (the plan id is its organization, fiscal year and draft mark)`)
      error.file = input.sourceFile
      throw error
    }
    if (!first) seen.set(input.plan.id, { input, hash })
  }
  return [...seen.values()].map(({ input }) => input)
}

/** writePlan after checkPlanFacts; a refusal names the input's file. */
function writeChecked(db: Db, input: ImportInput, now: string): ImportSummary {
  try {
    checkPlanFacts(db, input.plan)
  } catch (error) {
    if (error instanceof PlanDocumentError) error.file = input.sourceFile
    throw error
  }
  return writePlan(db, input, now)
}

/** What the API adds to a plan document it answers: a document sent back to import may carry them. */
const ANSWER_ONLY_KEYS = new Set(['importedAt', 'updatedAt', 'url'])

/** Rows a multi-row insert binds at most: well under SQLite's 32,766 variables for any table's columns. */
const INSERT_BATCH = 500

/** The hash of a plan document's content: key order and the keys the API adds do not count. */
export function contentHash(plan: PlanDocument): string {
  const content = stableStringify(plan, (key, value) => (ANSWER_ONLY_KEYS.has(key) ? undefined : value))
  return digest('sha256', content!, 'hex')
}

function writePlan(db: Db, { plan, sourceFile }: ImportInput, now: string): ImportSummary {
  const contentSha256 = contentHash(plan)
  const previous = db
    .select({ importedAt: t.plans.importedAt, contentSha256: t.plans.contentSha256 })
    .from(t.plans)
    .where(eq(t.plans.id, plan.id))
    .get()
  if (previous?.contentSha256 === contentSha256) return { ...summaryOf(plan), replaced: true, changed: false }
  const org = plan.organization
  db.insert(t.organizations)
    .values(org)
    .onConflictDoUpdate({ target: t.organizations.id, set: { name: org.name, kind: org.kind, code: org.code, city: org.city } })
    .run()
  const replaced = db.delete(t.plans).where(eq(t.plans.id, plan.id)).run().changes > 0
  db.insert(t.planEvents).values({ planId: plan.id, kind: replaced ? 'replaced' : 'added', at: now, title: plan.title }).run()
  db.insert(t.plans)
    .values({
      id: plan.id,
      organizationId: org.id,
      fiscalYear: plan.fiscalYear,
      fiscalYearLabel: plan.fiscalYearLabel,
      title: plan.title,
      isDraft: plan.isDraft,
      pageId: plan.pageId,
      updatedOn: plan.updatedOn,
      sourceUrl: plan.sourceUrl,
      completeness: plan.completeness,
      policy: plan.policy,
      notes: plan.notes,
      attachments: plan.attachments ?? [], // plan documents written before attachments existed
      warnings: plan.warnings,
      sourceFile: sourceFile ?? null,
      importedAt: previous?.importedAt ?? now,
      updatedAt: now,
      contentSha256,
    })
    .run()
  const ordered = <T>(items: T[]) => items.map((item, position) => ({ item, position }))
  // Rows of a list are inserted in batches: one statement binding every row of a plan of 20,000 goals
  // passed SQLite's limit of 32,766 variables, and the write answered 500.
  const inBatches = <Row>(rows: Row[], insert: (batch: Row[]) => void) => {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) insert(rows.slice(i, i + INSERT_BATCH))
  }
  inBatches(ordered(plan.goals), (batch) => db.insert(t.goals).values(batch.map(({ item, position }) => ({ planId: plan.id, position, text: item }))).run())
  inBatches(ordered(plan.missions), (batch) => db.insert(t.missions).values(batch.map(({ item, position }) => ({ planId: plan.id, position, text: item }))).run())
  inBatches(ordered(plan.reformItems), (batch) =>
    db.insert(t.reformItems)
      .values(batch.map(({ item, position }) => ({ planId: plan.id, position, item: item.item, content: item.content })))
      .run(),
  )
  if (plan.contact) db.insert(t.contacts).values({ planId: plan.id, ...plan.contact }).run()

  let ordinal = 0
  for (const { item: issue, position } of ordered(plan.issues)) {
    db.insert(t.managementIssues)
      .values({
        id: issue.id,
        planId: plan.id,
        position,
        ordinal: ordinal++,
        number: issue.number,
        subNumber: issue.subNumber ?? null,
        title: issue.title,
        aim: issue.aim,
        sdgs: issue.sdgs ?? [],
        outcomeIndicators: issue.outcomeIndicators ?? [],
      })
      .run()
    const issueBudgets = issue.budgets ?? [] // plan documents written before issue budgets existed
    inBatches(ordered(issueBudgets), (batch) =>
      db.insert(t.issueBudgets)
        .values(batch.map(({ item, position: bp }) => ({ issueId: issue.id, planId: plan.id, position: bp, ...item })))
        .run(),
    )
    for (const { item: strategy, position: sp } of ordered(issue.strategies)) {
      db.insert(t.strategies)
        .values({
          id: strategy.id,
          planId: plan.id,
          issueId: issue.id,
          position: sp,
          ordinal: ordinal++,
          number: strategy.number,
          title: strategy.title,
          points: strategy.points,
          sdgs: strategy.sdgs ?? [],
          outcomeIndicators: strategy.outcomeIndicators ?? [],
        })
        .run()
      for (const { item: initiative, position: ip } of ordered(strategy.initiatives)) {
        db.insert(t.initiatives)
          .values({
            id: initiative.id,
            planId: plan.id,
            issueId: issue.id,
            strategyId: strategy.id,
            position: ip,
            ordinal: ordinal++,
            number: initiative.number,
            title: initiative.title,
            points: initiative.points,
            searchText: [initiative.title ?? '', ...initiative.points].join('\n').normalize('NFKC'),
            budgetYen: initiative.budget?.amountYen ?? null,
            organizationId: org.id,
            fiscalYear: plan.fiscalYear,
          })
          .run()
        if (initiative.budget) db.insert(t.budgets).values({ initiativeId: initiative.id, planId: plan.id, ...initiative.budget }).run()
      }
    }
  }
  writeSearchEntries(db, plan)
  return { ...summaryOf(plan), replaced, changed: true }
}

/** What a plan document holds, for the summary of its import. */
function summaryOf(plan: PlanDocument): Omit<ImportSummary, 'replaced' | 'changed'> {
  const initiatives = plan.issues.flatMap((issue) => issue.strategies.flatMap((strategy) => strategy.initiatives))
  const amounts = initiatives.flatMap((initiative) => (initiative.budget?.amountYen != null ? [initiative.budget.amountYen] : []))
  return {
    planId: plan.id,
    completeness: plan.completeness,
    initiatives: initiatives.length,
    budgetYen: amounts.length > 0 ? amounts.reduce((sum, amount) => sum + amount, 0) : null,
  }
}
