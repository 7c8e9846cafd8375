// Budget analytics: initiative budgets summed by plan, organization, fiscal
// year, issue or strategy, with the same filters as the initiative list.
import { type SQL, and, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { initiatives } from '../db/schema.js'
import { type InitiativeFilter, initiativeConditions } from './initiatives.js'
import { type Page, type PageRequest, afterCursor, toPage } from './pagination.js'

export const BUDGET_GROUPS = ['plan', 'organization', 'fiscalYear', 'issue', 'strategy'] as const
export type BudgetGroup = (typeof BUDGET_GROUPS)[number]

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
}

/** How each grouping keys an initiative, and how a key gets its label. */
const GROUPS: Record<BudgetGroup, { key: SQL; label: SQL }> = {
  plan: { key: sql`${initiatives.planId}`, label: sql`(select title from plans where id = g.key)` },
  organization: { key: sql`${initiatives.organizationId}`, label: sql`(select name from organizations where id = g.key)` },
  fiscalYear: { key: sql`cast(${initiatives.fiscalYear} as text)`, label: sql`g.key || '年度'` },
  issue: { key: sql`${initiatives.issueId}`, label: sql`(select title from management_issues where id = g.key)` },
  strategy: { key: sql`${initiatives.strategyId}`, label: sql`(select title from strategies where id = g.key)` },
}

export function budgetTotals(db: Db, groupBy: BudgetGroup, filter: InitiativeFilter, request: PageRequest): Page<BudgetRow> {
  const conditions = and(...initiativeConditions(filter))
  const { key, label } = GROUPS[groupBy]
  // One pass over the initiatives (their own copies of the budget, organization and
  // year, through an index per grouping); the window adds the grand total and the
  // number of groups before the cursor cuts the page; only the page's groups get labels.
  const grouped = sql`select ${key} as key, sum(${initiatives.budgetYen}) as totalYen, count(${initiatives.budgetYen}) as budgetedCount,
      count(*) - count(${initiatives.budgetYen}) as unbudgetedCount
    from ${initiatives} ${conditions ? sql`where ${conditions}` : sql``} group by ${key}`
  const withTotals = sql`select g.*, sum(g.totalYen) over () as grandTotalYen, count(*) over () as groupCount from (${grouped}) g`
  const after = afterCursor([{ expr: sql`key`, dir: 'asc' }], groupBy, request.cursor)
  const rows = db.all<Omit<BudgetRow, 'share'> & { grandTotalYen: number | null; groupCount: number }>(
    sql`select g.*, ${label} as label from (${withTotals}) g ${after ? sql`where ${after}` : sql``} order by g.key limit ${request.limit + 1}`,
  )
  const grandTotalYen = rows[0]?.grandTotalYen ?? null
  const groupCount = rows[0]?.groupCount ?? countGroups(db, key, conditions)
  const share = (totalYen: number | null) => (totalYen !== null && grandTotalYen ? totalYen / grandTotalYen : null)
  return toPage(
    rows,
    request,
    groupBy,
    (row) => [row.key],
    (row) => ({ key: row.key, label: row.label, totalYen: row.totalYen, budgetedCount: row.budgetedCount, unbudgetedCount: row.unbudgetedCount, share: share(row.totalYen) }),
    groupCount,
  )
}

/** The number of groups when the page is past the last one. */
function countGroups(db: Db, key: SQL, conditions: SQL | undefined): number {
  return db.get<{ n: number }>(sql`select count(distinct ${key}) as n from ${initiatives} ${conditions ? sql`where ${conditions}` : sql``}`)!.n
}
