// Budget analytics: initiative budgets summed by plan, organization, fiscal
// year, issue or strategy, with the same filters as the initiative list.
import { type SQL, and, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { budgets, initiatives, plans } from '../db/schema.js'
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

/** How each grouping keys an initiative, whether it needs the plan row, and how a key gets its label. */
const GROUPS: Record<BudgetGroup, { key: SQL; needsPlan: boolean; label: SQL }> = {
  plan: { key: sql`${initiatives.planId}`, needsPlan: false, label: sql`(select title from plans where id = g.key)` },
  organization: { key: sql`${plans.organizationId}`, needsPlan: true, label: sql`(select name from organizations where id = g.key)` },
  fiscalYear: { key: sql`cast(${plans.fiscalYear} as text)`, needsPlan: true, label: sql`g.key || '年度'` },
  issue: { key: sql`${initiatives.issueId}`, needsPlan: false, label: sql`(select title from management_issues where id = g.key)` },
  strategy: { key: sql`${initiatives.strategyId}`, needsPlan: false, label: sql`(select title from strategies where id = g.key)` },
}

export function budgetTotals(db: Db, groupBy: BudgetGroup, filter: InitiativeFilter, request: PageRequest): Page<BudgetRow> {
  const conditions = and(...initiativeConditions(db, filter))
  const { key, needsPlan, label } = GROUPS[groupBy]
  // Sum first over the fewest joins; only the page's groups look up their labels.
  const from = sql`from ${initiatives}
    left join ${budgets} on ${budgets.initiativeId} = ${initiatives.id}
    ${needsPlan ? sql`join ${plans} on ${plans.id} = ${initiatives.planId}` : sql``}
    ${conditions ? sql`where ${conditions}` : sql``}`
  const totals = sql`sum(${budgets.amountYen}) as totalYen, count(${budgets.amountYen}) as budgetedCount, count(*) - count(${budgets.amountYen}) as unbudgetedCount`
  const grouped = sql`select ${key} as key, ${totals} ${from} group by ${key}`
  const grand = db.get<{ totalYen: number | null; groups: number }>(sql`select sum(totalYen) as totalYen, count(*) as groups from (${grouped})`)!
  const after = afterCursor([{ expr: sql`key`, dir: 'asc' }], groupBy, request.cursor)
  const rows = db.all<Omit<BudgetRow, 'share'>>(
    sql`select g.key, ${label} as label, g.totalYen, g.budgetedCount, g.unbudgetedCount from (${grouped}) g ${after ? sql`where ${after}` : sql``} order by g.key limit ${request.limit + 1}`,
  )
  const share = (totalYen: number | null) => (totalYen !== null && grand.totalYen ? totalYen / grand.totalYen : null)
  return toPage(rows, request, groupBy, (row) => [row.key], (row) => ({ ...row, share: share(row.totalYen) }), grand.groups)
}
