// Published variations of a second round: nothing is quoted only in a warning (cut last lines,
// contact lines of no field, reform text of no field land in the document), remarks after an
// amount, a budget label given once with its years after it, and the fiscal year of a budget
// whose text names none.
import t from 'tap'
import { parsePlan } from '../../src/plans/parse.js'

/** A minimal plan with `lines` after its title, and a contact section. */
const PLAN = (...lines: string[]) => parsePlan(['平成29年度 旭区運営方針', ...lines, 'このページの作成者・問合せ先', '旭区役所 企画課', '電話:06-6957-9683'].join('\n'), 'doc.txt')
/** A minimal plan with `lines` between its goals and its contact section. */
const DOC = (...lines: string[]) => PLAN('【区の目標】', '・a', ...lines)
/** The plan's warnings but the ones every DOC carries (no date, page number …). */
const warningsOf = (plan: ReturnType<typeof DOC>) => plan.warnings.filter((w) => !w.startsWith('not found'))

t.test('a dash alone on its line is a bullet mark with no text: no goal, point or note', async (t) => {
  const plan = DOC('-', '- b', '【経営課題1 安全】', 'めざす。', '-')
  t.same([plan.goals, plan.issues[0].aim, plan.notes], [['a', 'b'], 'めざす。', []])
  t.same(warningsOf(plan), [])
  const cut = parsePlan(['平成29年度 旭区運営方針', '【区の目標】', '・a。', '-'].join('\n'))
  t.same([cut.goals, cut.notes, warningsOf(cut)], [['a。'], [], []], 'as the last line of a cut text, nothing that could be cut')
})

t.test('a contact line of no field is kept in the notes, with its warning', async (t) => {
  const plan = parsePlan(['平成29年度 旭区運営方針', '【区の目標】', '・a', 'このページの作成者・問合せ先', '旭区役所 企画課', '電話:06-6957-9683', '内線:123', 'メール:kikaku@example.jp', 'ファックス:06-6952-3247'].join('\n'))
  t.same(plan.contact, { department: '旭区役所 企画課', postalCode: null, address: null, phone: '06-6957-9683', fax: '06-6952-3247' })
  t.same(plan.notes, ['内線:123', 'メール:kikaku@example.jp'])
  t.equal(warningsOf(plan).length, 2)
})

t.test("a remark after an amount (※補正予算を含む, (うち…), (…を除く)) never changes the amount, and stays in the budget's text", async (t) => {
  const plan = DOC(
    '【経営課題1 安全】',
    '令和5年度予算額 5千万円 ※補正予算を含む',
    '令和5年度予算額：5千万円（うち国費1千万円）',
    '令和4年度決算額 4千万円 ※人件費を除く',
    '【戦略1-1 防災】',
    '【具体的取組1-1-1 訓練】',
    '(平成29年度予算額:7,133千円 ※うち補正予算額1,000千円)',
    '【具体的取組1-1-2 備蓄】',
    '(7,133千円 ※補正予算を含む)',
    '【具体的取組1-1-3 見守り】',
    '7,133千円(うち国費約3,000千円)',
    '【具体的取組1-1-4 啓発(7,133千円 ※再掲)】',
    '【具体的取組1-1-5 連携】',
    '(平成29年度予算額:7,133千円(補正予算1,000千円を含む))',
  )
  const issue = plan.issues[0]
  t.same(issue.budgets.map((b) => [b.kind, b.amountYen, b.fiscalYear, b.text]), [
    ['budget', 50_000_000, 2023, '令和5年度予算額 5千万円 ※補正予算を含む'],
    ['budget', 50_000_000, 2023, '令和5年度予算額：5千万円（うち国費1千万円）'],
    ['settlement', 40_000_000, 2022, '令和4年度決算額 4千万円 ※人件費を除く'],
  ])
  t.equal(issue.aim, null, 'no budget line is left in the aim')
  t.same(issue.strategies[0].initiatives.map((i) => [i.title, i.budget?.amountYen, i.budget?.text, i.points]), [
    ['訓練', 7_133_000, '(平成29年度予算額:7,133千円 ※うち補正予算額1,000千円)', []],
    ['備蓄', 7_133_000, '(7,133千円 ※補正予算を含む)', []],
    ['見守り', 7_133_000, '7,133千円(うち国費約3,000千円)', []],
    ['啓発', 7_133_000, '(7,133千円 ※再掲)', []],
    ['連携', 7_133_000, '(平成29年度予算額:7,133千円(補正予算1,000千円を含む))', []],
  ])
  t.same(warningsOf(plan), [], "a remark's 約 is not the amount's")
})

