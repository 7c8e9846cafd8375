// Published variations of a seventh round: a budget's remark on the line after it, reform
// tables whose first column numbers the rows, and reviews kept in the notes with their issue.
import t from 'tap'
import { parsePlan } from '../../src/plans/parse.js'

/** A minimal plan with `lines` after its title, and a contact section. */
const PLAN = (...lines: string[]) => parsePlan(['平成29年度 旭区運営方針', ...lines, 'このページの作成者・問合せ先', '旭区役所 企画課', '電話:06-6957-9683'].join('\n'), 'doc.txt')
/** A minimal plan with `lines` between its goals and its contact section. */
const DOC = (...lines: string[]) => PLAN('【区の目標】', '・a', ...lines)
/** The plan's warnings but the ones every DOC carries (no date, page number …). */
const warningsOf = (plan: ReturnType<typeof DOC>) => plan.warnings.filter((w) => !w.startsWith('not found'))

t.test("a remark alone on the line after a budget line is the budget's, as on the budget line itself: the amount never changes", async (t) => {
  const plan = DOC(
    '【経営課題1 安全】',
    '令和5年度予算額 5千万円',
    '※補正予算を含む',
    '令和4年度決算額 4千万円',
    '（うち国費 1千万円）',
    '【戦略1-1 防災】',
    '【具体的取組1-1-1 訓練】',
    '・訓練を行う。',
    '(平成29年度予算額:7,133千円)',
    '※補正予算を含む',
    '【具体的取組1-1-2 備蓄】',
    '予算額 1,234千円',
    '（うち国庫補助 500千円）',
    '・備蓄を進める。',
    '【具体的取組1-1-3 見守り(2,000千円)】',
    '・(人件費を除く)',
    '【具体的取組1-1-4 連携】',
    '(平成29年度予算額:-円)',
    'うち国費 1,000千円',
  )
  const issue = plan.issues[0]
  t.same(issue.budgets.map((b) => [b.kind, b.amountYen, b.fiscalYear, b.text]), [
    ['budget', 50_000_000, 2023, '令和5年度予算額 5千万円\n※補正予算を含む'],
    ['settlement', 40_000_000, 2022, '令和4年度決算額 4千万円\n（うち国費 1千万円）'],
  ], "the issue's budgets keep their amounts, each remark in its text after the published break")
  t.equal(issue.aim, null, 'no remark is left in the aim')
  t.same(issue.strategies[0].initiatives.map((i) => [i.title, i.budget?.amountYen, i.budget?.text, i.points]), [
    ['訓練', 7_133_000, '(平成29年度予算額:7,133千円)\n※補正予算を含む', ['訓練を行う。']],
    ['備蓄', 1_234_000, '予算額 1,234千円\n（うち国庫補助 500千円）', ['備蓄を進める。']],
    ['見守り', 2_000_000, '(2,000千円)\n(人件費を除く)', []],
    ['連携', null, '(平成29年度予算額:-円)\nうち国費 1,000千円', []],
  ], "an initiative's remark is its budget's text, never a point, and -円 stays no budget")
  t.same(warningsOf(plan), [])
})

t.test('a line after a budget that is no remark alone stays what it was', async (t) => {
  const plan = DOC(
    '【経営課題1 安全】',
    '【戦略1-1 防災】',
    '【具体的取組1-1-1 訓練】',
    '(平成29年度予算額:7,133千円)',
    '・訓練を行う(うち2回は夜間)。',
    '※【具体的取組1-1-2 備蓄】',
    '・備蓄を進める。',
    '※補正予算を含む',
  )
  const initiatives = plan.issues[0].strategies[0].initiatives
  t.same(initiatives.map((i) => [i.number, i.budget?.text ?? null, i.points]), [
    ['1-1-1', '(平成29年度予算額:7,133千円)', ['訓練を行う(うち2回は夜間)。']],
    ['1-1-2', null, ['備蓄を進める。', '※補正予算を含む']],
  ], 'a point with a bracket in it, a header marked ※, a ※ line after a point: none is a remark of a budget')
})

t.test("a budget's remark on the next line of a second budget line goes with the line kept as a point", async (t) => {
  const plan = DOC('【経営課題1 安全】', '【戦略1-1 防災】', '【具体的取組1-1-1 訓練】', '(平成29年度予算額:7,133千円)', '(平成28年度予算額:6,000千円)', '※決算見込')
  const [initiative] = plan.issues[0].strategies[0].initiatives
  t.same([initiative.budget?.amountYen, initiative.budget?.text, initiative.points], [7_133_000, '(平成29年度予算額:7,133千円)', ['(平成28年度予算額:6,000千円)\n※決算見込']])
})

