// Budget analytics: initiative budgets summed by plan, organization, fiscal
// year, issue or strategy, with the same filters as the initiative list.
import { type SQL, and, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { budgets, initiatives, managementIssues, organizations, plans, strategies } from '../db/schema.js'
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

const GROUPS: Record<BudgetGroup, { key: SQL; label: SQL }> = {
  plan: { key: sql`${plans.id}`, label: sql`${plans.title}` },
  organization: { key: sql`${organizations.id}`, label: sql`${organizations.name}` },
  fiscalYear: { key: sql`cast(${plans.fiscalYear} as text)`, label: sql`cast(${plans.fiscalYear} as text) || '年度'` },
  issue: { key: sql`${managementIssues.id}`, label: sql`${managementIssues.title}` },
  strategy: { key: sql`${strategies.id}`, label: sql`${strategies.title}` },
}

export function budgetTotals(db: Db, groupBy: BudgetGroup, filter: InitiativeFilter, request: PageRequest): Page<BudgetRow> {
  const conditions = and(...initiativeConditions(db, filter))
  const { key, label } = GROUPS[groupBy]
  const from = sql`from ${initiatives}
    left join ${budgets} on ${budgets.initiativeId} = ${initiatives.id}
    join ${plans} on ${plans.id} = ${initiatives.planId}
    join ${organizations} on ${organizations.id} = ${plans.organizationId}
    join ${managementIssues} on ${managementIssues.id} = ${initiatives.issueId}
    join ${strategies} on ${strategies.id} = ${initiatives.strategyId}
    ${conditions ? sql`where ${conditions}` : sql``}`
  const totals = sql`sum(${budgets.amountYen}) as totalYen, count(${budgets.amountYen}) as budgetedCount, count(*) - count(${budgets.amountYen}) as unbudgetedCount`
  const grand = db.get<{ totalYen: number | null }>(sql`select ${totals} ${from}`)!
  const grouped = sql`select ${key} as key, min(${label}) as label, ${totals} ${from} group by ${key}`
  const after = afterCursor([{ expr: sql`key`, dir: 'asc' }], groupBy, request.cursor)
  const rows = db.all<Omit<BudgetRow, 'share'>>(sql`select * from (${grouped}) ${after ? sql`where ${after}` : sql``} order by key limit ${request.limit + 1}`)
  const groupCount = db.get<{ n: number }>(sql`select count(*) as n from (${grouped})`)!.n
  const share = (totalYen: number | null) => (totalYen !== null && grand.totalYen ? totalYen / grand.totalYen : null)
  return toPage(rows, request, groupBy, (row) => [row.key], (row) => ({ ...row, share: share(row.totalYen) }), groupCount)
}
