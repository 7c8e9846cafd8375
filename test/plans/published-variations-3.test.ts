// Published variations that used to be stored as data, glued to the text above
// them or kept unseen: column-name rows of tables, table rows led by a label
// cell, dates that cannot be read, headings among the issues, and reform rows
// continued by a rowspan. Each is read where a reader expects it, its text as
// published, or said in a warning quoting the line.
import t from 'tap'
import { parsePlan } from '../../src/plans/parse.js'
import { WHOLE as TEMPLATE } from './whole-template.js'
import { htmlToText } from '../../src/sources/html-to-text.js'

/** The whole template with one initiative. */
const SECOND_INITIATIVE = ['【具体的取組1-1-2 取組タイトル2】', '・取組の点2。', '(平成29年度予算額:-円)']
const WHOLE = TEMPLATE.filter((line) => !SECOND_INITIATIVE.includes(line))
const parse = (lines: string[]) => parsePlan(lines.join('\n'), 'whole.txt')
/** WHOLE with the line `from` replaced by `to` (none: removed). */
const replaced = (from: string, ...to: string[]) => {
  if (!WHOLE.includes(from)) throw new Error(`no line ${from}`)
  return WHOLE.flatMap((line) => (line === from ? to : [line]))
}

t.test('the template reads with no warnings', async (t) => {
  t.same(parse(WHOLE).warnings, [])
})

t.test('a header line shaped like a date that cannot be read is kept in the notes and named in a warning', async (t) => {
  const unread = ['30年6月7日', '2018年13月45日', '昭和63年6月7日', 'HR5年6月1日', '令和5年6月', '2023.6/1', '更新日:2018年13月1日', '更新日:令和X年6月1日', '最終更新日:不明', 'Ｓ６３．６．７']
  for (const text of unread) {
    const plan = parse(replaced('2018年6月7日', text))
    t.same(plan.updatedOn, null, text)
    t.same(plan.notes, [text], `${text}: kept as published`)
    t.match(plan.warnings, [new RegExp(`^line 3: '${text.replace(/[.()]/g, '\\$&')}' .*; the line is kept in the plan's notes as published$`), 'not found: update date (更新日)'], `${text}: the warning names the line`)
  }
  const updated = parse(replaced('2018年6月7日', '平成30年6月7日更新'))
  t.same([updated.updatedOn, updated.notes, updated.warnings], ['2018-06-07', [], []], '…日更新 is the update date')
  const label = parse(replaced('2018年6月7日', '更新日', '2018年6月7日'))
  t.same([label.updatedOn, label.warnings], ['2018-06-07', []], 'a bare 更新日 label is no date that failed')
  const prose = parse(replaced('2018年6月7日', '2018年6月7日', '平成30年6月7日に改定しました。'))
  t.same([prose.notes, prose.warnings], [['平成30年6月7日に改定しました。'], []], 'a sentence naming a date is a note')
})

/** WHOLE with its reform items (the lines between the reform header and the contact section) replaced. */
const withReform = (...lines: string[]) => {
  const start = WHOLE.indexOf('2 「市政改革プラン2.0」に基づく取組等') + 1
  return parse([...WHOLE.slice(0, start), ...lines, ...WHOLE.slice(WHOLE.indexOf('このページの作成者・問合せ先'))])
}

