// /fiscal-years/{year}: every organization's plan of one fiscal year, side by
// side: a chart of their budget totals (GET /v1/budgets?groupBy=plan&fiscalYear=
// gives the numbers; they stand in the table too), how much of each plan was
// read (an excerpt's total is only what its text holds), and links to each plan.
import { escapeHtml } from '../formats/html.js'
import type { BudgetRow } from '../services/budgets.js'
import type { CoverageCell } from '../services/catalogue.js'
import { barChart } from './chart.js'
import { htmlPage } from './layout.js'
import { COMPLETENESS_LABELS, COMPLETENESS_MARKS, fiscalYearPath, label, organizationPath, planPath, withCity, yen } from './parts.js'

export interface FiscalYearPlan extends CoverageCell {
  /** hasPage: false for an organization only the catalogue names (it has no page yet). */
  organization: { id: string; name: string | null; city: string | null; hasPage: boolean }
  title: string | null
  /** The API's row for the plan; null when the plan has no initiatives to sum. */
  budget: BudgetRow | null
}

export interface FiscalYearPageView {
  fiscalYear: number
  /** The year's plans and catalogue pages, one row each (an organization with a draft and its plan has two). */
  plans: FiscalYearPlan[]
  /** The API's total of the year (GET /v1/budgets?groupBy=fiscalYear); null when no plan of the year has initiatives. */
  total: BudgetRow | null
  /** The years before and after that have plans or catalogue pages. */
  earlier: number | null
  later: number | null
}

/** The JSON the chart's numbers come from. */
export const fiscalYearBudgetsJson = (fiscalYear: number) => `/v1/budgets?groupBy=plan&fiscalYear=${fiscalYear}&limit=100`

const organizationName = (p: FiscalYearPlan) => `${p.organization.city ?? ''}${p.organization.name ?? p.organization.id}`
const draftMark = (p: FiscalYearPlan) => (p.isDraft ? ' 案' : '')

/** Largest first; plans with no amount after them, then pages not loaded. */
function byAmount(a: FiscalYearPlan, b: FiscalYearPlan): number {
  const rank = (p: FiscalYearPlan) => (p.planId === null ? 2 : p.budget?.totalYen == null ? 1 : 0)
  return rank(a) - rank(b) || (b.budget?.totalYen ?? 0) - (a.budget?.totalYen ?? 0)
}

function planCell(p: FiscalYearPlan): string {
  const draft = p.isDraft ? ' (案 <span class="en">draft</span>)' : ''
  if (p.planId) return `<a href="${escapeHtml(planPath(p.planId))}">${escapeHtml(p.title ?? p.planId)}</a>${p.title === null ? draft : ''}`
  return `未取込 <span class="en">known, not loaded</span>${draft}${p.url ? ` <a href="${escapeHtml(p.url)}" rel="external">出典 source</a>` : ''}`
}

function row(p: FiscalYearPlan): string {
  const org = p.organization
  const b = p.budget
  return `<tr id="${escapeHtml(p.planId ?? `${org.id}-${p.fiscalYear}${p.isDraft ? '-draft' : ''}`)}" class="completeness-${p.completeness ?? 'not-loaded'}">
<td>${org.hasPage ? `<a href="${escapeHtml(organizationPath(org.id))}">${withCity(org.city, org.name, org.id)}</a>` : withCity(org.city, org.name, org.id)}</td><td>${planCell(p)}</td><td>${p.completeness ? COMPLETENESS_LABELS[p.completeness] : '—'}</td>
<td class="num" data-amount-yen="${b?.totalYen ?? ''}">${p.planId ? yen(b?.totalYen) : ''}</td><td class="num">${b ? `${b.budgetedCount} / ${b.budgetedCount + b.unbudgetedCount}` : ''}</td><td class="num">${b?.share == null ? '' : `${(b.share * 100).toFixed(1)}%`}</td></tr>`
}