/** A plan whose reform section holds `lines`. */
const REFORM = (...lines: string[]) => DOC('2 「市政改革プラン2.0」に基づく取組等', ...lines)

t.test('a reform table with no header row whose first column numbers its rows: the numbers are structure, not the 取組項目', async (t) => {
  const expected = [
    { item: '5Sの推進', content: '区長自らが講師となる。' },
    { item: '自律的なリスク管理', content: '内部統制のPDCAを回す。' },
  ]
  for (const [one, two] of [['1', '2'], ['(1)', '(2)'], ['（１）', '（２）'], ['①', '②'], ['1.', '2.'], ['１', '２'], ['Ⅰ', 'Ⅱ']]) {
    const plan = REFORM(`${one}\t5Sの推進\t区長自らが講師となる。`, `${two}\t自律的なリスク管理\t内部統制のPDCAを回す。`)
    t.same(plan.reformItems, expected, `numbered ${one}, ${two}`)
    t.same(warningsOf(plan), [`line 5: a table in the reform section without a header row (取組項目, 取組内容): its columns are read in the template's order, 取組項目 then 取組内容; the cells of row numbers ('${one}') are structure, not 取組項目`], `${one}: warned once, naming the numbers`)
  }
  const spanned = REFORM('1\tBPRの推進\t窓口の手続きを見直す。', '\t\t申請をオンライン化する。', '2\tICTの活用\tタブレットを使う。')
  t.same(spanned.reformItems, [
    { item: 'BPRの推進', content: '窓口の手続きを見直す。\n申請をオンライン化する。' },
    { item: 'ICTの活用', content: 'タブレットを使う。' },
  ], 'a row whose number and 取組項目 cells are spanned goes on with the item above')
  const text = REFORM('1\t5Sの推進\t区長自らが講師となる。', '再掲\t自律的なリスク管理\t内部統制のPDCAを回す。')
  t.same(text.reformItems[1], { item: '自律的なリスク管理', content: '内部統制のPDCAを回す。\n再掲' }, 'a cell of the number column that is no number is kept in its row, as in a 番号 column')
  const unnumbered = REFORM('5Sの推進\t区長自らが講師となる。', '12の見直し\t内部統制のPDCAを回す。')
  t.same(unnumbered.reformItems.map((item) => item.item), ['5Sの推進', '12の見直し'], 'an item that begins with a number is text')
})

t.test("a reform table's header cell left empty over the rows' numbers makes them structure, as 番号 does", async (t) => {
  const plan = REFORM('\t取組項目\t取組内容', '1\t5Sの推進\t区長自らが講師となる。', '2\t自律的なリスク管理\t内部統制のPDCAを回す。')
  t.same(plan.reformItems, [
    { item: '5Sの推進', content: '区長自らが講師となる。' },
    { item: '自律的なリスク管理', content: '内部統制のPDCAを回す。' },
  ])
  t.same(warningsOf(plan), [], 'nothing left out to warn about')
})

t.test('a review kept in the notes is its lines as published; its warning names the issue whose section holds it', async (t) => {
  const plan = DOC(
    '【経営課題1 安全】',
    'めざす状態の文章。',
    '【戦略1-1 防災】',
    '【具体的取組1-1-1 訓練】',
    '・訓練を行う。',
    '【中間振り返り】',
    '・順調に進んでいる。',
    '【経営課題2 次】',
    '【自己評価(運営方針全体の定性評価)】',
    'A',
    '令和5年度予算額 5千万円',
    '今後の方針',
    '継続する。',
    '経営課題3-(2) 子育て',
    '自己評価:順調',
  )
  t.same(plan.notes, [
    '【中間振り返り】',
    '順調に進んでいる。',
    '【自己評価(運営方針全体の定性評価)】',
    'A',
    '今後の方針',
    '継続する。',
    '自己評価:順調',
  ], 'the label and each line under it, as published')
  t.same(plan.issues.map((i) => [i.number, i.subNumber, i.budgets.map((b) => b.amountYen)]), [[1, null, []], [2, null, [50_000_000]], [3, 2, []]], "an issue's budget line among its review is still its budget")
  t.same(plan.issues[0].strategies[0].initiatives[0].points, ['訓練を行う。'], "a review is no initiative's point")
  t.same(warningsOf(plan), [
    "line 9: '【中間振り返り】' (reviews of 経営課題1) is not imported yet: it and the lines under it are kept in the plan's notes",
    "line 12: '【自己評価(運営方針全体の定性評価)】' (reviews of 経営課題2) is not imported yet: it and the lines under it are kept in the plan's notes",
    "line 15: '今後の方針' (reviews of 経営課題2) is not imported yet: it and the lines under it are kept in the plan's notes",
    "line 18: '自己評価:順調' (reviews of 経営課題3-(2)) is not imported yet: it and the lines under it are kept in the plan's notes",
  ])
})

