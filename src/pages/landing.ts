// The front door at /: a server-rendered page (Japanese first, English
// labels, no JavaScript) saying what the dataset is, what it holds, how to
// use it and under which licence, with schema.org and DCAT JSON-LD for
// data portals and search engines.
import { escapeHtml } from '../formats/html.js'
import { dcatDataset } from '../rest/dcat.js'
import type { DatasetMeta } from '../rest/meta.js'
import { htmlPage } from './layout.js'
import { COMPLETENESS_LABELS, COMPLETENESS_MARKS, fiscalYearPath, organizationPath, planPath, withCity } from './parts.js'

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Organizations × fiscal years: each plan links to its page; a page only in the catalogue is marked 未取込. */
function coverageGrid(meta: DatasetMeta): string {
  const years = [...new Set(meta.coverage.flatMap((o) => o.fiscalYears.map((y) => y.fiscalYear)))].sort((a, b) => a - b)
  const cell = (cells: DatasetMeta['coverage'][number]['fiscalYears']) =>
    cells
      .map((c) => {
        const draft = c.isDraft ? '案' : ''
        if (c.planId && c.completeness) return `<a href="${planPath(c.planId)}" class="completeness-${c.completeness}" title="${escapeHtml(c.planId)}">${COMPLETENESS_MARKS[c.completeness]}${draft}</a>`
        return c.url ? `<a href="${escapeHtml(c.url)}" rel="external" class="not-loaded">未取込${draft}</a>` : `未取込${draft}`
      })
      .join('<br>')
  const rows = meta.coverage
    .map(
      (o) =>
        // An organization only the catalogue names has no page yet.
        `<tr><th>${o.fiscalYears.some((c) => c.planId) ? `<a href="${organizationPath(o.organizationId)}">${withCity(o.city, o.name, o.organizationId)}</a>` : withCity(o.city, o.name, o.organizationId)}</th>${years.map((y) => `<td>${cell(o.fiscalYears.filter((c) => c.fiscalYear === y))}</td>`).join('')}</tr>`,
    )
    .join('\n')
  return `<table class="grid"><thead><tr><th>区・局 <span class="en">organization</span></th>${years.map((y) => `<th><a href="${fiscalYearPath(y)}">${y}</a></th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>`
}

/** Said where no title says it (a draft's title says 案 or 素案). */
const draftMark = (isDraft: boolean) => (isDraft ? ' (案 <span class="en">draft</span>)' : '')

function structuredData(meta: DatasetMeta, base: string) {
  const years = meta.sources.map((s) => s.fiscalYear)
  const sourceUrls = meta.sources.map((s) => s.url).filter((u): u is string => u !== null)
  const schemaOrg = {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: meta.title,
    description: meta.description,
    url: `${base}/`,
    license: meta.license.url,
    creditText: meta.attribution,
    publisher: { '@type': 'Organization', name: meta.publisher },
    isBasedOn: sourceUrls,
    dateModified: meta.lastImportedAt,
    temporalCoverage: years.length > 0 ? `${Math.min(...years)}/${Math.max(...years) + 1}` : undefined,
    spatialCoverage: meta.attributions.length > 0 ? meta.attributions.map((a) => ({ '@type': 'Place', name: a.city })) : { '@type': 'Place', name: '大阪市 (Osaka City)' },
    inLanguage: 'ja',
    keywords: ['大阪市', '区運営方針', '予算', 'open data'],
    distribution: meta.downloads.map((d) => ({ '@type': 'DataDownload', name: d.name, encodingFormat: d.contentType.split(';')[0], contentUrl: `${base}${d.url}`, contentSize: `${d.bytes} B` })),
  }
  return [schemaOrg, dcatDataset(meta, base)]
}

/** `base` prefixes the links of the JSON-LD: the public URL without its trailing slash, or '' for relative links. */
export function renderLanding(meta: DatasetMeta, base: string): string {
  const c = meta.counts
  const years = [...new Set(meta.sources.map((s) => s.fiscalYear))].sort()
  const plans = meta.sources
    .map(
      (s) => `<tr><td>${withCity(s.city, s.organizationName, s.organizationId)}</td><td>${escapeHtml(s.fiscalYear)}</td><td><a href="${planPath(s.planId)}">${escapeHtml(s.title ?? s.planId)}</a>${s.title === null ? draftMark(s.isDraft) : ''} <a href="/v1/plans/${encodeURIComponent(s.planId)}" class="en">JSON</a></td>
        <td class="completeness-${s.completeness}">${COMPLETENESS_LABELS[s.completeness]}</td><td>${s.url ? `<a href="${escapeHtml(s.url)}" rel="external">出典 source</a>` : '—'}</td></tr>`,
    )
    .join('\n')
  const notLoaded = meta.coverage
    .flatMap((o) => o.fiscalYears.filter((y) => y.planId === null).map((y) => ({ ...y, organization: withCity(o.city, o.name, o.organizationId) })))
    .map((y) => `<tr><td>${y.organization}</td><td>${escapeHtml(y.fiscalYear)}${draftMark(y.isDraft)}</td><td>${y.url ? `<a href="${escapeHtml(y.url)}" rel="external">${escapeHtml(y.url)}</a>` : '—'}</td></tr>`)
    .join('\n')
  const incomplete = c.plans - c.plansByCompleteness.complete
  const attributions = meta.attributions.length > 0 ? meta.attributions.map((a) => escapeHtml(a.attribution)).join('<br>') : escapeHtml(meta.attribution)
  const downloads = meta.downloads
    .map((d) => `<tr><td><a href="${escapeHtml(d.url)}" download>${escapeHtml(d.name)}</a></td><td>${escapeHtml(d.description)}</td><td class="num">${formatBytes(d.bytes)}</td></tr>`)
    .join('\n')
  const head = { title: meta.title, description: meta.description, links: [{ rel: 'license', href: meta.license.url }], jsonLd: structuredData(meta, base) }
  return htmlPage(
    head,
    `<header>
<h1>${escapeHtml(meta.title)}</h1>
<p>${escapeHtml(meta.description)}</p>
</header>
<main>
<section id="contents">
<h2>収録データ <span class="en">Contents</span></h2>
<dl>
  <dt>区・局 <span class="en">organizations</span></dt><dd>${c.organizations}</dd>
  <dt>運営方針 <span class="en">plans</span></dt><dd>${c.plans} (全文 ${c.plansByCompleteness.complete} complete, 抜粋 ${c.plansByCompleteness.excerpt} excerpts, 添付のみ ${c.plansByCompleteness.attachments} attachments only)</dd>
  <dt>既知・未取込 <span class="en">known, not loaded</span></dt><dd>${c.catalogueEntriesNotLoaded} (カタログ ${c.catalogueEntries} pages in the catalogue)</dd>
  <dt>年度 <span class="en">fiscal years</span></dt><dd>${years.length > 0 ? years.join(', ') : '—'}</dd>
  <dt>経営課題 <span class="en">issues</span></dt><dd>${c.issues}</dd>
  <dt>戦略 <span class="en">strategies</span></dt><dd>${c.strategies}</dd>
  <dt>具体的取組 <span class="en">initiatives</span></dt><dd>${c.initiatives} (予算額あり ${c.budgetedInitiatives} with a budget)</dd>
  <dt>予算額合計 <span class="en">budget total</span></dt><dd>${c.budgetTotalYen === null ? '—' : `${c.budgetTotalYen.toLocaleString('ja-JP')} 円 (yen)`}${
    incomplete > 0 ? `<br>全文でない ${incomplete} 件の運営方針は読めた分のみ <span class="en">(${incomplete} plans are not complete: only what their text holds is in the total)</span>` : ''
  }</dd>
  <dt>最終取込 <span class="en">last import</span></dt><dd>${escapeHtml(meta.lastImportedAt ?? '—')}</dd>
</dl>
<table>
<thead><tr><th>区・局 <span class="en">organization</span></th><th>年度 <span class="en">FY</span></th><th>運営方針 <span class="en">plan</span></th><th>読めた範囲 <span class="en">completeness</span></th><th>出典 <span class="en">source</span></th></tr></thead>
<tbody>
${plans}
</tbody>
</table>
</section>
<section id="coverage">
<h2>年度ごとの収録状況 <span class="en">Coverage: organizations × fiscal years</span></h2>
<p>全文 <span class="en">complete</span> · 抜粋 <span class="en">excerpt</span> · 添付 <span class="en">attachments only</span> · 未取込 <span class="en">known, not loaded</span> · 案 <span class="en">draft</span></p>
${coverageGrid(meta)}
</section>
<section id="catalogue">
<h2>既知・未取込の運営方針 <span class="en">Known plan pages not loaded</span></h2>
<p>カタログに載っているが本文を取り込んでいないページです(運営方針としては数えていません)。<span class="en">Pages the catalogue lists whose text is not loaded: known, not counted as plans. See <a href="/v1/catalogue">/v1/catalogue</a>.</span></p>
${
  notLoaded
    ? `<table><thead><tr><th>区・局 <span class="en">organization</span></th><th>年度 <span class="en">FY</span></th><th>ページ <span class="en">page</span></th></tr></thead><tbody>
${notLoaded}
</tbody></table>`
    : '<p>—</p>'
}
</section>
<section id="api">
<h2>使い方 <span class="en">Using the API</span></h2>
<ul>
  <li><a href="/docs/">API ドキュメント (Swagger UI)</a> <span class="en">REST API reference</span> · <a href="/openapi.json">openapi.json</a></li>
  <li><a href="/graphiql">GraphiQL</a> <span class="en">GraphQL explorer</span> · <code>POST /graphql</code></li>
  <li><a href="/v1/meta">/v1/meta</a> <span class="en">dataset metadata (JSON)</span></li>
  <li>例 <span class="en">example</span>: <a href="/v1/initiatives?hasBudget=true&amp;sort=-budget"><code>/v1/initiatives?hasBudget=true&amp;sort=-budget</code></a></li>
</ul>
</section>
<section id="downloads">
<h2>一括ダウンロード <span class="en">Bulk downloads</span></h2>
${
  downloads
    ? `<table><thead><tr><th>ファイル <span class="en">file</span></th><th>内容 <span class="en">contents</span></th><th class="num">サイズ <span class="en">size</span></th></tr></thead><tbody>
${downloads}
</tbody></table>`
    : '<p>ダウンロードは準備されていません。<span class="en">No downloads are available on this server.</span></p>'
}
<p class="licence">${attributions}<br>ライセンス <span class="en">licence</span>: <a href="${escapeHtml(meta.license.url)}" rel="license">${escapeHtml(meta.license.name)}</a></p>
</section>
<section id="licence">
<h2>ライセンスと出典 <span class="en">Licence and attribution</span></h2>
<p>このデータは <a href="${escapeHtml(meta.license.url)}" rel="license">${escapeHtml(meta.license.name)}</a> で提供します。利用の際は次の出典を表示してください。 <span class="en">Data under ${escapeHtml(meta.license.name)}; credit as follows.</span></p>
<p class="licence">${attributions}</p>
</section>
</main>`,
  )
}
