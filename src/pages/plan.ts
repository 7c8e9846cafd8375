// /plans/{id}: one plan as a page: its facts and source, goals, missions,
// policy, each issue with its strategies and initiatives and their budgets,
// charts of the budgets by issue and by strategy (their numbers in tables beside them), and
// links to the same data as JSON, CSV and GraphQL.
import type { DatasetInfo } from '../dataset-info.js'
import { escapeHtml } from '../formats/html.js'
import type { Initiative, ManagementIssue, PlanDocument } from '../plans/types.js'
import type { PlanSummary } from '../services/entities.js'
import { barChart } from './chart.js'
import { htmlPage } from './layout.js'
import { COMPLETENESS_LABELS, comparePath, fiscalYearPath, label, organizationPath, planPath, withCity, yen } from './parts.js'

export interface PlanPageView {
  plan: PlanDocument
  /** The page the plan was read from. */
  sourceUrl: string | null
  /** The organization's plans of the years before and after, for comparisons. */
  earlier: PlanSummary | null
  later: PlanSummary | null
  dataset: DatasetInfo
  /** The public URL without its trailing slash, or '' (relative links). */
  base: string
}

const initiativesOf = (issue: ManagementIssue): Initiative[] => issue.strategies.flatMap((s) => s.initiatives)

/** Sum of the amounts; null when none has one ("-円" is not 0). */
function total(initiatives: Initiative[]): number | null {
  const amounts = initiatives.map((i) => i.budget?.amountYen).filter((a): a is number => typeof a === 'number')
  return amounts.length > 0 ? amounts.reduce((a, b) => a + b, 0) : null
}

const issueNumber = (issue: ManagementIssue) => (issue.subNumber === null ? `${issue.number}` : `${issue.number}-(${issue.subNumber})`)

const list = (items: string[]) => (items.length > 0 ? `<ul>\n${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>` : '<p>—</p>')

/** The GraphQL query of the plan's tree, as a GET link. */
function graphqlLink(id: string): string {
  const query = `{ plan(id: ${JSON.stringify(id)}) { id title goals missions issues { number title strategies { number title initiatives { number title budget { amountYen text } } } } } }`
  return `/graphql?query=${encodeURIComponent(query)}`
}

function structuredData(view: PlanPageView, title: string) {
  const { plan, base, dataset } = view
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: title,
    description: `${plan.organization.city}${plan.organization.name}の${plan.fiscalYearLabel ?? plan.fiscalYear + '年度'}運営方針: 目標、使命、経営課題、戦略、具体的取組と予算額`,
    url: `${base}${planPath(plan.id)}`,
    isBasedOn: view.sourceUrl ?? undefined,
    dateModified: plan.updatedOn ?? undefined,
    temporalCoverage: `${plan.fiscalYear}-04-01/${plan.fiscalYear + 1}-03-31`,
    spatialCoverage: { '@type': 'Place', name: `${plan.organization.city}${plan.organization.name}` },
    creator: { '@type': 'GovernmentOrganization', name: `${plan.organization.city}${plan.organization.name}` },
    publisher: { '@type': 'Organization', name: dataset.publisher },
    license: dataset.license.url,
    creditText: dataset.attribution,
    inLanguage: 'ja',
    distribution: [
      { '@type': 'DataDownload', encodingFormat: 'application/json', contentUrl: `${base}/v1/plans/${encodeURIComponent(plan.id)}` },
      { '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: `${base}/v1/initiatives?plan=${encodeURIComponent(plan.id)}&format=csv` },
    ],
  }
}

function initiativeRows(initiatives: Initiative[]): string {
  return initiatives
    .map(
      (i) => `<tr id="${escapeHtml(i.id)}"><td>${escapeHtml(i.number)}</td><td>${escapeHtml(i.title ?? '—')}${i.points.length > 0 ? list(i.points) : ''}</td>
<td class="num" data-amount-yen="${i.budget?.amountYen ?? ''}">${yen(i.budget?.amountYen)}${i.budget ? `<br><span class="en">${escapeHtml(i.budget.text)}</span>` : ''}</td></tr>`,
    )
    .join('\n')
}

