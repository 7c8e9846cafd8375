// Template classes seen on real pages but in no opening: each has a realistic
// constructed text under test/fixtures/variants (see its README) and parses to
// a plan with warnings naming what was not read, never a refusal.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { parsePlan } from '../../src/plans/parse.js'
import { isSdgGoalLine, sdgNumbers } from '../../src/plans/sdgs.js'
import { SEED_PLAN } from '../helper.js'

const VARIANTS_DIR = fileURLToPath(new URL('../fixtures/variants', import.meta.url))
const parse = (file: string) => parsePlan(readFileSync(join(VARIANTS_DIR, file), 'utf8'), file)

t.test('a bureau plan whose strategies follow 重点的に取り組む主な経営課題 without 経営課題N headers', async (t) => {
  const plan = parse('bureau-implied-issues.txt')
  t.equal(plan.id, 'keizaisenryaku-2023')
  t.same(plan.organization, { id: 'keizaisenryaku', name: '経済戦略局', kind: 'bureau', code: null, city: '大阪市' })
  t.equal(plan.completeness, 'complete')
  t.same(
    plan.issues.map((i) => [i.id, i.number, i.title, i.strategies.map((s) => s.id)]),
    [
      ['keizaisenryaku-2023.1', 1, null, ['keizaisenryaku-2023.1-1', 'keizaisenryaku-2023.1-2']],
      ['keizaisenryaku-2023.2', 2, null, ['keizaisenryaku-2023.2-1']],
    ],
    "each issue is implied by its strategies' first number, untitled",
  )
  t.same(plan.issues[1].strategies[0].initiatives[0].budget, { amountYen: null, fiscalYear: 2023, text: '(令和5年度予算額:-円)' })
  t.same(plan.warnings, [
    "line 27: text before the first management issue is no issue's text: kept in the plan's notes: '局の重点的な取組を次の戦略で進める。'",
    'line 29: strategy 1-1 has no 経営課題1 header above it; an untitled issue 1 holds it',
    'line 43: strategy 2-1 has no 経営課題2 header above it; an untitled issue 2 holds it',
  ])
  t.ok(plan.notes.includes('局の重点的な取組を次の戦略で進める。'), 'the text itself is kept, in the notes')
})

t.test("headers with the organization's name and no brackets, on a ward's own site", async (t) => {
  const plan = parse('ward-site-headers.txt')
  t.equal(plan.sourceUrl, 'https://higashiyodogawa.example/kusei/unei-hoshin/r1.html')
  t.same(plan.organization, { id: 'higashiyodogawa', name: '東淀川区', kind: 'ward', code: '271144', city: '大阪市' }, 'the organization comes from the title')
  t.equal(plan.updatedOn, '2019-10-04', '更新日:2019年10月4日')
  t.same(plan.goals, ['「住んでよかった、住み続けたい東淀川区」のまちづくり'], '東淀川区の目標(何をめざすのか)')
  t.same(plan.missions, ['区民の安全・安心を守り、地域の多様な主体と連携して暮らしやすいまちをつくる'], '東淀川区の使命(…)')
  t.equal(plan.policy, '地域のつながりを大切にし、区民とともに安全で安心して暮らせるまちづくりを進めます。', '東淀川区運営の基本的な考え方')
  t.same(plan.notes, ['運営方針の進捗管理(中間)を実施しました。その結果について、「中間振り返り」欄に反映しています。(令和元年10月4日)'], "the site's header above the title is not a note")
  t.equal(plan.issues[0].strategies[0].title, '地域活動への参加の促進', 'unbracketed 戦略1-1')
  t.equal(plan.completeness, 'complete')
  t.same(plan.warnings, ['not found: page number (ページ番号)'])
})

