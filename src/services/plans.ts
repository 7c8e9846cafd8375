import { and, asc, count, getTableName, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import * as t from '../db/schema.js'
import type { Completeness, Contact, PlanDocument, ReformItem } from '../plans/types.js'
import type { ChangedSinceFilter, OrganizationYearFilter, PlanFreshness, PlanSummary } from './entities.js'
import { initiativesByStrategyIds } from './initiatives.js'
import { issuesByPlanIds } from './issues.js'
import { organizationsByIds } from './organizations.js'
import type { SortOf } from './arguments.js'
import { type Facets, type FacetDimension, facetsOf, planDimensions } from './facets.js'
import { type ListQuery, type Page, type PageRequest, afterCursor, orderByOf, rowidPage, toPage } from './pagination.js'
import { sortOrders } from './sorts.js'
import { Binding, idsParam, inIds, LIMIT, preparedFor, rowidOf } from './prepared.js'
import { strategiesByIssueIds } from './strategies.js'
import { planFilterConditions } from './scope.js'
import { totalOf } from './totals.js'

export interface PlanFilter extends OrganizationYearFilter, ChangedSinceFilter {
  isDraft?: boolean
  completeness?: Completeness
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
  completeness: t.plans.completeness,
  importedAt: t.plans.importedAt,
  updatedAt: t.plans.updatedAt,
}

export type PlanSort = SortOf<'plans'>

const id = { expr: t.plans.id, dir: 'asc' as const }
const organization = { expr: t.plans.organizationId, dir: 'asc' as const }
const fiscalYear = { expr: t.plans.fiscalYear, dir: 'asc' as const }
// Along the plans_organization_year_idx and plans_year_organization_idx indexes.
const SORTS = sortOrders<PlanSummary, 'id' | 'organization' | 'fiscalYear'>({
  id: { keys: [id], keyOf: (row) => [row.id] },
  organization: { keys: [organization, fiscalYear, id], keyOf: (row) => [row.organizationId, row.fiscalYear, row.id] },
  fiscalYear: { keys: [fiscalYear, organization, id], keyOf: (row) => [row.fiscalYear, row.organizationId, row.id] },
})

/** The list's query for these filters and sort, with its total. */
function planList(db: Db, filter: PlanFilter, sort: PlanSort): ListQuery {
  const binding = new Binding()
  const where = and(...planFilterConditions(filter, binding))
  const total = totalOf(db, 'listPlans', binding, () => db.select({ n: count() }).from(t.plans).where(where).prepare())
  return { name: 'listPlans', table: t.plans, where, keys: SORTS[sort].keys, sortName: sort, binding, total }
}

/** The page listPlans gives, as rowids (see rowidPage). */
export function listPlanRowids(db: Db, filter: PlanFilter, request: PageRequest, sort: PlanSort = 'id'): Page<number> {
  return rowidPage(db, planList(db, filter, sort), request)
}

/** Plans by rowid (valid within one data version). */
export function plansByRowids(db: Db, rowids: readonly number[]): Map<number, PlanSummary> {
  const statement = preparedFor(db, 'plansByRowids', () => db.select({ ...summaryColumns, rowid: rowidOf(t.plans) }).from(t.plans).where(inIds(rowidOf(t.plans))).prepare())
  return new Map(statement.all(idsParam(rowids)).map(({ rowid, ...plan }) => [rowid, plan]))
}

export function listPlans(db: Db, filter: PlanFilter, request: PageRequest, sort: PlanSort = 'id'): Page<PlanSummary> {
  const { binding, where, keys, total } = planList(db, filter, sort)
  const { keyOf } = SORTS[sort]
  const after = afterCursor(keys, sort, request.cursor, binding)
  const statement = preparedFor(db, `listPlans ${sort} ${binding.key}`, () =>
    db.select(summaryColumns).from(t.plans).where(and(where, after)).orderBy(...orderByOf(keys)).limit(LIMIT).prepare(),
  )
  const rows = statement.all({ ...binding.values, limit: request.limit + 1 })
  return toPage(rows, request, sort, keyOf, (row) => row, total)
}

const PLAN_FACETS: Record<string, FacetDimension> = {
  ...planDimensions(sql`${t.plans}`),
  isDraft: { value: sql`${t.plans.isDraft}`, boolean: true },
}

/** Plans counted by organization, fiscal year, completeness or draft, over the whole filtered list. */
export function planFacets(db: Db, filter: PlanFilter, names: readonly string[]): Facets {
  return facetsOf(db, 'plans', filter, names, PLAN_FACETS, { from: sql`${t.plans}`, where: and(...planFilterConditions(filter)) })
}

export function plansByIds(db: Db, ids: readonly string[]): PlanSummary[] {
  return preparedFor(db, 'plansByIds', () => db.select(summaryColumns).from(t.plans).where(inIds(t.plans.id)).prepare()).all(idsParam(ids))
}

export function plansByOrganizationIds(db: Db, organizationIds: readonly string[]): PlanSummary[] {
  const statement = preparedFor(db, 'plansByOrganizationIds', () => db.select(summaryColumns).from(t.plans).where(inIds(t.plans.organizationId)).orderBy(asc(t.plans.id)).prepare())
  return statement.all(idsParam(organizationIds))
}

/** The plan row's own texts. */
export interface PlanTexts {
  notes: string[]
  attachments: string[]
  policy: string | null
  warnings: string[]
}

/** Lists of many plans' statements (goals, missions), in published order, by plan id. */
function statementsByPlanIds(db: Db, table: typeof t.goals | typeof t.missions, planIds: readonly string[]): Map<string, string[]> {
  const byPlan = new Map<string, string[]>(planIds.map((id) => [id, []]))
  const statement = preparedFor(db, `statementsByPlanIds ${getTableName(table)}`, () =>
    db.select().from(table).where(inIds(table.planId)).orderBy(asc(table.planId), asc(table.position)).prepare(),
  )
  for (const row of statement.all(idsParam(planIds))) {
    byPlan.get(row.planId)?.push(row.text)
  }
  return byPlan
}

export const goalsByPlanIds = (db: Db, planIds: readonly string[]) => statementsByPlanIds(db, t.goals, planIds)
export const missionsByPlanIds = (db: Db, planIds: readonly string[]) => statementsByPlanIds(db, t.missions, planIds)

export function reformItemsByPlanIds(db: Db, planIds: readonly string[]): Map<string, ReformItem[]> {
  const byPlan = new Map<string, ReformItem[]>(planIds.map((id) => [id, []]))
  const statement = preparedFor(db, 'reformItemsByPlanIds', () =>
    db.select().from(t.reformItems).where(inIds(t.reformItems.planId)).orderBy(asc(t.reformItems.planId), asc(t.reformItems.position)).prepare(),
  )
  for (const r of statement.all(idsParam(planIds))) {
    byPlan.get(r.planId)?.push({ item: r.item, content: r.content })
  }
  return byPlan
}

export function contactsByPlanIds(db: Db, planIds: readonly string[]): Map<string, Contact> {
  const statement = preparedFor(db, 'contactsByPlanIds', () => db.select().from(t.contacts).where(inIds(t.contacts.planId)).prepare())
  return new Map(statement.all(idsParam(planIds)).map(({ planId, ...contact }) => [planId, contact]))
}

/** The plan row's own texts: notes, policy, attachments, warnings. */
export function planTextsByIds(db: Db, planIds: readonly string[]): Map<string, PlanTexts> {
  const statement = preparedFor(db, 'planTextsByIds', () =>
    db.select({ id: t.plans.id, notes: t.plans.notes, policy: t.plans.policy, attachments: t.plans.attachments, warnings: t.plans.warnings }).from(t.plans).where(inIds(t.plans.id)).prepare(),
  )
  const rows = statement.all(idsParam(planIds))
  return new Map(rows.map(({ id, ...texts }) => [id, texts]))
}

/** The whole plan document, as the parser produced it, assembled from the batched queries GraphQL uses too. */
export function getPlanDocument(db: Db, id: string): (PlanDocument & PlanFreshness) | undefined {
  const [summary] = plansByIds(db, [id])
  if (!summary) return undefined
  const { organizationId, ...plan } = summary
  const [organization] = organizationsByIds(db, [organizationId])
  const texts = planTextsByIds(db, [id]).get(id)!
  const issues = issuesByPlanIds(db, [id])
  const strategies = strategiesByIssueIds(db, issues.map((i) => i.id))
  const initiatives = initiativesByStrategyIds(db, strategies.map((s) => s.id))
  return {
    ...plan,
    organization,
    notes: texts.notes,
    goals: goalsByPlanIds(db, [id]).get(id)!,
    missions: missionsByPlanIds(db, [id]).get(id)!,
    policy: texts.policy,
    // Nested in their plan, the parts leave out what the plan says of them all.
    issues: issues.map(({ planId: _planId, planCompleteness: _c, organizationId: _o, organizationName: _on, fiscalYear: _y, ...issue }) => ({
      ...issue,
      strategies: strategies
        .filter((s) => s.issueId === issue.id)
        .map(({ planId: _p, planCompleteness: _pc, organizationId: _po, organizationName: _pon, fiscalYear: _py, issueId: _i, ...strategy }) => ({
          ...strategy,
          initiatives: initiatives
            .filter((i) => i.strategyId === strategy.id)
            .map(({ planId: _pp, planCompleteness: _ppc, organizationId: _ppo, organizationName: _ppon, fiscalYear: _ppy, issueId: _ii, strategyId: _ss, ...initiative }) => initiative),
        })),
    })),
    reformItems: reformItemsByPlanIds(db, [id]).get(id)!,
    contact: contactsByPlanIds(db, [id]).get(id) ?? null,
    attachments: texts.attachments,
    warnings: texts.warnings,
  }
}
