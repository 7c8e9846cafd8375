// Budget analytics: initiative budgets summed by plan, organization, fiscal
// year, issue or strategy, with the same filters as the initiative list.
import { type SQL, and, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { initiatives } from '../db/schema.js'
import { type InitiativeFilter, initiativeConditions } from './initiatives.js'
import { memoByDataVersion } from './memo.js'
import { type Page, type PageRequest, decodeCursor, toPage } from './pagination.js'

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

/** How each grouping keys an initiative (a column with an index on it and the budget), and how a key gets its label. */
const GROUPS: Record<BudgetGroup, { column: SQL; label: SQL }> = {
  plan: { column: sql`${initiatives.planId}`, label: sql`(select title from plans where plans.id = ${initiatives.planId})` },
  organization: { column: sql`${initiatives.organizationId}`, label: sql`(select name from organizations where organizations.id = ${initiatives.organizationId})` },
  fiscalYear: { column: sql`${initiatives.fiscalYear}`, label: sql`${initiatives.fiscalYear} || '年度'` },
  issue: { column: sql`${initiatives.issueId}`, label: sql`(select title from management_issues where management_issues.id = ${initiatives.issueId})` },
  strategy: { column: sql`${initiatives.strategyId}`, label: sql`(select title from strategies where strategies.id = ${initiatives.strategyId})` },
}

/** The grand total and the number of groups of a filtered set: one pass over it, kept until the data changes. */
const totalsOf = memoByDataVersion<{ grandTotalYen: number | null; groupCount: number }>(256)

export function budgetTotals(db: Db, groupBy: BudgetGroup, filter: InitiativeFilter, request: PageRequest): Page<BudgetRow> {
  const conditions = initiativeConditions(filter)
  const { column, label } = GROUPS[groupBy]
  const where = (extra?: SQL) => {
    const all = and(...conditions, extra)
    return all ? sql`where ${all}` : sql``
  }
  // The cursor cuts the groups before they are summed, and the groups come in the
  // order of their column's index: a page costs its own groups, not all of them.
  const cursorKey = afterCursorKey(groupBy, request.cursor)
  const after = cursorKey === undefined ? undefined : sql`${column} > ${groupBy === 'fiscalYear' ? Number(cursorKey) : cursorKey}`
  const rows = db.all<Omit<BudgetRow, 'share' | 'key'> & { key: string | number }>(
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
  return toPage(
    rows,
    request,
    groupBy,
    (row) => [String(row.key)],
    (row) => ({ key: String(row.key), label: row.label, totalYen: row.totalYen, budgetedCount: row.budgetedCount, unbudgetedCount: row.unbudgetedCount, share: share(row.totalYen) }),
    groupCount,
  )
}

function afterCursorKey(groupBy: BudgetGroup, cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : String(decodeCursor(cursor, groupBy, 1)[0])
}
