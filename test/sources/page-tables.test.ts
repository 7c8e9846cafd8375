// Tables on a plan page: a row of several cells is one line of the page's text,
// however its cells are broken (<p>…</p><p>…</p>, <br>), with its empty cells
// kept, so that initiatives and reform items laid out as tables are read cell
// by cell into the plan, each cell's text as published.
import t from 'tap'
import { parsePlan } from '../../src/plans/parse.js'
import { htmlToText } from '../../src/sources/html-to-text.js'
import { planTextOf } from '../../src/sources/page-text.js'
import { encodePage, pageShell } from './plan-page.js'

/** U+2028 as the page's text writes a break inside a table cell. */
const BR = '\u2028'
const lines = (html: string) => htmlToText(`<html><body>${html}</body></html>`).split('\n')

t.test('a row of several cells is one line: inner breaks kept inside the cell, empty cells kept', async (t) => {
  t.same(lines('<table><tr><td><p>項目A</p></td><td><p>内容1</p><p>内容2<br>続き</p></td></tr></table>'), [`項目A\t内容1${BR}内容2${BR}続き`])
  t.same(lines('<table><tr><td></td><td>b</td><td></td></tr><tr><td>a</td><td></td><td></td></tr></table>'), ['\tb\t', 'a\t\t'], 'empty cells at either end stay cells')
  t.same(lines('<p>before</p><table><tr><td></td><td>b</td></tr></table>'), ['before', '\tb'])
  t.same(lines('<table><tr><td></td><td></td></tr><tr><td>&nbsp;</td></tr></table><p>after</p>'), ['after'], 'a row of only empty cells is no line')
  t.same(lines('<table><thead><tr><th>取組項目</th><th>取組内容</th></tr></thead><tbody><tr><td>項目A</td><td>内容A</td></tr></tbody></table>'), ['取組項目\t取組内容', '項目A\t内容A'])
})

t.test('a row of one cell keeps its lines: a caption, a heading row or a boxed text is no row of cells', async (t) => {
  t.same(lines('<table><caption>表の題</caption><tr><th>【取組項目】</th></tr><tr><td><p>・目標A</p><p>・目標B</p></td></tr></table>'), ['表の題', '【取組項目】', '・目標A', '・目標B'])
})

t.test('spanned cells leave empty cells, so the columns stay aligned', async (t) => {
  const table = `<table>
    <tr><td rowspan="2">項目A</td><td>内容1</td><td>備考1</td></tr>
    <tr><td>内容2</td><td>備考2</td></tr>
    <tr><td colspan="2">広い</td><td>備考3</td></tr>
    <tr><td>項目B</td><td colspan="2">内容B</td></tr>
  </table>`
  t.same(lines(table), ['項目A\t内容1\t備考1', '\t内容2\t備考2', '広い\t\t備考3', '項目B\t内容B'], 'a span at the end of a row adds nothing')
  const huge = lines('<table><tr><td>a</td><td colspan="100000000" rowspan="100000">b</td><td>c</td></tr><tr><td>d</td></tr></table>')
  t.ok(huge.every((line) => line.split('\t').length <= 66), 'spans are laid out over 64 columns at most')
  t.same(huge.map((line) => line.split('\t').filter(Boolean)), [['a', 'b', 'c'], ['d']], 'no cell is lost')
})

t.test('what a table holds besides rows and cells is kept; hidden rows are not', async (t) => {
  t.same(lines('<table><tr><td>a<table><tr><td>n1</td><td>n2</td></tr></table></td><td>b</td></tr></table>'), [`a${BR}n1 n2\tb`], 'a nested table stays inside its cell')
  t.same(lines('<table><td>c1</td><td>c2</td><div>in the table</div>text</table>'), ['c1\tc2', 'in the table', 'text'])
  t.same(lines('<table><tr hidden><td>x</td><td>y</td></tr><tr><td>a</td><td style="display:none">hidden</td><td>b</td></tr></table>'), ['a\tb'])
  t.same(lines('<div><tr><td>stray</td><td>row</td></tr></div>'), ['stray\trow'], 'a row outside a table is still a line')
})

