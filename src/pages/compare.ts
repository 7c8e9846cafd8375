// /compare?from=&to=: a comparison of two plans as a page (GET /v1/compare's
// data): added text in <ins>, removed in <del>, reworded and retitled marked,
// budget changes per matched initiative and in total.
import { escapeHtml } from '../formats/html.js'
import type { ComparedItem, InitiativeMatch, ItemChanges, ItemMatch, PlanComparison, StatementChanges } from '../services/compare.js'
import type { PlanSummary } from '../services/entities.js'
import { htmlPage } from './layout.js'
import { COMPLETENESS_LABELS, label, planPath, yen } from './parts.js'

const PART_LABELS: Record<string, string> = {
  goals: label('区の目標', 'goals'),
  missions: label('区の使命', 'missions'),
  policy: label('基本的な考え方', 'policy'),
  issues: label('経営課題', 'issues'),
  strategies: label('戦略', 'strategies'),
  initiatives: label('具体的取組', 'initiatives'),
  budgets: label('予算額', 'budgets'),
}

const planName = (p: PlanSummary) => escapeHtml(p.title ?? p.id)
const planLink = (p: PlanSummary) => `<a href="${escapeHtml(planPath(p.id))}">${planName(p)}</a>`

/** A change in yen with its sign; unknown when either side has no amount. */
const signedYen = (change: number | null) => (change === null ? '—' : `${change > 0 ? '+' : ''}${yen(change)}`)

function statements(changes: StatementChanges): string {
  const rows = [
    ...changes.unchanged.map((s) => `<li class="unchanged">${escapeHtml(s)}</li>`),
    ...changes.changed.map((c) => `<li class="changed"><del>${escapeHtml(c.from)}</del> → <ins>${escapeHtml(c.to)}</ins> <span class="en">(reworded, ${c.similarity})</span></li>`),
    ...changes.added.map((s) => `<li class="added"><ins>${escapeHtml(s)}</ins> <span class="en">added</span></li>`),
    ...changes.removed.map((s) => `<li class="removed"><del>${escapeHtml(s)}</del> <span class="en">removed</span></li>`),
  ]
  return rows.length > 0 ? `<ul>\n${rows.join('\n')}\n</ul>` : '<p>—</p>'
}

const itemText = (i: ComparedItem) => `${escapeHtml(i.number)} ${escapeHtml(i.title ?? '—')}`

function how(m: ItemMatch): string {
  const by = m.matchedBy === 'number' ? '番号 <span class="en">by number</span>' : 'タイトル <span class="en">by title</span>'
  return `${by}${m.similarity === null ? '' : ` <span class="en">(${m.similarity})</span>`}`
}

function items(changes: ItemChanges<ItemMatch>, budget?: (m: InitiativeMatch) => string): string {
  const header = `<tr><th>${label('前', 'from')}</th><th>${label('後', 'to')}</th><th>${label('対応', 'matched')}</th>${budget ? `<th class="num">${label('予算額', 'budget')}</th>` : ''}</tr>`
  const empty = budget ? '<td></td>' : ''
  const rows = [
    ...changes.matched.map(
      (m) =>
        `<tr class="${m.retitled ? 'changed' : 'matched'}"><td>${m.retitled ? `<del>${itemText(m.from)}</del>` : itemText(m.from)}</td><td>${m.retitled ? `<ins>${itemText(m.to)}</ins>` : itemText(m.to)}</td><td>${how(m)}${m.retitled ? ' · 題名変更 <span class="en">retitled</span>' : ''}</td>${budget ? budget(m as InitiativeMatch) : ''}</tr>`,
    ),
    ...changes.added.map((i) => `<tr class="added"><td>—</td><td><ins>${itemText(i)}</ins></td><td>追加 <span class="en">added</span></td>${empty}</tr>`),
    ...changes.removed.map((i) => `<tr class="removed"><td><del>${itemText(i)}</del></td><td>—</td><td>削除 <span class="en">removed</span></td>${empty}</tr>`),
  ]
  return rows.length > 0 ? `<table><thead>${header}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>` : '<p>—</p>'
}