/** The issue's budgets by strategy: a chart, and the same numbers in a table. */
function strategyBudgets(issue: ManagementIssue): string {
  const rows = issue.strategies.map((s) => ({ key: `戦略${s.number}`, title: s.title, amountYen: total(s.initiatives) }))
  if (rows.every((r) => r.amountYen === null)) return ''
  return `<div class="strategy-budgets">
${barChart(rows, `戦略ごとの予算額 (budget by strategy): 経営課題${issueNumber(issue)}`)}
<table><caption>${label('戦略ごとの予算額', 'budget by strategy')}</caption><tbody>
${rows.map((r) => `<tr><td>${escapeHtml(r.key)} ${escapeHtml(r.title ?? '')}</td><td class="num" data-amount-yen="${r.amountYen ?? ''}">${yen(r.amountYen)}</td></tr>`).join('\n')}
</tbody></table>
</div>`
}

function issueSection(issue: ManagementIssue): string {
  const strategies = issue.strategies
    .map(
      (s) => `<section class="strategy" id="${escapeHtml(s.id)}">
<h4>${label('戦略', 'strategy')} ${escapeHtml(s.number)} ${escapeHtml(s.title ?? '')}</h4>
${s.points.length > 0 ? list(s.points) : ''}
${
  s.initiatives.length > 0
    ? `<table class="initiatives"><thead><tr><th>${label('番号', 'no.')}</th><th>${label('具体的取組', 'initiative')}</th><th class="num">${label('予算額', 'budget')}</th></tr></thead>
<tbody>
${initiativeRows(s.initiatives)}
</tbody></table>`
    : ''
}
</section>`,
    )
    .join('\n')
  const budgets = issue.budgets.map((b) => `<li>${escapeHtml(b.text)}</li>`).join('')
  return `<section class="issue" id="${escapeHtml(issue.id)}">
<h3>${label('経営課題', 'issue')} ${escapeHtml(issueNumber(issue))} ${escapeHtml(issue.title ?? '')}</h3>
${issue.aim ? `<p>${escapeHtml(issue.aim)}</p>` : ''}
${budgets ? `<ul class="issue-budgets">${budgets}</ul>` : ''}
${strategyBudgets(issue)}
${strategies}
</section>`
}

function budgetOverview(plan: PlanDocument): string {
  const rows = plan.issues.map((issue) => ({ issue, amount: total(initiativesOf(issue)) }))
  const all = total(plan.issues.flatMap(initiativesOf))
  const caveat =
    plan.completeness === 'complete' ? '' : `<p class="notice">この運営方針は全文ではありません。合計は読めた分のみです。<span class="en">This plan is not complete: the totals are only what its text holds.</span></p>`
  return `<section id="budgets">
<h2>${label('予算額', 'Budgets by issue')}</h2>
${caveat}
${barChart(
  rows.map(({ issue, amount }) => ({ key: `経営課題${issueNumber(issue)}`, title: issue.title, amountYen: amount })),
  '経営課題ごとの予算額 (budget by issue)',
)}
<table class="budget-table"><caption>${label('経営課題ごとの具体的取組の予算額合計', "sum of each issue's initiative budgets")}</caption>
<thead><tr><th>${label('経営課題', 'issue')}</th><th class="num">${label('予算額', 'budget')}</th></tr></thead>
<tbody>
${rows.map(({ issue, amount }) => `<tr><td><a href="#${escapeHtml(issue.id)}">${escapeHtml(issueNumber(issue))} ${escapeHtml(issue.title ?? '')}</a></td><td class="num" data-amount-yen="${amount ?? ''}">${yen(amount)}</td></tr>`).join('\n')}
</tbody>
<tfoot><tr><td>${label('合計', 'total')}</td><td class="num" id="budget-total" data-amount-yen="${all ?? ''}">${yen(all)}</td></tr></tfoot>
</table>
</section>`
}

