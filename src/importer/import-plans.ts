// Plan documents -> database. All plans of one call are written in one
// transaction: either every plan lands or the database is left as it was.
// Re-importing a plan replaces it (its rows go by ON DELETE CASCADE).
import { eq } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { noteWrite } from '../db/data-version.js'
import * as t from '../db/schema.js'
import { refreshStatistics } from '../db/statistics.js'
import type { PlanDocument } from '../plans/types.js'
import { checkPlanFacts } from './check-facts.js'
import { writeSearchEntries } from './search-entries.js'
import { PlanDocumentError } from './validate-document.js'

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
}

export function importPlans(db: Db, inputs: ImportInput[]): ImportSummary[] {
  try {
    const summaries = db.transaction((tx) => inputs.map((input) => writeChecked(tx as unknown as Db, input)))
    refreshStatistics(db)
    return summaries
  } finally {
    noteWrite()
  }
}

/** writePlan after checkPlanFacts; a refusal names the input's file. */
function writeChecked(db: Db, input: ImportInput): ImportSummary {
  try {
    checkPlanFacts(db, input.plan)
  } catch (error) {
    if (error instanceof PlanDocumentError) error.file = input.sourceFile
    throw error
  }
  return writePlan(db, input)
}

function writePlan(db: Db, { plan, sourceFile }: ImportInput): ImportSummary {
  const org = plan.organization
  db.insert(t.organizations)
    .values(org)
    .onConflictDoUpdate({ target: t.organizations.id, set: { name: org.name, kind: org.kind, code: org.code, city: org.city } })
    .run()
  const replaced = db.delete(t.plans).where(eq(t.plans.id, plan.id)).run().changes > 0
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
    })
    .run()
  const ordered = <T>(items: T[]) => items.map((item, position) => ({ item, position }))
  if (plan.goals.length > 0) db.insert(t.goals).values(ordered(plan.goals).map(({ item, position }) => ({ planId: plan.id, position, text: item }))).run()
  if (plan.missions.length > 0) db.insert(t.missions).values(ordered(plan.missions).map(({ item, position }) => ({ planId: plan.id, position, text: item }))).run()
  if (plan.reformItems.length > 0) {
    db.insert(t.reformItems)
      .values(ordered(plan.reformItems).map(({ item, position }) => ({ planId: plan.id, position, item: item.item, content: item.content })))
      .run()
  }
  if (plan.contact) db.insert(t.contacts).values({ planId: plan.id, ...plan.contact }).run()

  let initiativeCount = 0
  let budgetYen: number | null = null
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
    if (issueBudgets.length > 0) {
      db.insert(t.issueBudgets)
        .values(ordered(issueBudgets).map(({ item, position: bp }) => ({ issueId: issue.id, planId: plan.id, position: bp, ...item })))
        .run()
    }
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
        initiativeCount++
        if (initiative.budget) {
          db.insert(t.budgets).values({ initiativeId: initiative.id, planId: plan.id, ...initiative.budget }).run()
          if (initiative.budget.amountYen !== null) budgetYen = (budgetYen ?? 0) + initiative.budget.amountYen
        }
      }
    }
  }
  writeSearchEntries(db, plan)
  return { planId: plan.id, completeness: plan.completeness, initiatives: initiativeCount, budgetYen, replaced }
}
