import { and, asc, count, eq, inArray } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import * as t from '../db/schema.js'
import type { PlanDocument } from '../plans/types.js'
import type { PlanSummary } from './entities.js'
import { type Page, type PageRequest, afterCursor, toPage } from './pagination.js'
import { planFilterConditions } from './scope.js'

export interface PlanFilter {
  organization?: string
  fiscalYear?: number
  isDraft?: boolean
}

const summaryColumns = {
  id: t.plans.id,
  organizationId: t.plans.organizationId,
  fiscalYear: t.plans.fiscalYear,
  fiscalYearLabel: t.plans.fiscalYearLabel,
  title: t.plans.title,
  isDraft: t.plans.isDraft,
  pageId: t.plans.pageId,
  updatedOn: t.plans.updatedOn,
  sourceUrl: t.plans.sourceUrl,
}

const keys = [{ expr: t.plans.id, dir: 'asc' as const }]

export function listPlans(db: Db, filter: PlanFilter, request: PageRequest): Page<PlanSummary> {
  const where = and(...planFilterConditions(filter))
  const rows = db
    .select(summaryColumns)
    .from(t.plans)
    .where(and(where, afterCursor(keys, 'id', request.cursor)))
    .orderBy(asc(t.plans.id))
    .limit(request.limit + 1)
    .all()
  const total = db.select({ n: count() }).from(t.plans).where(where).get()!.n
  return toPage(rows, request, 'id', (row) => [row.id], (row) => row, total)
}

export function plansByIds(db: Db, ids: readonly string[]): PlanSummary[] {
  return db.select(summaryColumns).from(t.plans).where(inArray(t.plans.id, [...ids])).all()
}

export function plansByOrganizationIds(db: Db, organizationIds: readonly string[]): PlanSummary[] {
  return db.select(summaryColumns).from(t.plans).where(inArray(t.plans.organizationId, [...organizationIds])).orderBy(asc(t.plans.id)).all()
}

/** The whole plan document, as the parser produced it. */
export function getPlanDocument(db: Db, id: string): PlanDocument | undefined {
  const plan = db.select().from(t.plans).innerJoin(t.organizations, eq(t.plans.organizationId, t.organizations.id)).where(eq(t.plans.id, id)).get()
  if (!plan) return undefined
  const byPlan = <T extends { planId: unknown }>(table: T) => eq(table.planId as typeof t.goals.planId, id)
  const goals = db.select().from(t.goals).where(byPlan(t.goals)).orderBy(asc(t.goals.position)).all()
  const missions = db.select().from(t.missions).where(byPlan(t.missions)).orderBy(asc(t.missions.position)).all()
  const issues = db.select().from(t.managementIssues).where(byPlan(t.managementIssues)).orderBy(asc(t.managementIssues.ordinal)).all()
  const strategies = db.select().from(t.strategies).where(byPlan(t.strategies)).orderBy(asc(t.strategies.ordinal)).all()
  const initiatives = db
    .select()
    .from(t.initiatives)
    .leftJoin(t.budgets, eq(t.budgets.initiativeId, t.initiatives.id))
    .where(byPlan(t.initiatives))
    .orderBy(asc(t.initiatives.ordinal))
    .all()
  const reformItems = db.select().from(t.reformItems).where(byPlan(t.reformItems)).orderBy(asc(t.reformItems.position)).all()
  const contact = db.select().from(t.contacts).where(byPlan(t.contacts)).get()

  const p = plan.plans
  return {
    id: p.id,
    organization: plan.organizations,
    fiscalYear: p.fiscalYear,
    fiscalYearLabel: p.fiscalYearLabel,
    title: p.title,
    isDraft: p.isDraft,
    pageId: p.pageId,
    updatedOn: p.updatedOn,
    sourceUrl: p.sourceUrl,
    notes: p.notes,
    goals: goals.map((g) => g.text),
    missions: missions.map((m) => m.text),
    policy: p.policy,
    issues: issues.map((issue) => ({
      id: issue.id,
      number: issue.number,
      title: issue.title,
      aim: issue.aim,
      strategies: strategies
        .filter((s) => s.issueId === issue.id)
        .map((s) => ({
          id: s.id,
          number: s.number,
          title: s.title,
          points: s.points,
          initiatives: initiatives
            .filter((row) => row.initiatives.strategyId === s.id)
            .map(({ initiatives: i, budgets: b }) => ({
              id: i.id,
              number: i.number,
              title: i.title,
              points: i.points,
              budget: b ? { amountYen: b.amountYen, fiscalYear: b.fiscalYear, text: b.text } : null,
            })),
        })),
    })),
    reformItems: reformItems.map((r) => ({ item: r.item, content: r.content })),
    contact: contact ? { department: contact.department, postalCode: contact.postalCode, address: contact.address, phone: contact.phone, fax: contact.fax } : null,
    warnings: p.warnings,
  }
}