const budgetCell = (m: InitiativeMatch) =>
  `<td class="num" data-change-yen="${m.budget.changeYen ?? ''}">${yen(m.budget.from?.amountYen)} → ${yen(m.budget.to?.amountYen)}<br>${signedYen(m.budget.changeYen)}</td>`

export function renderComparePage(c: PlanComparison): string {
  const title = `${c.from.title ?? c.from.id} → ${c.to.title ?? c.to.id}`
  const json = `/v1/compare?from=${encodeURIComponent(c.from.id)}&to=${encodeURIComponent(c.to.id)}`
  const t = c.budgetTotal
  const notCompared =
    c.notCompared.length > 0
      ? `<section id="not-compared" class="notice"><h2>${label('比較できない部分', 'Not compared')}</h2><ul>
${c.notCompared.map((n) => `<li>${PART_LABELS[n.part]}: ${escapeHtml(n.reason)}</li>`).join('\n')}
</ul></section>`
      : ''
  return htmlPage(
    { title: `${title} — ward-plans`, description: `比較 comparison: ${title}`, links: [{ rel: 'alternate', type: 'application/json', href: json }] },
    `<header>
<p><a href="/">ward-plans</a> › ${label('比較', 'comparison')}</p>
<h1>${escapeHtml(title)}</h1>
<nav class="links">${label('データ', 'data')}: <a href="${escapeHtml(json)}">JSON</a></nav>
</header>
<main>
<table id="plans"><thead><tr><th></th><th>${label('前', 'from')}</th><th>${label('後', 'to')}</th></tr></thead><tbody>
<tr><th>${label('運営方針', 'plan')}</th><td>${planLink(c.from)}</td><td>${planLink(c.to)}</td></tr>
<tr><th>${label('読めた範囲', 'completeness')}</th><td>${COMPLETENESS_LABELS[c.from.completeness]}</td><td>${COMPLETENESS_LABELS[c.to.completeness]}</td></tr>
</tbody></table>
${notCompared}
<section id="goals"><h2>${label('区の目標', 'Goals')}</h2>${statements(c.goals)}</section>
<section id="missions"><h2>${label('区の使命', 'Missions')}</h2>${statements(c.missions)}</section>
<section id="policy"><h2>${label('区運営の基本的な考え方', 'Policy')}</h2><p>${
      c.policy.changed === null ? '— <span class="en">not in both plans</span>' : c.policy.changed ? `<span class="changed">変更あり <span class="en">changed (${c.policy.similarity})</span></span>` : '変更なし <span class="en">unchanged</span>'
    }</p></section>
<section id="issues"><h2>${label('経営課題', 'Issues')}</h2>${items(c.issues)}</section>
<section id="strategies"><h2>${label('戦略', 'Strategies')}</h2>${items(c.strategies)}</section>
<section id="initiatives"><h2>${label('具体的取組と予算額', 'Initiatives and budgets')}</h2>${items(c.initiatives, budgetCell)}</section>
<section id="budget-total"><h2>${label('予算額合計', 'Budget total')}</h2>
${t.complete ? '' : `<p class="notice">全文でない運営方針の合計は読めた分のみです。<span class="en">A plan that is not complete totals only what its text holds.</span></p>`}
<table><tbody>
<tr><th>${planName(c.from)}</th><td class="num" data-amount-yen="${t.fromYen ?? ''}">${yen(t.fromYen)}</td></tr>
<tr><th>${planName(c.to)}</th><td class="num" data-amount-yen="${t.toYen ?? ''}">${yen(t.toYen)}</td></tr>
<tr><th>${label('増減', 'change')}</th><td class="num" data-change-yen="${t.changeYen ?? ''}">${signedYen(t.changeYen)}</td></tr>
<tr><th>${label('対応した取組の増減', 'change of matched initiatives')}</th><td class="num">${signedYen(t.matchedChangeYen)}</td></tr>
</tbody></table>
</section>
</main>`,
  )
}
