// Budget analytics: initiative budgets summed by plan, organization, fiscal
// year, issue or strategy, with the same filters as the initiative list.
import { type SQL, and, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { initiatives, plans } from '../db/schema.js'
import { type InitiativeFilter, initiativeConditions } from './initiatives.js'
import { GROUP_LABELS } from './budget-labels.js'
import { issueBudgetTotals } from './issue-budgets.js'
import { memoByDataVersion } from './memo.js'
import { planFilterConditions } from './scope.js'
import { type Page, type PageRequest, decodeCursor, toPage } from './pagination.js'
import type { SortOf } from './arguments.js'
import { type MemoryOrder, pageOfSorted, sortedBy } from './sorts.js'

export const BUDGET_GROUPS = ['plan', 'organization', 'fiscalYear', 'issue', 'strategy'] as const
export type BudgetGroup = (typeof BUDGET_GROUPS)[number]
/** What is summed: the initiatives' 予算額 lines, or the issues' 予算額/決算額 lines (FY2023 plans on; issue-budgets.ts). */
export const BUDGET_SOURCES = ['initiatives', 'issues'] as const
export type BudgetSource = (typeof BUDGET_SOURCES)[number]

export interface BudgetRow {
  key: string
  label: string | null
  /** Sum of the amounts in yen; null when no initiative of the group has one ("-円" is not 0). */
  totalYen: number | null
  /** Initiatives with an amount. */
  budgetedCount: number
  /** Initiatives with "-円" or no budget line. */
  unbudgetedCount: number
  /** totalYen over the total of all groups (the filtered set); null when that total is 0. */
  share: number | null
  /** Plans whose initiatives the group could hold (those of its organization, year… within the filters). */
  planCount: number
  /** Those of them that are not complete (excerpts, attachments only): their budgets are not all in totalYen. */
  incompletePlanCount: number
  /** Whether totalYen covers whole plans: false when any of the group's plans is not complete. */
  allPlansComplete: boolean
  /** Issue lines only: the 決算額 the group's issues publish (the latest settled year of each); null otherwise. */
  settlementYen: number | null
  /** The fiscal year of settlementYen when all of it is one year; null when mixed or none. */
  settlementFiscalYear: number | null
}

/**
 * How each grouping keys an initiative (a column with an index on it and the budget),
 * and how the plans of a group are found: the key on plans (with `planJoin`).
 */
const GROUPS: Record<BudgetGroup, { column: SQL; planKey: SQL; planJoin?: SQL }> = {
  plan: { column: sql`${initiatives.planId}`, planKey: sql`${plans.id}` },
  organization: { column: sql`${initiatives.organizationId}`, planKey: sql`${plans.organizationId}` },
  fiscalYear: { column: sql`${initiatives.fiscalYear}`, planKey: sql`${plans.fiscalYear}` },
  issue: { column: sql`${initiatives.issueId}`, planKey: sql`m.id`, planJoin: sql`join management_issues m on m.plan_id = ${plans.id}` },
  strategy: { column: sql`${initiatives.strategyId}`, planKey: sql`s.id`, planJoin: sql`join strategies s on s.plan_id = ${plans.id}` },
}

/** How many plans each group covers, and how many of them are not complete, within the filter's plan scope. */
function planCountsOf(db: Db, groupBy: BudgetGroup, filter: InitiativeFilter, keys: (string | number)[]): Map<string, { planCount: number; incompletePlanCount: number }> {
  const { planKey, planJoin } = GROUPS[groupBy]
  const scope: SQL[] = [sql`${planKey} in (select value from json_each(${JSON.stringify(keys)}))`, ...planFilterConditions(filter)]
  if (filter.plan !== undefined) scope.push(eq(plans.id, filter.plan))
  if (filter.issue !== undefined) scope.push(sql`${plans.id} = (select plan_id from management_issues where id = ${filter.issue})`)
  if (filter.strategy !== undefined) scope.push(sql`${plans.id} = (select plan_id from strategies where id = ${filter.strategy})`)
  const rows = db.all<{ key: string | number; planCount: number; incompletePlanCount: number }>(
    sql`select ${planKey} as key, count(distinct ${plans.id}) as planCount, count(distinct case when ${plans.completeness} <> 'complete' then ${plans.id} end) as incompletePlanCount
      from ${plans} ${planJoin ?? sql``} where ${and(...scope)} group by ${planKey}`,
  )
  return new Map(rows.map(({ key, ...counts }) => [String(key), counts]))
}

/** The grand total and the number of groups of a filtered set: one pass over it, kept until the data changes. */
const totalsOf = memoByDataVersion<{ grandTotalYen: number | null; groupCount: number }>(256)

export type BudgetSort = SortOf<'budgets'>

/** Orders of the groups other than by key: by total, unbudgeted groups last either way, then by key. */
function budgetOrders(groupBy: BudgetGroup): Record<Exclude<BudgetSort, 'key'>, MemoryOrder<BudgetRow>> {
  const key = (row: BudgetRow) => (groupBy === 'fiscalYear' ? Number(row.key) : row.key)
  return {
    '-key': { dirs: ['desc'], keyOf: (row) => [key(row)] },
    totalYen: { dirs: ['asc', 'asc'], keyOf: (row) => [row.totalYen ?? Number.MAX_SAFE_INTEGER, key(row)] },
    '-totalYen': { dirs: ['desc', 'asc'], keyOf: (row) => [row.totalYen ?? -1, key(row)] },
  }
}

/** Every group of a filtered set in one order, kept until the data changes. */
const sortedGroups = memoByDataVersion<{ rows: BudgetRow[] }>(256)

/** Budget groups, by key (the default: a page sums only its own groups) or in another order (every group summed, once per data version). */
export function budgetTotals(db: Db, groupBy: BudgetGroup, filter: InitiativeFilter, request: PageRequest, source: BudgetSource = 'initiatives', sort: BudgetSort = 'key'): Page<BudgetRow> {
  const byKey = (page: PageRequest) => (source === 'issues' ? issueBudgetTotals(db, groupBy, filter, page) : initiativeBudgetTotals(db, groupBy, filter, page))
  if (sort === 'key') return byKey(request)
  const order = budgetOrders(groupBy)[sort]
  const { rows } = sortedGroups(db, JSON.stringify([source, groupBy, sort, filter]), () => ({ rows: sortedBy(byKey({ limit: Number.MAX_SAFE_INTEGER - 1 }).data, order) }))
  return pageOfSorted(rows, request, `${source === 'issues' ? 'issues:' : ''}${groupBy}:${sort}`, order, (row) => row)
}

function initiativeBudgetTotals(db: Db, groupBy: BudgetGroup, filter: InitiativeFilter, request: PageRequest): Page<BudgetRow> {
  const conditions = initiativeConditions(filter)
  const { column } = GROUPS[groupBy]
  const label = GROUP_LABELS[groupBy](column)
  const where = (extra?: SQL) => {
    const all = and(...conditions, extra)
    return all ? sql`where ${all}` : sql``
  }
  // The cursor cuts the groups before they are summed, and the groups come in the
  // order of their column's index: a page costs its own groups, not all of them.
  const cursorKey = afterCursorKey(groupBy, request.cursor)
  const after = cursorKey === undefined ? undefined : sql`${column} > ${groupBy === 'fiscalYear' ? Number(cursorKey) : cursorKey}`
  const rows = db.all<Pick<BudgetRow, 'label' | 'totalYen' | 'budgetedCount' | 'unbudgetedCount'> & { key: string | number }>(
    sql`select ${column} as key, ${label} as label, sum(${initiatives.budgetYen}) as totalYen, count(${initiatives.budgetYen}) as budgetedCount,
        count(*) - count(${initiatives.budgetYen}) as unbudgetedCount
      from ${initiatives} ${where(after)} group by ${column} order by ${column} limit ${request.limit + 1}`,
  )
  const { grandTotalYen, groupCount } = totalsOf(db, `${groupBy} ${JSON.stringify(filter)}`, () =>
    db.get<{ grandTotalYen: number | null; groupCount: number }>(
      sql`select sum(${initiatives.budgetYen}) as grandTotalYen, count(distinct ${column}) as groupCount from ${initiatives} ${where()}`,
    )!,
  )
  const share = (totalYen: number | null) => (totalYen !== null && grandTotalYen ? totalYen / grandTotalYen : null)
  const planCounts = planCountsOf(db, groupBy, filter, rows.slice(0, request.limit).map((row) => row.key))
  return toPage(rows, request, groupBy, (row) => [String(row.key)], (row) => {
    const { planCount, incompletePlanCount } = planCounts.get(String(row.key)) ?? { planCount: 0, incompletePlanCount: 0 }
    return {
      key: String(row.key),
      label: row.label,
      totalYen: row.totalYen,
      budgetedCount: row.budgetedCount,
      unbudgetedCount: row.unbudgetedCount,
      share: share(row.totalYen),
      planCount,
      incompletePlanCount,
      allPlansComplete: incompletePlanCount === 0,
      settlementYen: null,
      settlementFiscalYear: null,
    }
  }, groupCount)
}

function afterCursorKey(groupBy: BudgetGroup, cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : String(decodeCursor(cursor, groupBy, 1)[0])
}