/** An Osaka City plan page (its CMS's blocks) with initiatives and reform items laid out as tables whose cells hold paragraphs and <br>. */
const PAGE_BODY = `
<div class="mol_contents">
<h1>平成29年度 旭区運営方針</h1>
<p class="mol_update">更新日:2018年6月7日</p>
<p>ページ番号:397263</p>
<div class="mol_textblock">
<h2>【区の目標(何をめざすのか)】</h2><ul><li>目標A</li></ul>
<h2>【区の使命(どのような役割を担うのか)】</h2><ul><li>使命A</li></ul>
<h2>【平成29年度 区運営の基本的な考え方(区長の方針)】</h2><p>方針の文章。</p>
<h2>1 重点的に取り組む主な経営課題</h2>
<h3>【経営課題1 安全なまち】</h3><p>めざす状態の文章。</p>
<h4>【戦略1-1 見守りの充実】</h4><p>・戦略の点。</p>
</div>
<div class="mol_tableblock">
<table border="1" cellpadding="5" cellspacing="0"><tbody>
<tr>
<td><p>【具体的取組1-1-1</p><p>見守り活動の推進】</p></td>
<td><p>・地域の見守り活動を支援する。</p><p>・見守り協力員を増やす。<br>・見守りの研修を行う。</p></td>
<td><p>(平成29年度予算額:</p><p>7,133千円)</p></td>
</tr>
<tr>
<td>【具体的取組1-1-2 防災訓練】</td>
<td><p>・避難所開設訓練を行う。</p><p>・訓練の参加者を増やす。</p></td>
<td>(平成29年度予算額:-円)</td>
</tr>
<tr>
<td>具体的取組1-1-3</td>
<td><p>子育て支援の</p><p>充実</p></td>
<td><p>1,200千円</p></td>
</tr>
</tbody></table>
</div>
<div class="mol_textblock"><h2>2 「市政改革プラン2.0」に基づく取組等</h2></div>
<div class="mol_tableblock">
<table border="1" cellpadding="5" cellspacing="0"><tbody>
<tr><th scope="col">取組項目</th><th scope="col">取組内容</th></tr>
<tr><td><p>・5Sの推進</p></td><td><p>・区長自らが講師となり、</p><p>職員の意識を改める。</p></td></tr>
<tr><td>自律的なリスク管理<br>(内部統制)</td><td>内部統制のPDCAを回す。</td></tr>
<tr><td>ICTの活用</td><td></td></tr>
<tr><td rowspan="2">BPRの推進</td><td>窓口の手続きを見直す。</td></tr>
<tr><td>申請をオンライン化する。</td></tr>
</tbody></table>
</div>
<div class="mol_contactblock">
<h2>このページの作成者・問合せ先</h2>
<p>大阪市旭区役所 企画課<br>〒535-8501大阪市旭区大宮1丁目1番17号<br>電話:06-6957-9683<br>ファックス:06-6952-3247</p>
<p><a href="/form/">メール送信フォーム</a></p>
</div>
</div>`

const pagePlan = () => {
  const bytes = encodePage(pageShell(PAGE_BODY, { metaCharset: 'utf-8' }), 'utf-8')
  return parsePlan(planTextOf({ bytes, contentType: null, url: null, name: 'tables.html' }).text, 'tables.html')
}

t.test('initiatives laid out as a table whose cells hold paragraphs and <br>: header, points and budget of each row', async (t) => {
  const plan = pagePlan()
  const initiatives = plan.issues[0].strategies[0].initiatives
  t.same(
    initiatives.map((i) => ({ number: i.number, title: i.title, points: i.points, budget: i.budget })),
    [
      {
        number: '1-1-1',
        title: '見守り活動の推進',
        points: ['地域の見守り活動を支援する。', '見守り協力員を増やす。', '見守りの研修を行う。'],
        budget: { amountYen: 7_133_000, fiscalYear: 2017, text: '(平成29年度予算額:\n7,133千円)' },
      },
      {
        number: '1-1-2',
        title: '防災訓練',
        points: ['避難所開設訓練を行う。', '訓練の参加者を増やす。'],
        budget: { amountYen: null, fiscalYear: 2017, text: '(平成29年度予算額:-円)' },
      },
      { number: '1-1-3', title: '子育て支援の\n充実', points: [], budget: { amountYen: 1_200_000, fiscalYear: 2017, text: '1,200千円' } },
    ],
    'a header broken before its bracket closes, and a budget broken after its label, are one line again; the breaks are kept as published',
  )
  t.same(plan.issues[0].strategies[0].points, ['戦略の点。'])
})

t.test('reform items laid out as a table whose cells hold paragraphs and <br>, empty and spanned cells in their columns', async (t) => {
  const plan = pagePlan()
  t.same(plan.reformItems, [
    { item: '5Sの推進', content: '区長自らが講師となり、\n職員の意識を改める。' },
    { item: '自律的なリスク管理\n(内部統制)', content: '内部統制のPDCAを回す。' },
    { item: 'ICTの活用', content: null },
    { item: 'BPRの推進', content: '窓口の手続きを見直す。\n申請をオンライン化する。' },
  ], 'the row a rowspan continues adds to the item above')
  t.same(plan.warnings, [], 'nothing is warned about')
  t.same([plan.completeness, plan.contact?.phone, plan.updatedOn, plan.pageId], ['complete', '06-6957-9683', '2018-06-07', '397263'])
})

