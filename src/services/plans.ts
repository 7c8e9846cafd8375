import { and, asc, count, eq, inArray } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import * as t from '../db/schema.js'
import type { Contact, PlanDocument, ReformItem } from '../plans/types.js'
import type { PlanSummary } from './entities.js'
import { initiativesByStrategyIds } from './initiatives.js'
import { issuesByPlanIds } from './issues.js'
import { organizationsByIds } from './organizations.js'
import { type Page, type PageRequest, afterCursor, toPage } from './pagination.js'
import { strategiesByIssueIds } from './strategies.js'
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

/** The parts of a plan that are not entities of their own. */
export interface PlanContents {
  notes: string[]
  goals: string[]
  missions: string[]
  policy: string | null
  reformItems: ReformItem[]
  contact: Contact | null
  warnings: string[]
}

/** Contents of many plans in a fixed number of queries, by plan id. */
export function planContentsByIds(db: Db, ids: readonly string[]): Map<string, PlanContents> {
  const planIds = [...ids]
  const contents = new Map<string, PlanContents>()
  for (const p of db.select({ id: t.plans.id, notes: t.plans.notes, policy: t.plans.policy, warnings: t.plans.warnings }).from(t.plans).where(inArray(t.plans.id, planIds)).all()) {
    contents.set(p.id, { notes: p.notes, goals: [], missions: [], policy: p.policy, reformItems: [], contact: null, warnings: p.warnings })
  }
  for (const g of db.select().from(t.goals).where(inArray(t.goals.planId, planIds)).orderBy(asc(t.goals.position)).all()) contents.get(g.planId)?.goals.push(g.text)
  for (const m of db.select().from(t.missions).where(inArray(t.missions.planId, planIds)).orderBy(asc(t.missions.position)).all()) contents.get(m.planId)?.missions.push(m.text)
  for (const r of db.select().from(t.reformItems).where(inArray(t.reformItems.planId, planIds)).orderBy(asc(t.reformItems.position)).all()) {
    contents.get(r.planId)?.reformItems.push({ item: r.item, content: r.content })
  }
  for (const { planId, ...contact } of db.select().from(t.contacts).where(inArray(t.contacts.planId, planIds)).all()) {
    const plan = contents.get(planId)
    if (plan) plan.contact = contact
  }
  return contents
}

/** The whole plan document, as the parser produced it, assembled from the batched queries GraphQL uses too. */
export function getPlanDocument(db: Db, id: string): PlanDocument | undefined {
  const [summary] = plansByIds(db, [id])
  if (!summary) return undefined
  const { organizationId, ...plan } = summary
  const [organization] = organizationsByIds(db, [organizationId])
  const contents = planContentsByIds(db, [id]).get(id)!
  const issues = issuesByPlanIds(db, [id])
  const strategies = strategiesByIssueIds(db, issues.map((i) => i.id))
  const initiatives = initiativesByStrategyIds(db, strategies.map((s) => s.id))
  return {
    ...plan,
    organization,
    notes: contents.notes,
    goals: contents.goals,
    missions: contents.missions,
    policy: contents.policy,
    issues: issues.map(({ planId: _planId, ...issue }) => ({
      ...issue,
      strategies: strategies
        .filter((s) => s.issueId === issue.id)
        .map(({ planId: _p, issueId: _i, ...strategy }) => ({
          ...strategy,
          initiatives: initiatives
            .filter((i) => i.strategyId === strategy.id)
            .map(({ planId: _pp, issueId: _ii, strategyId: _ss, ...initiative }) => initiative),
        })),
    })),
    reformItems: contents.reformItems,
    contact: contents.contact,
    warnings: contents.warnings,
  }
}
