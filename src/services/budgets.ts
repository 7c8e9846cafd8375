// Budget analytics: initiative budgets summed by plan, organization, fiscal
// year, issue or strategy, with the same filters as the initiative list.
import { type SQL, and, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { initiatives, plans } from '../db/schema.js'
import { type InitiativeFilter, initiativeConditions } from './initiatives.js'
import { GROUP_LABELS } from './budget-labels.js'
import { issueBudgetTotals } from './issue-budgets.js'
import { type Ordering, keptPages, newOrderingId } from './kept-pages.js'
import { memoByDataVersion } from './memo.js'
import { planFilterConditions } from './scope.js'
import { type Page, type PageRequest, decodeCursor, toPage } from './pagination.js'
import type { SortOf } from './arguments.js'
import { type MemoryOrder, pageOfSorted, sortedBy } from './sorts.js'
import { compareSqlValues } from './sql-order.js'

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
function planCountsOf(db: Db, groupBy: BudgetGroup, filter: InitiativeFilter): Map<string, { planCount: number; incompletePlanCount: number }> {
  const { planKey, planJoin } = GROUPS[groupBy]
  const scope: SQL[] = planFilterConditions(filter)
  if (filter.plan !== undefined) scope.push(eq(plans.id, filter.plan))
  if (filter.issue !== undefined) scope.push(sql`${plans.id} = (select plan_id from management_issues where id = ${filter.issue})`)
  if (filter.strategy !== undefined) scope.push(sql`${plans.id} = (select plan_id from strategies where id = ${filter.strategy})`)
  const where = scope.length > 0 ? sql`where ${and(...scope)}` : sql``
  const rows = db.all<{ key: string | number; planCount: number; incompletePlanCount: number }>(
    sql`select ${planKey} as key, count(distinct ${plans.id}) as planCount, count(distinct case when ${plans.completeness} <> 'complete' then ${plans.id} end) as incompletePlanCount
      from ${plans} ${planJoin ?? sql``} ${where} group by ${planKey}`,
  )
  return new Map(rows.map(({ key, ...counts }) => [String(key), counts]))
}

/** Every group of a filtered set, in key order, each with its raw key (a year is a number): what the pages are cut from. */
export interface Groups extends Ordering {
  rows: BudgetRow[]
  keys: (string | number)[]
}

/**
 * The groups of each filtered set, summed once per data version: a page of them, whichever
 * cursor, costs no query. Summing them reads every matching row, as the grand total (the
 * shares' divisor) and the group count (the page's total) must anyway.
 */
const groupsOf = memoByDataVersion<Groups>({ maxBytes: 32 * 1024 * 1024, bytesOf: (groups, key) => 256 + 2 * key.length + 400 * groups.rows.length })

/** The filtered set's groups, computed by `compute` the first time in this data version. */
export function memoizedGroups(db: Db, source: BudgetSource, groupBy: BudgetGroup, filter: InitiativeFilter, compute: () => Groups): Groups {
  return groupsOf(db, JSON.stringify([source, groupBy, filter]), compute)
}

/** The index of the first key after `after` (the keys' length when none is): binary search, the keys being in SQL's order (numbers before texts, texts by their UTF-8 bytes). */
function firstKeyAfter(keys: readonly (string | number)[], after: string | number): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareSqlValues(keys[mid], after) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Pages of groups, cut once per grouping and cursor: their rows are the groups' own. */
const groupPage = keptPages<BudgetRow>(8 * 1024 * 1024, () => 16)

/** A page of groups: those whose key comes after the cursor's, as `key > ?` in SQL would. */
export function pageOfGroups(groups: Groups, request: PageRequest, sortName: string, cursorKey: (string | number) | undefined, keyOf: (row: BudgetRow, key: string | number) => unknown): Page<BudgetRow> {
  return groupPage(groups, sortName, request, () => {
    const from = cursorKey === undefined ? 0 : firstKeyAfter(groups.keys, cursorKey)
    const indexes = Array.from({ length: Math.max(0, Math.min(groups.rows.length, from + request.limit + 1) - from) }, (_, i) => from + i)
    return toPage(indexes, request, sortName, (i) => [keyOf(groups.rows[i], groups.keys[i])], (i) => groups.rows[i], groups.rows.length)
  })
}

/** The grand total of the groups' sums: null when none has an amount, as SQL's sum() over them all. */
function grandTotalOf(totals: (number | null)[]): number | null {
  const amounts = totals.filter((total): total is number => total !== null)
  return amounts.length === 0 ? null : amounts.reduce((sum, total) => sum + total, 0)
}

/** One group's sums as a query gives them, its key raw (a year is a number). */
export type GroupSums = Omit<BudgetRow, 'key' | 'share' | 'allPlansComplete'> & { key: string | number }

/** The groups' rows, each with its share of the grand total, in the order given. */
export function groupRows(sums: GroupSums[]): Groups {
  const grandTotalYen = grandTotalOf(sums.map((row) => row.totalYen))
  return {
    orderingId: newOrderingId(),
    keys: sums.map((row) => row.key),
    rows: sums.map((row) => ({
      key: String(row.key),
      label: row.label,
      totalYen: row.totalYen,
      budgetedCount: row.budgetedCount,
      unbudgetedCount: row.unbudgetedCount,
      share: row.totalYen !== null && grandTotalYen ? row.totalYen / grandTotalYen : null,
      planCount: row.planCount,
      incompletePlanCount: row.incompletePlanCount,
      allPlansComplete: row.incompletePlanCount === 0,
      settlementYen: row.settlementYen,
      settlementFiscalYear: row.settlementFiscalYear,
    })),
  }
}

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
const sortedGroups = memoByDataVersion<Ordering & { rows: BudgetRow[] }>(256)

/** Budget groups, by key (the default: a page sums only its own groups) or in another order (every group summed, once per data version). */
export function budgetTotals(db: Db, groupBy: BudgetGroup, filter: InitiativeFilter, request: PageRequest, source: BudgetSource = 'initiatives', sort: BudgetSort = 'key'): Page<BudgetRow> {
  const byKey = (page: PageRequest) => (source === 'issues' ? issueBudgetTotals(db, groupBy, filter, page) : initiativeBudgetTotals(db, groupBy, filter, page))
  if (sort === 'key') return byKey(request)
  const order = budgetOrders(groupBy)[sort]
  const sorted = sortedGroups(db, JSON.stringify([source, groupBy, sort, filter]), () => ({ orderingId: newOrderingId(), rows: sortedBy(byKey({ limit: Number.MAX_SAFE_INTEGER - 1 }).data, order) }))
  const sortName = `${source === 'issues' ? 'issues:' : ''}${groupBy}:${sort}`
  return groupPage(sorted, sortName, request, () => pageOfSorted(sorted.rows, request, sortName, order, (row) => row))
}

function initiativeBudgetTotals(db: Db, groupBy: BudgetGroup, filter: InitiativeFilter, request: PageRequest): Page<BudgetRow> {
  // A cursor of another sort is refused before anything is summed.
  const cursorKey = afterCursorKey(groupBy, request.cursor)
  const groups = memoizedGroups(db, 'initiatives', groupBy, filter, () => {
    const conditions = initiativeConditions(filter)
    const { column } = GROUPS[groupBy]
    const label = GROUP_LABELS[groupBy](column)
    const where = conditions.length > 0 ? sql`where ${and(...conditions)}` : sql``
    const rows = db.all<Pick<BudgetRow, 'label' | 'totalYen' | 'budgetedCount' | 'unbudgetedCount'> & { key: string | number }>(
      sql`select ${column} as key, ${label} as label, sum(${initiatives.budgetYen}) as totalYen, count(${initiatives.budgetYen}) as budgetedCount,
          count(*) - count(${initiatives.budgetYen}) as unbudgetedCount
        from ${initiatives} ${where} group by ${column} order by ${column}`,
    )
    const planCounts = planCountsOf(db, groupBy, filter)
    return groupRows(rows.map((row) => ({ ...row, ...(planCounts.get(String(row.key)) ?? { planCount: 0, incompletePlanCount: 0 }), settlementYen: null, settlementFiscalYear: null })))
  })
  return pageOfGroups(groups, request, groupBy, cursorKey === undefined ? undefined : groupBy === 'fiscalYear' ? Number(cursorKey) : cursorKey, (row) => row.key)
}

function afterCursorKey(groupBy: BudgetGroup, cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : String(decodeCursor(cursor, groupBy, 1)[0])
}
