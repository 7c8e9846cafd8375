// Published variations that lost or misplaced text: goals and missions headers with their
// text after a colon, budgets in a strategy's header, issue budget lines naming several
// years, links after the attachments, approximate amounts. Each is read where a reader
// expects it, its text as published, or said in a warning.
import t from 'tap'
import { parsePlan } from '../../src/plans/parse.js'

/** A minimal plan with `lines` after its title, and a contact section. */
const PLAN = (...lines: string[]) => parsePlan(['平成29年度 旭区運営方針', ...lines, 'このページの作成者・問合せ先', '旭区役所 企画課', '電話:06-6957-9683'].join('\n'), 'doc.txt')
/** A minimal plan with `lines` between its goals and its contact section. */
const DOC = (...lines: string[]) => PLAN('【区の目標】', '・a', ...lines)
/** The plan's warnings but the ones every DOC carries (no date, page number …). */
const warningsOf = (plan: ReturnType<typeof DOC>) => plan.warnings.filter((w) => !w.startsWith('not found'))

t.test('a goals or missions header with its text after a colon or a space, unbracketed, is the header and its first text', async (t) => {
  const colon = PLAN('区の目標：にぎわいのあるまち', '・安全なまち', '区の使命：区民の暮らしを守る', '・m')
  t.same([colon.goals, colon.missions], [['にぎわいのあるまち', '安全なまち'], ['区民の暮らしを守る', 'm']], 'full-width colon')
  t.same(warningsOf(colon), [])
  const named = PLAN('旭区の目標 にぎわいのあるまち', '旭区の使命(どのような役割を担うのか)区民の暮らしを守る')
  t.same([named.goals, named.missions], [['にぎわいのあるまち'], ['区民の暮らしを守る']], "after a space, or after the header's explanation")
  const bare = PLAN('目標:にぎわいのあるまち', '使命：区民の暮らしを守る', '1. 区の目標: 安全なまち')
  t.same([bare.goals, bare.missions], [['にぎわいのあるまち', '安全なまち'], ['区民の暮らしを守る']], '目標: without 区の (FY2023 on), and a numbered header')
  const bracketed = PLAN('【区の目標：にぎわいのあるまち】')
  t.same(bracketed.goals, ['にぎわいのあるまち'], 'inside the bracket the line opens with')
})

t.test('what only looks like a goals header with text stays text', async (t) => {
  const sentence = DOC('区の目標を達成するため、地域と連携する。')
  t.same(sentence.goals, ['a', '区の目標を達成するため、地域と連携する。'], '区の目標を… is a sentence')
  const inPolicy = DOC('区運営の基本的な考え方', '目標：2025年までに達成する。')
  t.same([inPolicy.goals, inPolicy.policy], [['a'], '目標：2025年までに達成する。'], 'a bare 目標: in the policy is its text')
  const inIssue = DOC('【経営課題1 安全】', '各区の目標：防災訓練の参加率50%', '使命 安全')
  t.same([inIssue.goals, inIssue.missions, inIssue.issues[0].aim], [['a'], [], '各区の目標：防災訓練の参加率50%\n使命 安全'], "among the issues, no goals header")
})

t.test("a budget in a strategy's header is no part of its title: kept as its first point, and said (a strategy has no budget field)", async (t) => {
  const plan = DOC(
    '【経営課題1 安全】',
    '【戦略1-1】防災力の向上（予算額 1,000千円）',
    '・訓練を行う。',
    '【戦略1-2 見守り(平成29年度予算額:2,500千円)】',
    '戦略1-3 備蓄 予算額 -円',
  )
  t.same(plan.issues[0].strategies.map((s) => [s.number, s.title, s.points]), [
    ['1-1', '防災力の向上', ['（予算額 1,000千円）', '訓練を行う。']],
    ['1-2', '見守り', ['(平成29年度予算額:2,500千円)']],
    ['1-3', '備蓄', ['予算額 -円']],
  ])
  t.same(warningsOf(plan), [
    "line 5: budget '（予算額 1,000千円）' in the header of strategy 1-1: a strategy has no budget in the plan document, so it is kept as the strategy's first point, not read as a budget",
    "line 7: budget '(平成29年度予算額:2,500千円)' in the header of strategy 1-2: a strategy has no budget in the plan document, so it is kept as the strategy's first point, not read as a budget",
    "line 8: budget '予算額 -円' in the header of strategy 1-3: a strategy has no budget in the plan document, so it is kept as the strategy's first point, not read as a budget",
  ])
})