t.test('a reform table row whose 取組項目 cell is spanned from the row above (rowspan) goes on with that item', async (t) => {
  const spanned = withReform('取組項目\t取組内容', 'BPRの推進\t窓口の手続きを見直す。', '\t申請をオンライン化する。', '\t・電子納付を広げる。', 'ICTの活用\tタブレットを使う。')
  t.same(spanned.reformItems, [
    { item: 'BPRの推進', content: '窓口の手続きを見直す。\n申請をオンライン化する。\n電子納付を広げる。' },
    { item: 'ICTの活用', content: 'タブレットを使う。' },
  ], 'each continued row joins its item, by a line break, its text as published')
  t.same(spanned.warnings, [])
  const numbered = withReform('番号\t取組項目\t取組内容', '1\tBPRの推進\t窓口の手続きを見直す。', '\t\t申請をオンライン化する。')
  t.same(numbered.reformItems, [{ item: 'BPRの推進', content: '窓口の手続きを見直す。\n申請をオンライン化する。' }], 'a number column spanned too')
  t.same(numbered.warnings, [], "a row's number in a 番号 column is structure")
  const reversed = withReform('取組内容\t取組項目', '窓口の手続きを見直す。\tBPRの推進', '申請をオンライン化する。\t')
  t.same(reversed.reformItems, [{ item: 'BPRの推進', content: '窓口の手続きを見直す。\n申請をオンライン化する。' }], 'the header row says where the 取組項目 column is')
  const first = withReform('取組項目\t取組内容', '\t内容のみ', 'BPRの推進\t窓口の手続きを見直す。')
  t.same(first.reformItems, [{ item: null, content: '内容のみ' }, { item: 'BPRの推進', content: '窓口の手続きを見直す。' }], 'with no item above, the row is an item of its own')
  t.same(first.warnings, ["line 21: the 取組項目 cell of this reform table row is empty and no item is above it: '内容のみ' is an item of its own, its 取組項目 unknown"])
  const labelled = withReform('【取組項目】', '・項目A', '【取組内容】', '・内容A', '取組項目\t取組内容', '\t内容B')
  t.same(labelled.reformItems, [{ item: '項目A', content: '内容A' }, { item: null, content: '内容B' }], 'a header row starts a table: its first row continues nothing above it')
  t.equal(labelled.warnings.length, 1)
})

/** WHOLE with `lines` inserted after the line `after`. */
const inserted = (after: string, ...lines: string[]) => replaced(after, after, ...lines)
/** The first strategy's points and its initiatives' titles and points. */
const strategyText = (plan: ReturnType<typeof parse>) => {
  const strategy = plan.issues[0].strategies[0]
  return { points: strategy.points, initiatives: strategy.initiatives.map((i) => [i.title, i.points, i.budget?.amountYen ?? null]) }
}
const READ = { points: ['戦略の点。'], initiatives: [['取組タイトル', ['取組の点。'], 7_133_000]] }

t.test("an initiative table's header row (取組名 | 取組内容 | 予算額 and the like) is no point or text", async (t) => {
  const rows = [
    '取組名\t取組内容\t予算額',
    '【取組名】\t【取組内容】\t【予算額】',
    '具体的取組\t取組の内容\t令和5年度予算額(千円)',
    'No.\t事業名\t内容\t29予算額\t備考',
    '\t取組名\t取組内容\t予算額\t',
    '取組名 / 取組内容 / 予算額',
    '取組名 取組内容 予算額',
    '戦略|主な取組|予算額(単位:千円)',
  ]
  for (const row of rows) {
    for (const after of ['・戦略の点。', '(平成29年度予算額:7,133千円)']) {
      const plan = parse(inserted(after, row))
      t.same([strategyText(plan), plan.notes, plan.warnings], [READ, [], []], `${JSON.stringify(row)} after '${after}'`)
    }
  }
  const before = parse(inserted('めざす状態の文章。', '取組名\t取組内容\t予算額'))
  t.same([before.issues[0].aim, before.warnings], ['めざす状態の文章。', []], 'nor an aim')
  const lineEach = parse(inserted('・戦略の点。', '取組名', '取組内容', '予算額'))
  t.same([strategyText(lineEach), lineEach.warnings], [READ, []], 'names a line each, as a table copied cell by cell')
})

t.test('a row or line that is not only column names stays text, as published', async (t) => {
  const kept: [string, string][] = [
    ['取組名\t見守り活動', '取組名\t見守り活動'],
    ['取組内容を見直す。', '取組内容を見直す。'],
    ['・予算額', '予算額'],
    ['予算額 (千円)', '予算額 (千円)'],
  ]
  for (const [line, point] of kept) {
    const plan = parse(inserted('・戦略の点。', line))
    t.same(plan.issues[0].strategies[0].points, ['戦略の点。', point], line)
  }
})