/** One bar per plan the API has a row for (a plan with initiatives); an excerpt's bar is pale and says so. */
function chartOf(plans: FiscalYearPlan[], year: number): string {
  const bars = plans
    .filter((p) => p.budget !== null)
    .map((p) => ({
      key: `${organizationName(p)}${draftMark(p)}`,
      id: p.planId!,
      title: p.title,
      amountYen: p.budget!.totalYen,
      note: p.completeness === 'complete' ? undefined : `(${COMPLETENESS_MARKS[p.completeness!]})`,
    }))
  if (bars.length === 0) return `<p>— <span class="en">no initiative read from this year's plans has a budget line</span></p>`
  return barChart(bars, `${year}年度 区・局ごとの予算額 (budget by organization)`)
}

export function renderFiscalYearPage(view: FiscalYearPageView): string {
  const year = view.fiscalYear
  const json = fiscalYearBudgetsJson(year)
  const plansJson = `/v1/plans?fiscalYear=${year}&limit=100`
  const plans = [...view.plans].sort(byAmount)
  const loaded = plans.filter((p) => p.planId !== null)
  const incomplete = loaded.filter((p) => p.completeness !== 'complete')
  const total = view.total
  const years = [
    view.earlier === null ? '' : `<a href="${fiscalYearPath(view.earlier)}" rel="prev">← ${view.earlier}年度</a>`,
    view.later === null ? '' : `<a href="${fiscalYearPath(view.later)}" rel="next">${view.later}年度 →</a>`,
  ].filter(Boolean)
  return htmlPage(
    {
      title: `${year}年度の運営方針と予算額 — ward-plans`,
      description: `${year}年度の区・局の運営方針と予算額 plans and budgets of fiscal year ${year}`,
      links: [
        { rel: 'alternate', type: 'application/json', href: json },
        { rel: 'alternate', type: 'application/json', href: plansJson },
      ],
    },
    `<header>
<p><a href="/">ward-plans</a> › ${label(`${year}年度`, `FY${year}`)}</p>
<h1>${year}年度の運営方針と予算額 <span class="en">Plans and budgets, fiscal year ${year}</span></h1>
<nav class="links">${label('データ', 'data')}: <a href="${escapeHtml(json)}">JSON</a> <a href="${escapeHtml(plansJson)}">${label('運営方針一覧', 'plans')}</a>${years.map((y) => ` · ${y}`).join('')}</nav>
</header>
<main>
<section id="budgets">
<h2>${label('区・局ごとの予算額', 'Budget totals by organization')}</h2>
<p class="en">具体的取組の予算額の合計。 Sums of each plan's initiative budgets.</p>
${
  incomplete.length > 0
    ? `<p class="notice">全文でない運営方針 ${incomplete.length} 件の合計は読めた分のみです(図では淡色、「抜粋」等と表示)。<span class="en">${incomplete.length} of ${loaded.length} plans are not complete: their totals are only what their text holds (paler bars, marked).</span></p>`
    : ''
}
${chartOf(plans, year)}
<table class="budget-table"><caption>${label(`${year}年度の運営方針ごとの予算額`, `budget of each plan of ${year}`)}</caption>
<thead><tr><th>${label('区・局', 'organization')}</th><th>${label('運営方針', 'plan')}</th><th>${label('読めた範囲', 'completeness')}</th><th class="num">${label('予算額', 'budget')}</th><th class="num">${label('予算額のある取組', 'initiatives with an amount')}</th><th class="num">${label('割合', 'share')}</th></tr></thead>
<tbody>
${plans.map(row).join('\n')}
</tbody>
<tfoot><tr><td>${label('合計', 'total')}</td><td></td><td>${
      total && !total.allPlansComplete ? `一部 <span class="en">partial: ${total.incompletePlanCount} plans not complete</span>` : ''
    }</td><td class="num" id="budget-total" data-amount-yen="${total?.totalYen ?? ''}">${yen(total?.totalYen)}</td><td class="num">${total ? `${total.budgetedCount} / ${total.budgetedCount + total.unbudgetedCount}` : ''}</td><td></td></tr></tfoot>
</table>
</section>
</main>`,
  )
}
