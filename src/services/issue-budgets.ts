// Budget totals over the issues' own budget lines (経営課題の予算額/決算額,
// published from the FY2023 plans on), grouped like the initiative totals.
// An issue's budget is its 予算額 for its plan's own fiscal year (the other
// years it lists are other plans' years, and would count twice); beside it,
// its 決算額 of the latest year it publishes a settlement for.
import { type SQL, and, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { GROUP_LABELS } from './budget-labels.js'
import { type BudgetGroup, type BudgetRow, type GroupSums, groupRows, memoizedGroups, pageOfGroups } from './budgets.js'
import { InvalidParameterError } from './errors.js'
import type { InitiativeFilter } from './initiatives.js'
import { type Page, type PageRequest, decodeCursor } from './pagination.js'
import { organizationYearConditions } from './scope.js'

/** One row per issue in scope: its keys, its plan's completeness and its amounts. */
function issueFacts(filter: InitiativeFilter): SQL {
  const scope: SQL[] = []
  if (filter.plan !== undefined) scope.push(sql`m.plan_id = ${filter.plan}`)
  scope.push(...organizationYearConditions(sql`p.organization_id`, sql`p.fiscal_year`, filter))
  if (filter.issue !== undefined) scope.push(sql`m.id = ${filter.issue}`)
  const where = scope.length > 0 ? sql`where ${and(...scope)}` : sql``
  return sql`select m.id as issue, m.plan_id as plan, p.organization_id as organization, p.fiscal_year as fiscalYear, p.completeness as completeness,
      (select sum(b.amount_yen) from issue_budgets b where b.issue_id = m.id and b.kind = 'budget' and b.fiscal_year = p.fiscal_year) as budgetYen,
      s.fiscal_year as settlementFiscalYear,
      (select sum(b.amount_yen) from issue_budgets b where b.issue_id = m.id and b.kind = 'settlement' and b.fiscal_year = s.fiscal_year) as settlementYen
    from management_issues m join plans p on p.id = m.plan_id
    left join (select issue_id, max(fiscal_year) as fiscal_year from issue_budgets where kind = 'settlement' and amount_yen is not null group by issue_id) s on s.issue_id = m.id
    ${where}`
}

/** The amount filters apply to an issue's budget for its plan's year. */
function amountConditions(filter: InitiativeFilter): SQL[] {
  const conditions: SQL[] = []
  if (filter.hasBudget === true) conditions.push(sql`budgetYen is not null`)
  if (filter.hasBudget === false) conditions.push(sql`budgetYen is null`)
  if (filter.minBudgetYen !== undefined) conditions.push(sql`budgetYen >= ${filter.minBudgetYen}`)
  if (filter.maxBudgetYen !== undefined) conditions.push(sql`budgetYen <= ${filter.maxBudgetYen}`)
  return conditions
}

export function issueBudgetTotals(db: Db, groupBy: BudgetGroup, filter: InitiativeFilter, request: PageRequest): Page<BudgetRow> {
  if (groupBy === 'strategy') throw new InvalidParameterError('groupBy', 'groupBy=strategy sums initiative budgets; issue budget lines (source=issues) group by plan, organization, fiscalYear or issue')
  for (const name of ['strategy', 'q'] as const) {
    if (filter[name] !== undefined) throw new InvalidParameterError(name, `${name} filters initiatives; it does not apply to issue budget lines (source=issues)`)
  }
  const sortName = `issues:${groupBy}`
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, sortName, 1)[0]
  const groups = memoizedGroups(db, 'issues', groupBy, filter, () => {
    const key = sql.raw(groupBy)
    const conditions = amountConditions(filter)
    const where = conditions.length > 0 ? sql`where ${and(...conditions)}` : sql``
    const rows = db.all<GroupSums>(
      sql`with facts as (${issueFacts(filter)})
        select ${key} as key, ${GROUP_LABELS[groupBy](key)} as label, sum(budgetYen) as totalYen, count(budgetYen) as budgetedCount,
          count(*) - count(budgetYen) as unbudgetedCount, count(distinct plan) as planCount,
          count(distinct case when completeness <> 'complete' then plan end) as incompletePlanCount,
          sum(settlementYen) as settlementYen, case when min(settlementFiscalYear) = max(settlementFiscalYear) then min(settlementFiscalYear) end as settlementFiscalYear
        from facts ${where} group by ${key} order by ${key}`,
    )
    return groupRows(rows)
  })
  // The cursor holds the key as SQL gave it: a year stays a number.
  return pageOfGroups(groups, request, sortName, after, (_row, key) => key)
}