t.test('a page that carries the plan only as attachments', async (t) => {
  const plan = parse('attachments-only.txt')
  t.equal(plan.id, 'nishiyodogawa-2022')
  t.equal(plan.completeness, 'attachments', 'completeness says so, even with a contact section')
  t.equal(plan.updatedOn, '2022-04-01')
  t.equal(plan.pageId, '560001')
  t.same(plan.notes, ['運営方針を策定しました。(令和4年4月1日)'])
  t.same(plan.attachments, ['令和4年度西淀川区運営方針重点的に取り組む主な経営課題(概要版)(PDF形式, 1.23MB)', '令和4年度西淀川区運営方針(様式1・2)(PDF形式, 845KB)'], 'names as published')
  t.same([plan.goals, plan.missions, plan.policy, plan.issues], [[], [], null, []])
  t.equal(plan.contact?.department, '大阪市西淀川区役所 政策企画課')
  t.match(plan.warnings, [/^the page carries the plan only as attachments, which were not read: /])

  // Without file marks or contact: the link is known by its name or by the Acrobat note under it.
  const bare = parsePlan(
    [
      'source: https://www.city.osaka.lg.jp/minato/page/0000500001.html',
      '令和2年度港区運営方針',
      '2020年4月1日',
      'ページ番号:500001',
      '令和2年度港区運営方針重点的に取り組む主な経営課題(概要版)',
      '区の取組一覧',
      'PDF形式のファイルをご覧いただく場合には、Adobe社が提供するAcrobat Reader DCが必要です。',
    ].join('\n'),
    'bare.txt',
  )
  t.equal(bare.completeness, 'attachments')
  t.same(bare.attachments, ['令和2年度港区運営方針重点的に取り組む主な経営課題(概要版)', '区の取組一覧'])
  t.same(bare.notes, [])
})

t.test('sub-numbered issues 経営課題1-(1), 1-(2): distinct issues with stable ids', async (t) => {
  const plan = parse('sub-numbered-issues.txt')
  t.same(
    plan.issues.map((i) => [i.id, i.number, i.subNumber, i.title]),
    [
      ['nishi-2023.1.1', 1, 1, '地域コミュニティの活性化'],
      ['nishi-2023.1.2', 1, 2, '区民の安全・安心の確保'],
      ['nishi-2023.2', 2, null, 'こども・子育て施策の充実'],
    ],
  )
  t.same(
    plan.issues.map((i) => i.strategies.map((s) => [s.id, s.number])),
    [
      [
        ['nishi-2023.1.1-1', '1.1-1'],
        ['nishi-2023.1.1-2', '1.1-2'],
      ],
      [['nishi-2023.1.2-1', '1.2-1']],
      [['nishi-2023.2-1', '2-1']],
    ],
    'unnumbered strategies are numbered by position within their sub-numbered issue',
  )
  t.same(plan.warnings, [])
})

t.test('SDGs lines and outcome indicators on issues and strategies', async (t) => {
  const plan = parse('sdgs-outcomes.txt')
  const [first, second] = plan.issues
  t.same(first.sdgs, [11, 13], '関連するSDGs 11住み続けられるまちづくりを, one goal a line')
  t.same(first.outcomeIndicators, ['災害に備えている区民の割合:令和7年度までに70%以上'], '【アウトカム指標(経営課題の…)】 belongs to the issue')
  t.same(first.budgets.map((b) => b.text), ['令和5年度予算額 5千4百万円'], 'an issue budget line among the SDGs lines')
  t.equal(first.aim, '区民が災害に備え、地域で助け合える状態')
  const strategy = first.strategies[0]
  t.same(strategy.sdgs, [11, 17], '主なSDGsゴール and goal lines under a strategy')
  t.same(strategy.points, ['地域が行う防災訓練を支援する。'], 'the text after the goal lines is the strategy again')
  t.same(strategy.outcomeIndicators, ['防災訓練に参加した区民の割合 40%以上'], 'アウトカム指標: on the same line')
  t.same(second.sdgs, [3, 4, 10], 'several goals on one line')
  t.same(second.strategies[0].sdgs, [])
  const reviewed = parsePlan(
    ['令和5年度住吉区運営方針', '重点的に取り組む経営課題', '【経営課題1】テスト', 'アウトカム指標', '• 区民の割合 50%以上', '【アウトカム指標の達成状況(定量評価)】', '• 48%(未達成)', '【経営課題2】次'].join('\n'),
    'review.txt',
  )
  t.same(reviewed.issues[0].outcomeIndicators, ['区民の割合 50%以上'], 'the results of a review are not indicators')
  t.ok(reviewed.warnings.includes("line 6: '【アウトカム指標の達成状況(定量評価)】' (reviews of 経営課題1) is not imported yet: it and the lines under it are kept in the plan's notes"))
  t.same(reviewed.notes, ['【アウトカム指標の達成状況(定量評価)】', '48%(未達成)', '【経営課題2】次'], 'a review and its lines are kept in the notes as published, not dropped (and the cut last line)')
  t.equal(plan.completeness, 'complete')
  t.same(plan.warnings, [])
})

