// /organizations/{id}: one organization's timeline: a row per fiscal year
// (complete, excerpt, attachments only, known but not loaded, or missing),
// its goals and issue titles year by year, its budget totals (a chart, and
// the numbers in the table), and each year's comparison with the year before.
import { escapeHtml } from '../formats/html.js'
import type { CoverageCell } from '../services/catalogue.js'
import type { Organization } from '../services/entities.js'
import { barChart } from './chart.js'
import { htmlPage } from './layout.js'
import { COMPLETENESS_LABELS, comparePath, fiscalYearPath, label, planPath, withCity, yen } from './parts.js'

export interface YearPlan extends CoverageCell {
  title: string | null
  goals: string[]
  issueTitles: string[]
  /** The API's budget total of the plan (GET /v1/budgets?groupBy=plan); null when no initiative has an amount. */
  budgetTotalYen: number | null
  /** The latest final plan of an earlier year, to compare with. */
  earlier: { planId: string; fiscalYear: number } | null
}

export interface OrganizationPageView {
  organization: Organization
  /** Every year from the first to the last known, each with its plans and catalogue pages (none: missing). */
  years: { fiscalYear: number; plans: YearPlan[] }[]
}

const list = (items: string[], tag = 'ul') => (items.length > 0 ? `<${tag}>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>` : '—')

function status(p: YearPlan): string {
  if (p.completeness) return COMPLETENESS_LABELS[p.completeness]
  return '未取込 <span class="en">known, not loaded</span>'
}

function planCell(p: YearPlan): string {
  const draft = p.isDraft ? ' (案 <span class="en">draft</span>)' : ''
  if (p.planId) return `<a href="${escapeHtml(planPath(p.planId))}">${escapeHtml(p.title ?? p.planId)}</a>${p.title === null ? draft : ''}`
  return p.url ? `<a href="${escapeHtml(p.url)}" rel="external">${escapeHtml(p.url)}</a>${draft}` : `—${draft}`
}

function yearRows(year: OrganizationPageView['years'][number]): string {
  if (year.plans.length === 0) {
    return `<tr class="missing" id="fy-${year.fiscalYear}"><td>${year.fiscalYear}</td><td>—</td><td>欠落 <span class="en">missing: no plan known</span></td><td></td><td></td><td class="num">—</td><td></td></tr>`
  }
  return year.plans
    .map(
      (p) => `<tr id="fy-${year.fiscalYear}${p.isDraft ? '-draft' : ''}" class="completeness-${p.completeness ?? 'not-loaded'}"><td><a href="${fiscalYearPath(year.fiscalYear)}">${year.fiscalYear}</a></td><td>${planCell(p)}</td><td>${status(p)}</td>
<td>${p.planId ? list(p.goals) : ''}</td><td>${p.planId ? list(p.issueTitles, 'ol') : ''}</td><td class="num" data-amount-yen="${p.budgetTotalYen ?? ''}">${p.planId ? yen(p.budgetTotalYen) : ''}</td>
<td>${p.planId && p.earlier ? `<a href="${escapeHtml(comparePath(p.earlier.planId, p.planId))}">${p.earlier.fiscalYear}年度と比較 <span class="en">compare with ${p.earlier.fiscalYear}</span></a>` : ''}</td></tr>`,
    )
    .join('\n')
}

export function renderOrganizationPage(view: OrganizationPageView): string {
  const org = view.organization
  const name = withCity(org.city, org.name, org.id)
  const json = `/v1/organizations/${encodeURIComponent(org.id)}`
  const plansJson = `/v1/plans?organization=${encodeURIComponent(org.id)}`
  const loaded = view.years.flatMap((y) => y.plans.filter((p) => p.planId !== null))
  return htmlPage(
    {
      title: `${org.city}${org.name} — ward-plans`,
      description: `${org.city}${org.name}の運営方針 (年度ごと) plans by fiscal year`,
      links: [
        { rel: 'alternate', type: 'application/json', href: json },
        { rel: 'alternate', type: 'application/json', href: plansJson },
      ],
      jsonLd: [{ '@context': 'https://schema.org', '@type': 'GovernmentOrganization', name: `${org.city}${org.name}`, identifier: org.code ?? undefined, url: json }],
    },
    `<header>
<p><a href="/">ward-plans</a> › ${name}</p>
<h1>${name}</h1>
<nav class="links">${label('データ', 'data')}: <a href="${escapeHtml(json)}">JSON</a> <a href="${escapeHtml(plansJson)}">${label('運営方針一覧', 'plans')}</a></nav>
</header>
<main>
<section id="budgets">
<h2>${label('年度ごとの予算額', 'Budget totals by year')}</h2>
<p class="en">具体的取組の予算額の合計。全文でない運営方針は読めた分のみ。 Sums of the initiatives' budgets; a plan that is not complete counts only what its text holds.</p>
${barChart(
  loaded.map((p) => ({ key: `${p.fiscalYear}${p.isDraft ? ' 案' : ''}`, title: p.title, amountYen: p.budgetTotalYen })),
  '年度ごとの予算額 (budget by year)',
)}
</section>
<section id="timeline">
<h2>${label('年度ごとの運営方針', 'Plans year by year')}</h2>
<table><thead><tr><th>${label('年度', 'FY')}</th><th>${label('運営方針', 'plan')}</th><th>${label('読めた範囲', 'completeness')}</th><th>${label('区の目標', 'goals')}</th><th>${label('経営課題', 'issues')}</th><th class="num">${label('予算額', 'budget')}</th><th>${label('比較', 'compare')}</th></tr></thead>
<tbody>
${view.years.map(yearRows).join('\n')}
</tbody></table>
</section>
</main>`,
  )
}
