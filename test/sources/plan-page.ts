// Test fixtures: the seed plan's text laid out as the city's site would serve
// it (banner, global menu, breadcrumbs, footer around the plan), built from the
// text so no value is retyped. Bullet lines become list items, 【…】 headers
// headings, the reform items a table, the contact lines one paragraph with
// <br>, the rest paragraphs (lines with no blank between them joined by <br>).
import iconv from 'iconv-lite'
import { parsePlan } from '../../src/plans/parse.js'
import type { PlanDocument } from '../../src/plans/types.js'

export interface PageOptions {
  /** Written into <meta charset>; omit to leave the charset to the HTTP header. */
  metaCharset?: string
  canonical?: string
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;')

/** The plan text's lines as the body of a plan page. */
function planBody(text: string): string {
  // The skip-link texts come with the page's furniture below.
  const lines = text
    .replace(/^source:.*\n/, '')
    .split('\n')
    .filter((line) => !/^(?:ページの先頭です|メニューの終端です。)$/.test(line.trim()))
  const out: string[] = []
  let paragraph: string[] = []
  let list: { tag: 'ul' | 'ol'; items: string[] } | null = null
  let inTable = false
  const flush = () => {
    if (paragraph.length > 0) out.push(`<p>${paragraph.map(escape).join('<br>\n')}</p>`)
    if (list) out.push(`<${list.tag}>${list.items.map((item) => `<li>${escape(item)}</li>`).join('')}</${list.tag}>`)
    paragraph = []
    list = null
  }
  for (const raw of lines) {
    const line = raw.trim()
    const bullet = /^•\s*(.*)$/.exec(line)
    const numbered = /^\d+\.\s+(.*)$/.exec(line)
    if (line === '') {
      flush()
    } else if (bullet || numbered) {
      const tag = bullet ? 'ul' : 'ol'
      if (paragraph.length > 0 || (list && list.tag !== tag)) flush()
      list ??= { tag, items: [] }
      list.items.push((bullet ?? numbered)![1])
    } else if (/^【取組(?:項目|内容)】$/.test(line)) {
      // 市政改革プラン items: a table whose header rows name the column below.
      flush()
      if (!inTable) out.push('<table class="datatable"><tbody>')
      inTable = true
      out.push(`<tr><th scope="row">${escape(line)}</th></tr>`)
    } else if (inTable && !/^【/.test(line) && /^・/.test(line)) {
      out.push(`<tr><td>${escape(line)}</td></tr>`)
    } else if (/^【.*】$/.test(line) || /運営方針$/.test(line) || line === 'このページの作成者・問合せ先') {
      flush()
      if (inTable) out.push('</tbody></table>')
      inTable = false
      out.push(line.startsWith('【経営課題') || /運営方針$/.test(line) ? `<h2>${escape(line)}</h2>` : `<h3>${escape(line)}</h3>`)
    } else {
      if (inTable) out.push('</tbody></table>')
      inTable = false
      if (list) flush()
      paragraph.push(line)
    }
  }
  flush()
  if (inTable) out.push('</tbody></table>')
  return out.join('\n')
}

/**
 * An HTML page carrying `text`, with the site's furniture around it: what a
 * reader sees and a copy of the page gives, besides the plan, is only menus.
 */
export function planPage(text: string, options: PageOptions = {}): string {
  return pageShell(planBody(text), options)
}

/** A page of the city's site with `body` (HTML) as its main content, the site's furniture around it. */
export function pageShell(body: string, options: PageOptions = {}): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
${options.metaCharset ? `<meta charset="${options.metaCharset}">` : ''}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>平成29年度 旭区運営方針 - 大阪市旭区</title>
${options.canonical ? `<link rel="canonical" href="${options.canonical}">` : ''}
<link rel="stylesheet" href="/css/common.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments)}</script>
<style>.skip { position: absolute; left: -9999px }</style>
</head>
<body>
<div id="pagetop" class="skip">ページの先頭です</div>
<header id="site-header" role="banner">
  <p class="logo"><a href="/asahi/"><img src="/images/logo.png" alt="大阪市旭区"></a></p>
  <ul class="tools"><li><a href="/foreign/">Foreign Language</a></li><li><a href="/asahi/page/0000000001.html">サイトマップ</a></li><li>文字サイズ<button>標準</button><button>拡大</button></li></ul>
  <form role="search" action="/search"><label for="q">サイト内検索</label><input id="q" name="q"><button>検索</button></form>
</header>
<nav id="gnav" aria-label="グローバルメニュー">
  <ul><li><a href="/asahi/category/1-0-0-0.html">住まい・暮らし</a></li><li><a href="/asahi/category/2-0-0-0.html">子育て・教育</a></li><li><a href="/asahi/category/3-0-0-0.html">区政情報</a></li><li><a href="/asahi/category/4-0-0-0.html">旭区の魅力</a></li></ul>
</nav>
<p class="skip">メニューの終端です。</p>
<div id="pankuzu"><ol><li><a href="/">トップページ</a></li><li><a href="/asahi/">旭区トップページ</a></li><li><a href="/asahi/category/3-0-0-0.html">区政情報</a></li><li>平成29年度 旭区運営方針</li></ol></div>
<div id="wrapper">
<main id="main">
${body}
</main>
<aside id="side"><h2>このカテゴリーの他のページ</h2><ul><li><a href="/asahi/page/0000350945.html">平成28年度 旭区運営方針</a></li><li><a href="/asahi/page/0000466780.html">平成31年度 旭区運営方針</a></li></ul></aside>
</div>
<footer id="site-footer">
  <p class="pagetop"><a href="#pagetop">このページの先頭へ</a></p>
  <address>大阪市旭区役所 〒535-8501 大阪市旭区大宮1丁目1番17号<br>電話:06-6957-9986 ファックス:06-6952-3247</address>
  <p><small>Copyright &copy; Asahi Ward Office, Osaka City. All rights reserved.</small></p>
</footer>
</body>
</html>
`
}

/** The page in `encoding` (utf-8, shift_jis, euc-jp), checked to survive the round trip. */
export function encodePage(html: string, encoding: string): Buffer {
  const bytes = iconv.encode(html, encoding)
  if (iconv.decode(bytes, encoding) !== html) throw new Error(`the page has characters ${encoding} cannot carry`)
  return bytes
}

/** The plan document of the seed text published at `sourceUrl` (its first line `source: URL`, as in seed/). */
export const seedPlanAt = (seedText: string, sourceUrl: string | null) => parsePlan(sourceUrl === null ? seedText : `source: ${sourceUrl}\n${seedText}`)

/** Facts of the seed plan (shared/DOMAIN.md), read from a plan document. */
export function seedFacts(plan: PlanDocument) {
  const initiatives = plan.issues.flatMap((issue) => issue.strategies.flatMap((strategy) => strategy.initiatives))
  return {
    id: plan.id,
    initiatives: initiatives.length,
    budgetYen: initiatives.reduce<number | null>((sum, initiative) => (initiative.budget?.amountYen == null ? sum : (sum ?? 0) + initiative.budget.amountYen), null),
    contactPhone: plan.contact?.phone,
    completeness: plan.completeness,
  }
}
/** The seed plan's facts as shared/DOMAIN.md states them. */
export const SEED_FACTS = { id: 'asahi-2017', initiatives: 9, budgetYen: 48_639_000, contactPhone: '06-6957-9683', completeness: 'complete' }