t.test("a budget in an issue's header is the issue's budget, not its title", async (t) => {
  const plan = DOC('【経営課題1 安全（令和5年度予算額 5千4百万円）】', 'めざす。', '【経営課題2】福祉(予算額 -円)', 'めざす2。')
  t.same(plan.issues.map((i) => [i.title, i.aim, i.budgets]), [
    ['安全', 'めざす。', [{ kind: 'budget', amountYen: 54_000_000, fiscalYear: 2023, text: '（令和5年度予算額 5千4百万円）' }]],
    ['福祉', 'めざす2。', [{ kind: 'budget', amountYen: null, fiscalYear: 2017, text: '(予算額 -円)' }]],
  ])
  t.same(warningsOf(plan), [])
})

t.test("an initiative's title ending in a labelled amount after a space: the amount is its budget", async (t) => {
  const plan = DOC('【経営課題1 安全】', '【戦略1-1 防災】', '【具体的取組1-1-1 訓練 平成29年度予算額:7,133千円】')
  const initiative = plan.issues[0].strategies[0].initiatives[0]
  t.same([initiative.title, initiative.budget], ['訓練', { amountYen: 7_133_000, fiscalYear: 2017, text: '平成29年度予算額:7,133千円' }])
})

t.test("an issue budget line naming several years' amounts is read as one budget per year, each part as published", async (t) => {
  const plan = DOC(
    '【経営課題1 安全】',
    'めざす。',
    '令和5年度予算額 5千万円 令和4年度決算額 4千万円',
    '・令和5年度予算額 5千4百万円(令和4年度予算額 4千万円)',
    '令和5年度予算額：5千万円、令和6年度予算額：-',
  )
  const issue = plan.issues[0]
  t.equal(issue.aim, 'めざす。', 'no budget line is left in the aim')
  t.same(issue.budgets.map((b) => [b.kind, b.amountYen, b.fiscalYear, b.text]), [
    ['budget', 50_000_000, 2023, '令和5年度予算額 5千万円'],
    ['settlement', 40_000_000, 2022, '令和4年度決算額 4千万円'],
    ['budget', 54_000_000, 2023, '令和5年度予算額 5千4百万円'],
    ['budget', 40_000_000, 2022, '(令和4年度予算額 4千万円)'],
    ['budget', 50_000_000, 2023, '令和5年度予算額：5千万円'],
    ['budget', null, 2024, '令和6年度予算額：-'],
  ])
  t.same(warningsOf(plan), [])
  const list = DOC('【経営課題1 安全】', '【主な戦略】', '・子どもを守る', '令和5年度予算額 5千万円 令和4年度決算額 4千万円')
  t.same(list.issues[0].budgets.map((b) => b.amountYen), [50_000_000, 40_000_000], 'in an unnumbered 主な戦略 list too, not a strategy')
  t.same(list.issues[0].strategies.map((s) => s.title), ['子どもを守る'])
})