t.test('a point that begins with a review\'s word (自己評価を…, 今後の方針を…) is no review label: it stays the point it is', async (t) => {
  const plan = DOC('【経営課題1 安全】', '【戦略1-1 防災】', '・自己評価を毎年行う。', '・今後の方針を定める。', '【具体的取組1-1-1 訓練】', '・振り返りを行い、改善する。', '【振り返り】', '順調。')
  const strategy = plan.issues[0].strategies[0]
  t.same(strategy.points, ['自己評価を毎年行う。', '今後の方針を定める。'], "the strategy's points")
  t.same(strategy.initiatives[0].points, ['振り返りを行い、改善する。'], "the initiative's point")
  t.same(plan.notes, ['【振り返り】', '順調。'], 'a label alone (振り返り) is a review')
})

t.test('a page number of more than 12 digits is not read: unknown, the line kept in the notes, and said', async (t) => {
  const plan = PLAN('ページ番号:3972631234567890', '【区の目標】', '・a')
  t.same([plan.pageId, plan.notes], [null, ['ページ番号:3972631234567890']])
  t.ok(plan.warnings.includes("line 2: 'ページ番号:3972631234567890' is no page number (ページ番号) of 1 to 12 digits; the page number is left unknown; the line is kept in the plan's notes as published"))
  t.equal(PLAN('ページ番号:397263123456', '【区の目標】', '・a').pageId, '397263123456', 'twelve digits are one')
})

t.test('a budget over 10^15 yen is not read: its text kept, its amount unknown, and said', async (t) => {
  const plan = DOC('【経営課題1 安全】', '令和5年度予算額 50,000,000億円', '【戦略1-1 防災】', '【具体的取組1-1-1 訓練】', '(平成29年度予算額:5,000,000,000,000千円)')
  t.same(plan.issues[0].budgets.map((b) => [b.amountYen, b.text]), [[null, '令和5年度予算額 50,000,000億円']])
  t.same(plan.issues[0].strategies[0].initiatives[0].budget, { amountYen: null, fiscalYear: 2017, text: '(平成29年度予算額:5,000,000,000,000千円)' })
  t.same(warningsOf(plan), ["line 5: cannot read the amount of budget '令和5年度予算額 50,000,000億円'", "line 8: cannot read the amount of budget '(平成29年度予算額:5,000,000,000,000千円)'"])
})

t.test('a budget line naming a fiscal year that no plan can have: its year unknown (null, not the plan\'s), and said', async (t) => {
  const plan = DOC(
    '【経営課題1 安全】',
    '9999年度予算額 5千万円',
    '【戦略1-1 防災】',
    '主な具体的取組(100年度予算額)',
    '訓練',
    '(7,133千円)',
    '【具体的取組1-1-2 備蓄】',
    '(平成0年度予算額:1,000千円)',
    '【具体的取組1-1-3 見守り】',
    '(令和5年度予算額:2,000千円)',
  )
  t.same(plan.issues[0].budgets.map((b) => [b.amountYen, b.fiscalYear]), [[50_000_000, null]])
  t.same(plan.issues[0].strategies[0].initiatives.map((i) => [i.budget?.amountYen, i.budget?.fiscalYear]), [
    [7_133_000, 2017],
    [1_000_000, null],
    [2_000_000, 2023],
  ], "a column of no possible year gives none: the plan's year, as with no column")
  t.same(warningsOf(plan), [
    "line 5: budget '9999年度予算額 5千万円' names a fiscal year that is none from 1989 to 2100: its year is left unknown",
    "line 7: the budget column of '主な具体的取組(100年度予算額)' names a fiscal year that is none from 1989 to 2100: its budgets' years are read from their own lines or the plan's",
    "line 11: budget '(平成0年度予算額:1,000千円)' names a fiscal year that is none from 1989 to 2100: its year is left unknown",
  ])
})