t.test('a budget label given once with the years after it is one budget per year, each part as published', async (t) => {
  const plan = DOC(
    '【経営課題1 安全】',
    'めざす。',
    '予算額 令和5年度:5千万円 令和4年度:4千万円',
    '予算額 令和5年度：5千万円、令和4年度：-',
    '・決算額 令和3年度:3千万円 令和2年度:2千万円',
    '予算額 令和5年度:5千万円 決算額 令和3年度:3千万円',
    '令和5年度予算額 5千万円(令和4年度 4千万円)',
  )
  const issue = plan.issues[0]
  t.equal(issue.aim, 'めざす。', 'no budget line is left in the aim')
  t.same(issue.budgets.map((b) => [b.kind, b.amountYen, b.fiscalYear, b.text]), [
    ['budget', 50_000_000, 2023, '予算額 令和5年度:5千万円'],
    ['budget', 40_000_000, 2022, '令和4年度:4千万円'],
    ['budget', 50_000_000, 2023, '予算額 令和5年度：5千万円'],
    ['budget', null, 2022, '令和4年度：-'],
    ['settlement', 30_000_000, 2021, '決算額 令和3年度:3千万円'],
    ['settlement', 20_000_000, 2020, '令和2年度:2千万円'],
    ['budget', 50_000_000, 2023, '予算額 令和5年度:5千万円'],
    ['settlement', 30_000_000, 2021, '決算額 令和3年度:3千万円'],
    ['budget', 50_000_000, 2023, '令和5年度予算額 5千万円'],
    ['budget', 40_000_000, 2022, '(令和4年度 4千万円)'],
  ])
  t.same(warningsOf(plan), [])
  const remark = DOC('【経営課題1 安全】', '令和5年度予算額 5千万円(うち令和4年度:1千万円)', '令和5年度予算額 5千万円 ※令和4年度:4千万円')
  t.same(remark.issues[0].budgets.map((b) => [b.amountYen, b.text]), [
    [50_000_000, '令和5年度予算額 5千万円(うち令和4年度:1千万円)'],
    [50_000_000, '令和5年度予算額 5千万円 ※令和4年度:4千万円'],
  ], 'a year inside a remark is no part of its own')
  const initiative = DOC('【経営課題1 安全】', '【戦略1-1 防災】', '【具体的取組1-1-1 訓練】', '(予算額 平成28年度:6,000千円、平成29年度:7,133千円)')
  const budget = initiative.issues[0].strategies[0].initiatives[0].budget
  t.same(budget, { amountYen: 7_133_000, fiscalYear: 2017, text: '(予算額 平成28年度:6,000千円、平成29年度:7,133千円)' }, "an initiative's: the plan year's amount, the line kept whole")
  t.match(warningsOf(initiative), [/names 2 years' amounts; the amount of 2017 was read/])
})

t.test('an SDGs label naming no goal by its number keeps its text in the notes, with a warning', async (t) => {
  const plan = DOC('【経営課題1 安全】', 'めざす。', '関連するSDGs:まちづくり', '関連するSDGs 11住み続けられるまちづくりを')
  t.same([plan.issues[0].sdgs, plan.notes], [[11], ['関連するSDGs:まちづくり']])
  t.same(warningsOf(plan), ["line 6: '関連するSDGs:まちづくり' names no SDG goal by its number (1–17): kept in the plan's notes as published"])
})