t.test('lines among the links after the body are attachments or notes, never dropped; the furniture after them is no text', async (t) => {
  const plan = DOC(
    '【区の使命】',
    '・m',
    '平成29年度 旭区運営方針(平成30年6月7日更新)',
    '改定履歴',
    'Adobe Acrobat Reader DCのダウンロード(無償)別ウィンドウで開く',
    '策定経過',
    '区政会議の意見を踏まえて策定しました。',
    'SNSリンクは別ウィンドウで開きます',
    '• Facebookでシェア',
    '探している情報が見つからない',
  )
  t.same(plan.attachments, ['平成29年度 旭区運営方針(平成30年6月7日更新)', '改定履歴', '策定経過'], 'captions of the files are attachments')
  t.same(plan.notes, ['区政会議の意見を踏まえて策定しました。'], 'any other line before the furniture is a note')
  t.same(warningsOf(plan), ["line 10: '区政会議の意見を踏まえて策定しました。' follows the plan's attached files and is none of them: kept in the plan's notes"])
  const direct = DOC('策定経過', '区政会議(令和5年度)', 'このページに対してご意見をお聞かせください', '入力欄を開く')
  t.same([direct.attachments, direct.notes], [['策定経過'], ['区政会議(令和5年度)']], 'a caption right after the body starts the links, and is one')
})

t.test('an approximate amount (約7千万円) is the figure published, with a warning: no budget (null) it is not', async (t) => {
  const plan = DOC(
    '【経営課題1 安全】',
    '令和5年度予算額 約7千万円',
    '令和5年度予算額 7千万円程度',
    '【戦略1-1 防災】',
    '【具体的取組1-1-1 訓練】',
    '(平成29年度予算額:約7,133千円)',
    '【具体的取組1-1-2 備蓄(約1,000千円)】',
    '【具体的取組1-1-3 見守り】',
    '(約500千円)',
  )
  const issue = plan.issues[0]
  t.same(issue.budgets.map((b) => [b.amountYen, b.text]), [[70_000_000, '令和5年度予算額 約7千万円'], [70_000_000, '令和5年度予算額 7千万円程度']])
  t.same(issue.strategies[0].initiatives.map((i) => [i.title, i.budget?.amountYen, i.budget?.text]), [
    ['訓練', 7_133_000, '(平成29年度予算額:約7,133千円)'],
    ['備蓄', 1_000_000, '(約1,000千円)'],
    ['見守り', 500_000, '(約500千円)'],
  ], "the text keeps the 約; in a title's bracket, 約 is the budget's, not the title's")
  t.same(warningsOf(plan), [
    "line 5: budget '令和5年度予算額 約7千万円' is an approximate amount: 70000000 yen is the figure as published, not an exact budget",
    "line 6: budget '令和5年度予算額 7千万円程度' is an approximate amount: 70000000 yen is the figure as published, not an exact budget",
    "line 9: budget '(平成29年度予算額:約7,133千円)' is an approximate amount: 7133000 yen is the figure as published, not an exact budget",
    "line 10: budget '(約1,000千円)' is an approximate amount: 1000000 yen is the figure as published, not an exact budget",
    "line 12: budget '(約500千円)' is an approximate amount: 500000 yen is the figure as published, not an exact budget",
  ])
})

t.test("an initiative's second budget line is kept as a point, not dropped", async (t) => {
  const plan = DOC('【経営課題1 安全】', '【戦略1-1 防災】', '【具体的取組1-1-1 備蓄】', '(平成29年度予算額:1,000千円)', '(平成29年度予算額:2,000千円)', '【具体的取組1-1-2 訓練】', '(平成28年度予算額:6,000千円)', '(平成29年度予算額:7,133千円)')
  const [first, second] = plan.issues[0].strategies[0].initiatives
  t.same([first.budget?.text, first.points], ['(平成29年度予算額:1,000千円)', ['(平成29年度予算額:2,000千円)']], 'the first of one year is the budget')
  t.same([second.budget?.text, second.points], ['(平成29年度予算額:7,133千円)', ['(平成28年度予算額:6,000千円)']], "the plan year's is the budget")
  t.same(warningsOf(plan), [
    "line 8: initiative 1-1-1 has more than one budget line; kept '(平成29年度予算額:1,000千円)' as its budget and '(平成29年度予算額:2,000千円)' as a point",
    "line 11: initiative 1-1-2 has more than one budget line; kept '(平成29年度予算額:7,133千円)' as its budget and '(平成28年度予算額:6,000千円)' as a point",
  ])
})