t.test('a header numbered over 999 is no header: its line is text where it stands, and said', async (t) => {
  const plan = DOC(
    '【経営課題1 安全】',
    '【経営課題3000000000 乗っ取り】',
    '【戦略1-1 防災】',
    '【戦略1-2023 年度計画】',
    '【具体的取組1-1-1 訓練】',
    '【具体的取組1-1-99999 備蓄】',
    '【2023-2025】',
  )
  t.same(plan.issues.map((i) => [i.id, i.number, i.aim]), [['asahi-2017.1', 1, '【経営課題3000000000 乗っ取り】']], 'no issue 3000000000: GraphQL could not hold its number')
  t.same(plan.issues[0].strategies.map((s) => [s.number, s.points, s.initiatives.map((i) => [i.number, i.points])]), [['1-1', ['【戦略1-2023 年度計画】'], [['1-1-1', ['【具体的取組1-1-99999 備蓄】', '【2023-2025】']]]]])
  t.same(warningsOf(plan), [
    "line 5: '【経営課題3000000000 乗っ取り】' is numbered like a header over 999 (経営課題, 戦略 and 具体的取組 numbers have 1 to 3 digits): that number is read as text, not as a header's",
    "line 7: '【戦略1-2023 年度計画】' is numbered like a header over 999 (経営課題, 戦略 and 具体的取組 numbers have 1 to 3 digits): that number is read as text, not as a header's",
    "line 9: '【具体的取組1-1-99999 備蓄】' is numbered like a header over 999 (経営課題, 戦略 and 具体的取組 numbers have 1 to 3 digits): that number is read as text, not as a header's",
  ], 'a bracketed range of years (【2023-2025】) names no header: no warning')
  const many = DOC('【経営課題999 最後】', '【戦略999-999 戦略】', '【具体的取組999-999-999 取組】')
  t.same([many.issues[0].number, many.issues[0].strategies[0].number, many.issues[0].strategies[0].initiatives[0].number], [999, '999-999', '999-999-999'], 'three digits are a header')
})

t.test("each remark alone on the lines after a budget line is the budget's, in any bracket and in full-width forms", async (t) => {
  const plan = DOC(
    '【経営課題1 安全】',
    '【戦略1-1 防災】',
    '【具体的取組1-1-1 訓練】',
    '（平成２９年度予算額：７，１３３千円）',
    '※補正予算を含む',
    '※人件費を除く',
    '・訓練を行う。',
    '【具体的取組1-1-2 備蓄】',
    '予算額 1,234千円',
    '【再掲】',
    '〔うち国費　５００千円〕',
    '（※一部再掲）',
  )
  t.same(plan.issues[0].strategies[0].initiatives.map((i) => [i.budget?.amountYen, i.budget?.text, i.points]), [
    [7_133_000, '（平成２９年度予算額：７，１３３千円）\n※補正予算を含む\n※人件費を除く', ['訓練を行う。']],
    [1_234_000, '予算額 1,234千円\n【再掲】\n〔うち国費　５００千円〕\n（※一部再掲）', []],
  ])
  t.same(warningsOf(plan), [])
})

t.test('a header-less reform table: only the cells leading a row are its number; a number after the text is a value of the row, kept', async (t) => {
  const plan = REFORM('1\t5Sの推進\t区長自らが講師となる。\t100', '2\t自律的なリスク管理\t内部統制のPDCAを回す。\t50')
  t.same(plan.reformItems, [
    { item: '5Sの推進', content: '区長自らが講師となる。\n100' },
    { item: '自律的なリスク管理', content: '内部統制のPDCAを回す。\n50' },
  ])
  t.equal(warningsOf(plan).filter((w) => w.includes('is in no 取組項目/取組内容 column')).length, 2, 'each kept value is said')
  const trailing = REFORM('取組項目\t取組内容\t', '5Sの推進\t区長自らが講師となる。\t100')
  t.same(trailing.reformItems, [{ item: '5Sの推進', content: '区長自らが講師となる。\n100' }], 'an empty header cell after the named ones stands over no row numbers')
  const upper = REFORM('NO.1\t5Sの推進\t区長自らが講師となる。')
  t.same(upper.reformItems, [{ item: '5Sの推進', content: '区長自らが講師となる。' }], 'NO.1 numbers the row')
})