export function renderPlanPage(view: PlanPageView): string {
  const { plan } = view
  const org = plan.organization
  const title = plan.title ?? `${org.city}${org.name} ${plan.fiscalYearLabel ?? plan.fiscalYear} 運営方針`
  const json = `/v1/plans/${encodeURIComponent(plan.id)}`
  const csv = `/v1/initiatives?plan=${encodeURIComponent(plan.id)}&format=csv`
  const comparisons = [
    view.earlier ? `<a href="${escapeHtml(comparePath(view.earlier.id, plan.id))}">${escapeHtml(view.earlier.fiscalYear)}年度との比較 <span class="en">compare with ${escapeHtml(view.earlier.id)}</span></a>` : '',
    view.later ? `<a href="${escapeHtml(comparePath(plan.id, view.later.id))}">${escapeHtml(view.later.fiscalYear)}年度との比較 <span class="en">compare with ${escapeHtml(view.later.id)}</span></a>` : '',
  ].filter(Boolean)
  const head = {
    title: `${title} — ward-plans`,
    description: `${org.city}${org.name} ${title}`,
    links: [
      { rel: 'alternate', type: 'application/json', href: json },
      { rel: 'alternate', type: 'text/csv', href: csv },
      { rel: 'license', href: view.dataset.license.url },
    ],
    jsonLd: [structuredData(view, title)],
  }
  return htmlPage(
    head,
    `<header>
<p><a href="/">ward-plans</a> › <a href="${escapeHtml(organizationPath(org.id))}">${withCity(org.city, org.name, org.id)}</a></p>
<h1>${escapeHtml(title)}</h1>
<nav class="links">${label('データ', 'data')}: <a href="${escapeHtml(json)}">JSON</a> <a href="${escapeHtml(csv)}">CSV</a> <a href="${escapeHtml(graphqlLink(plan.id))}">GraphQL</a>${comparisons.map((c) => ` · ${c}`).join('')}</nav>
</header>
<main>
<section id="facts">
<dl>
  <dt>${label('区・局', 'organization')}</dt><dd>${withCity(org.city, org.name, org.id)}</dd>
  <dt>${label('年度', 'fiscal year')}</dt><dd>${escapeHtml(plan.fiscalYearLabel ?? '')} (<a href="${fiscalYearPath(plan.fiscalYear)}">${escapeHtml(plan.fiscalYear)}</a>)${plan.isDraft ? ' 案 <span class="en">draft</span>' : ''}</dd>
  <dt>${label('更新日', 'updated')}</dt><dd>${escapeHtml(plan.updatedOn ?? '—')}</dd>
  <dt>${label('ページ番号', 'page no.')}</dt><dd>${escapeHtml(plan.pageId ?? '—')}</dd>
  <dt>${label('出典', 'source')}</dt><dd>${view.sourceUrl ? `<a href="${escapeHtml(view.sourceUrl)}" rel="external">${escapeHtml(view.sourceUrl)}</a>` : '—'}</dd>
  <dt>${label('読めた範囲', 'completeness')}</dt><dd class="completeness-${plan.completeness}">${COMPLETENESS_LABELS[plan.completeness]}</dd>
</dl>
${plan.notes.length > 0 ? list(plan.notes) : ''}
</section>
<section id="goals">
<h2>${label('区の目標', 'Goals')}</h2>
${list(plan.goals)}
</section>
<section id="missions">
<h2>${label('区の使命', 'Missions')}</h2>
${list(plan.missions)}
</section>
<section id="policy">
<h2>${label('区運営の基本的な考え方', 'Policy')}</h2>
<p>${escapeHtml(plan.policy ?? '—')}</p>
</section>
${budgetOverview(plan)}
<section id="issues">
<h2>${label('経営課題', 'Management issues')}</h2>
${plan.issues.length > 0 ? plan.issues.map(issueSection).join('\n') : '<p>—</p>'}
</section>
${
  plan.reformItems.length > 0
    ? `<section id="reform"><h2>${label('市政改革プラン2.0に基づく取組等', 'Reform items')}</h2>
<table><thead><tr><th>${label('取組項目', 'item')}</th><th>${label('取組内容', 'content')}</th></tr></thead><tbody>
${plan.reformItems.map((r) => `<tr><td>${escapeHtml(r.item ?? '—')}</td><td>${escapeHtml(r.content ?? '—')}</td></tr>`).join('\n')}
</tbody></table></section>`
    : ''
}
${
  plan.contact
    ? `<section id="contact"><h2>${label('問合せ先', 'Contact')}</h2><p>${[plan.contact.department, plan.contact.postalCode && `〒${plan.contact.postalCode}`, plan.contact.address, plan.contact.phone && `電話 ${plan.contact.phone}`, plan.contact.fax && `ファックス ${plan.contact.fax}`]
        .filter(Boolean)
        .map((x) => escapeHtml(x))
        .join('<br>')}</p></section>`
    : ''
}
${plan.attachments.length > 0 ? `<section id="attachments"><h2>${label('添付ファイル', 'Attachments')}</h2>${list(plan.attachments)}</section>` : ''}
${plan.warnings.length > 0 ? `<section id="warnings"><h2>${label('読み取りの注意', 'Parser warnings')}</h2>${list(plan.warnings)}</section>` : ''}
<p class="licence">${escapeHtml(view.dataset.attribution)}<br>${label('ライセンス', 'licence')}: <a href="${escapeHtml(view.dataset.license.url)}" rel="license">${escapeHtml(view.dataset.license.name)}</a></p>
</main>`,
  )
}