t.test('a copied text (no cell breaks) whose table rows end in empty cells: the columns still hold', async (t) => {
  const text = ['平成29年度 旭区運営方針', '2 「市政改革プラン2.0」に基づく取組等', '取組項目\t取組内容', '\t内容のみ', 'ICTの活用\t', 'このページの作成者・問合せ先', '大阪市旭区役所 企画課']
  const plan = parsePlan(text.join('\n'))
  t.same(plan.reformItems, [
    { item: null, content: '内容のみ' },
    { item: 'ICTの活用', content: null },
  ])
  const indented = parsePlan([...text.slice(0, 2), '【取組項目】', '項目A', '【取組内容】', '・内容A', '\t・内容B', ...text.slice(-2)].join('\n'))
  t.same(indented.reformItems, [{ item: '項目A', content: '内容A\n内容B' }], 'outside a table, a line indented by a tab is a line, not a row')
})

/** A plan page laid out as tables of a label cell (<th>) beside its text (<td>), the text broken by <p>, <br> and <li>. */
const LABELLED_PAGE = `
<h1>平成29年度 旭区運営方針</h1>
<table><tr><th>更新日</th><td>2018年6月7日</td></tr><tr><th>ページ番号</th><td>397263</td></tr></table>
<table>
<tr><th>区の目標(何をめざすのか)</th><td><p>目標A</p><p>目標B</p></td></tr>
<tr><th>【区の使命】</th><td>使命A<br>使命B</td></tr>
<tr><th>区運営の基本的な考え方(区長の方針)</th><td><p>方針の一文目。</p><p>方針の二文目。</p></td></tr>
</table>
<h2>1 重点的に取り組む主な経営課題</h2>
<table>
<tr><th>【経営課題1 安全なまち】</th><td><p>状態A</p><p>状態B</p></td></tr>
<tr><th>めざす状態</th><td>状態C<br>状態D</td></tr>
<tr><th>アウトカム指標</th><td><ul><li>指標A</li><li>指標B</li></ul></td></tr>
<tr><th>【戦略1-1】</th><td>見守りの充実</td><td><div>・点A</div><div>・点B</div></td></tr>
</table>
<table>
<tr><th>取組名</th><th>取組内容</th><th>予算額</th></tr>
<tr><td>【具体的取組1-1-1 見守り活動】</td><td><p>・支援する。</p><p>・増やす。</p></td><td>7,133千円</td></tr>
</table>
<h2>このページの作成者・問合せ先</h2>
<table>
<tr><th>担当</th><td>大阪市旭区役所 企画課</td></tr>
<tr><th>所在地</th><td>〒535-8501 大阪市旭区大宮1丁目1番17号</td></tr>
<tr><th>電話</th><td>06-6957-9683</td></tr>
<tr><th>ファックス</th><td>06-6952-3247</td></tr>
</table>`

t.test('a table row of a label cell beside its text: the label read as a label, each paragraph, <br> or <li> of its text a line of its own', async (t) => {
  const plan = parsePlan(`source: https://www.city.osaka.lg.jp/asahi/page/0000397263.html\n${lines(LABELLED_PAGE).join('\n')}`, 'labelled.html')
  t.same([plan.updatedOn, plan.pageId], ['2018-06-07', '397263'], 'header facts in label cells')
  t.same([plan.goals, plan.missions, plan.policy], [['目標A', '目標B'], ['使命A', '使命B'], '方針の一文目。\n方針の二文目。'], 'a section header cell, then its lines')
  const issue = plan.issues[0]
  t.same([issue.title, issue.aim, issue.outcomeIndicators], ['安全なまち', '状態A\n状態B\n状態C\n状態D', ['指標A', '指標B']])
  t.same(issue.strategies.map((s) => [s.number, s.title, s.points]), [['1-1', '見守りの充実', ['点A', '点B']]], 'a header cell without its title takes the next cell')
  t.same(issue.strategies[0].initiatives.map((i) => [i.title, i.points, i.budget?.amountYen]), [['見守り活動', ['支援する。', '増やす。'], 7_133_000]], 'under a header row of column names')
  t.same(plan.contact, { department: '大阪市旭区役所 企画課', postalCode: '535-8501', address: '大阪市旭区大宮1丁目1番17号', phone: '06-6957-9683', fax: '06-6952-3247' }, 'the contact section as label cells')
  t.same(plan.notes, [])
  t.same(plan.warnings, [], 'every row is read')
})

t.test("a label cell's text broken by <p>, <br>, <li> or <div> keeps its breaks; inline elements join", async (t) => {
  for (const cell of ['<p>A</p><p>B</p>', 'A<br>B', '<ul><li>A</li><li>B</li></ul>', '<div>A</div><div>B</div>', '<p>A</p>\n<p>B</p>']) {
    t.same(lines(`<table><tr><th>目標</th><td>${cell}</td></tr></table>`), [`目標\tA${BR}B`], cell)
  }
  t.same(lines('<table><tr><th>目標</th><td><span>A</span><span>B</span></td></tr></table>'), ['目標\tAB'])
  const goals = parsePlan(['平成29年度 旭区運営方針', `目標\tA${BR}B`, '・C。'].join('\n'))
  t.same(goals.goals, ['A', 'B', 'C。'], 'read as the header and its lines')
})