t.test("a page's table of initiatives with a <th> header row reads as its rows", async (t) => {
  const table = `<table><thead><tr><th>取組名</th><th>取組内容</th><th>令和5年度<br>予算額</th></tr></thead><tbody>
    <tr><td>【具体的取組1-1-1 取組タイトル】</td><td><p>・取組の点。</p></td><td>7,133千円</td></tr></tbody></table>`
  const text = htmlToText(`<html><body>${table}</body></html>`)
  const plan = parse([...WHOLE.slice(0, WHOLE.indexOf('【具体的取組1-1-1 取組タイトル】')), ...text.split('\n'), ...WHOLE.slice(WHOLE.indexOf('2 「市政改革プラン2.0」に基づく取組等'))])
  t.same([strategyText(plan), plan.warnings], [{ points: ['戦略の点。'], initiatives: [['取組タイトル', ['取組の点。'], 7_133_000]] }, []])
})

/** WHOLE with `lines` after the initiative's budget and a second issue after them. */
const betweenIssues = (...lines: string[]) => parse(inserted('(平成29年度予算額:7,133千円)', ...lines, '【経営課題2 次の課題】', '次の状態。', '【戦略2-1 次の戦略】'))

t.test('a numbered heading or a ※参考 block between issues ends the initiative: kept in the notes, with a warning, until the next header', async (t) => {
  const headings = ['4 その他', '3. その他の取組', '(2) 参考資料', '第3 区政運営の進捗管理', 'Ⅲ その他', '※参考:前年度の実績', '※参考', '参考:前年度の実績', '※その他']
  for (const heading of headings) {
    const plan = betweenIssues(heading, '前年度は120件。')
    t.same(plan.issues[0].strategies[0].initiatives[0].points, ['取組の点。'], `${heading}: not in the initiative`)
    t.same(plan.notes, [heading, '前年度は120件。'], `${heading}: in the notes, as published`)
    t.same(plan.warnings, [`lines 19-20: '${heading}' follows the management issues and is no part of them: kept in the plan's notes, not in the issue, strategy or initiative above it`])
    t.same(plan.issues.map((i) => [i.number, i.title, i.aim, i.strategies.map((s) => s.number)]), [[1, '課題タイトル', 'めざす状態の文章。', ['1-1']], [2, '次の課題', '次の状態。', ['2-1']]], `${heading}: the next issue is read`)
    t.same(plan.reformItems, [{ item: '項目A', content: '内容A' }])
  }
  const unnumberedHeader = parse(replaced('1 重点的に取り組む主な経営課題', '【重点的に取り組む主な経営課題】').flatMap((line) => (line === '(平成29年度予算額:7,133千円)' ? [line, '2 その他', '後の文章。'] : [line])))
  t.same([unnumberedHeader.notes, unnumberedHeader.warnings.length], [['2 その他', '後の文章。'], 1], 'under an issues header of no number too')
})

t.test("numbered text that is a list, a sentence or a remark stays the initiative's", async (t) => {
  const kept: string[][] = [
    ['(1) 見守り活動', '(2) 防犯パトロール', '(3) その他'],
    ['1 見守り活動', '・活動の説明', '2 防犯パトロール'],
    ['2 地域と連携して見守る。'],
    ['(参考)前年度の実績は120件。'],
    ['【参考】前年度の実績は120件。'],
  ]
  for (const lines of kept) {
    const plan = betweenIssues(...lines)
    t.same(plan.issues[0].strategies[0].initiatives[0].points, ['取組の点。', ...lines.map((line) => line.replace(/^・/, ''))], lines.join(' / '))
    t.same([plan.notes, plan.warnings], [[], []])
  }
  // Right after the budget line, a ※ remark is the budget's (see published-variations-7), not a block of its own.
  const remark = betweenIssues('※予算額は当初予算。').issues[0].strategies[0].initiatives[0]
  t.same([remark.points, remark.budget?.amountYen, remark.budget?.text], [['取組の点。'], 7_133_000, '(平成29年度予算額:7,133千円)\n※予算額は当初予算。'], '※予算額は当初予算。')
})

t.test("among the issues, a row led by a 目標 cell is an indicator's target, not the goals section", async (t) => {
  const plan = parse(inserted('めざす状態の文章。', 'アウトカム指標', '目標\t参加率60%以上'))
  t.same(plan.issues[0].outcomeIndicators, ['目標\t参加率60%以上'], 'kept as published')
  t.same([plan.goals, plan.issues[0].strategies.map((s) => s.number), plan.warnings], [['目標A'], ['1-1'], []])
})