t.test("an excerpt's cut last line", async (t) => {
  const head = ['令和5年度 旭区運営方針', '【区の目標(何をめざすのか)】', '・ 安心して住み続けられるまち']
  const dropped = parsePlan([...head, '・ 子育てしやす'].join('\n'), 'cut.txt')
  t.same(dropped.goals, ['安心して住み続けられるまち'], 'a cut text line is not read as a goal')
  t.same(dropped.notes, ['子育てしやす'], 'but kept in the notes as published')
  t.ok(dropped.warnings.includes("line 4: the text stops in this line, which may be cut mid-sentence: it is kept in the plan's notes as published, not read: '・ 子育てしやす'"), 'a warning quotes it')
  const whole = parsePlan([...head, '・ 子育てしやすいまち。'].join('\n'), 'whole.txt')
  t.same(whole.goals, ['安心して住み続けられるまち', '子育てしやすいまち。'], 'a line that ends a sentence is read')
  const header = parsePlan([...head, '重点的に取り組む経営課題', '【経営課題1 安全と安心を未来に'].join('\n'), 'header.txt')
  t.same(header.issues.map((i) => [i.id, i.title]), [['asahi-2023.1', null]], 'a cut header keeps its number, not its title')
  const closed = parsePlan([...head, '重点的に取り組む経営課題', '【経営課題1】', '【1-1-1 防災力の強化】 ['].join('\n'), 'closed.txt')
  t.equal(closed.issues[0].strategies[0].initiatives[0].title, '防災力の強化', 'a title whose bracket closed is whole')
  t.equal(closed.completeness, 'excerpt')
})

t.test('numbered strategies and initiatives under sub-numbered issues are qualified by the issue', async (t) => {
  const plan = parsePlan(
    [
      '令和5年度西区運営方針',
      '重点的に取り組む経営課題',
      '経営課題1-(1)地域コミュニティの活性化',
      '【戦略1-1】つながりづくり',
      '【具体的取組1-1-1】町会加入の促進',
      '(令和5年度予算額:1,000千円)',
      '経営課題1-(2)区民の安全・安心の確保',
      '【戦略1-1】防災力の向上',
      '【戦略2-1】別の課題の戦略',
    ].join('\n'),
    'sub.txt',
  )
  t.same(
    plan.issues.map((i) => [i.id, i.strategies.map((s) => [s.id, s.number, s.initiatives.map((n) => n.id)])]),
    [
      ['nishi-2023.1.1', [['nishi-2023.1.1-1', '1.1-1', ['nishi-2023.1.1-1-1']]]],
      ['nishi-2023.1.2', [['nishi-2023.1.2-1', '1.2-1', []], ['nishi-2023.2-1', '2-1', []]]],
    ],
    'the same published 戦略1-1 under 1-(1) and 1-(2) gives two strategies',
  )
  t.ok(plan.warnings.includes('line 9: strategy 2-1 is under 経営課題1'))
})

t.test('a real page cut right after its header facts is an empty excerpt, not a refusal', async (t) => {
  const plan = parsePlan(['令和6年度 城東区運営方針', '2024年4月1日', 'ページ番号:618983', '運営方針を策定しました。'].join('\n'), 'short.txt')
  t.same([plan.id, plan.completeness, plan.updatedOn, plan.pageId, plan.notes], ['joto-2024', 'excerpt', '2024-04-01', '618983', ['運営方針を策定しました。']])
  t.match(plan.warnings, [/^not found \(the text is cut off\): goals/])
})

t.test('SDGs goal lines are the goals, not any line starting with a number', async (t) => {
  t.same(['1 貧困をなくそう', '17 パートナーシップで目標を達成しよう', 'ゴール11', '5'].map(isSdgGoalLine), [true, true, true, true])
  t.same(['3つの柱で区政を運営する', '1. 子どもが健やかに成長できるようにする', '18 何か', '2025年までに'].map(isSdgGoalLine), [false, false, false, false])
  t.same(sdgNumbers(' 3, 4, 10, 2030'), [3, 4, 10], 'numbers outside 1–17 are not goals')
})

t.test('the complete seed plan stays complete and lists the files its page links', async (t) => {
  const plan = parsePlan(readFileSync(SEED_PLAN, 'utf8'), 'asahi-2017.txt')
  t.equal(plan.completeness, 'complete')
  t.same(plan.attachments, ['平成29年度 旭区運営方針(平成30年6月7日更新)', '様式4(平成29年4月14日時点)', '改定履歴', '策定経過'], 'the links above the Acrobat notes, and the caption after them (策定経過)')
  t.same(plan.issues.map((i) => [i.subNumber, i.sdgs, i.outcomeIndicators]), [[null, [], []], [null, [], []], [null, [], []], [null, [], []]])
})
