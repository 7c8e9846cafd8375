// Published variations that lost text or structure: text after a header on its line,
// budgets in an initiative header's bracket, kanji section numbers, unrecognised
// initiative forms, a contact block before the body, other header spellings, issue
// budgets in other forms, list numbers of unnumbered strategies, ［］ headings.
// Each is read where a reader expects it, its text as published, or said in a warning.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { parsePlan } from '../../src/plans/parse.js'
import { htmlToText } from '../../src/sources/html-to-text.js'

/** A minimal plan with `lines` between its goals and its contact section. */
const DOC = (...lines: string[]) =>
  parsePlan(['平成29年度 旭区運営方針', '【区の目標】', '・a', ...lines, 'このページの作成者・問合せ先', '旭区役所 企画課', '電話:06-6957-9683'].join('\n'), 'doc.txt')
/** The plan's warnings but the ones every DOC carries (no date, page number …). */
const warningsOf = (plan: ReturnType<typeof DOC>) => plan.warnings.filter((w) => !w.startsWith('not found'))

t.test('text after a section header on its line is the section\'s first text', async (t) => {
  const policy = DOC('【区運営の基本的な考え方】区長として安全を最優先に取り組みます。', '・次の行。')
  t.equal(policy.policy, '区長として安全を最優先に取り組みます。\n・次の行。')
  t.same(warningsOf(policy), [])
  const plain = DOC('平成29年度 区運営の基本的な考え方(区長の方針) 安全を最優先に取り組みます。')
  t.equal(plain.policy, '安全を最優先に取り組みます。', 'after an unbracketed header and its explanation')
  const runOn = DOC('区運営の基本的な考え方に沿って、安全を最優先に取り組みます。')
  t.equal(runOn.policy, '区運営の基本的な考え方に沿って、安全を最優先に取り組みます。', 'a header running on into its sentence is the whole line')
  const goals = DOC('【区の使命】にぎわいを守る。', '・b')
  t.same([goals.goals, goals.missions], [['a'], ['にぎわいを守る。', 'b']])
  const firstGoal = parsePlan(['平成29年度 旭区運営方針', '【区の目標】にぎわいのあるまち', '・b', 'このページの作成者・問合せ先', '旭区役所 企画課'].join('\n'))
  t.same(firstGoal.goals, ['にぎわいのあるまち', 'b'])
  const issues = DOC('1 重点的に取り組む主な経営課題(区長が特に取り組む課題の説明)', '【経営課題1 安全】')
  t.same(issues.notes, ['(区長が特に取り組む課題の説明)'])
  t.match(warningsOf(issues), [/^line 4: '\(区長が特に取り組む課題の説明\)' after the management issues' header/])
  const form = DOC('重点的に取り組む主な経営課題(様式2)', '【経営課題1 安全】')
  t.same([form.notes, warningsOf(form)], [[], []], '(様式2) names the form: no text')
})

t.test('text after an issue or strategy header\'s bracket is its aim or first point', async (t) => {
  const plan = DOC('【経営課題1 安全】 災害に強いまちをめざす。', '【戦略1-1 防災】 ・訓練を行う。', '・備蓄を進める。', '【経営課題2】福祉', '①【見守り】 高齢者を見守る。')
  const [one, two] = plan.issues
  t.same([one.title, one.aim], ['安全', '災害に強いまちをめざす。'])
  t.same(one.strategies.map((s) => [s.number, s.title, s.points]), [['1-1', '防災', ['訓練を行う。', '備蓄を進める。']]])
  t.same(two.strategies.map((s) => [s.number, s.title, s.points]), [['2-1', '見守り', ['高齢者を見守る。']]])
  t.same(warningsOf(plan), [])
})

t.test('a reform label with its value on the same line', async (t) => {
  const plan = DOC('2 市政改革プラン2.0に基づく取組等', '【取組項目】5Sの推進', '取組内容：整理整頓を進める。', '取組項目 ICTの活用', '【取組内容】 電子化する。', '・続き。')
  t.same(plan.reformItems, [
    { item: '5Sの推進', content: '整理整頓を進める。' },
    { item: 'ICTの活用', content: '電子化する。\n続き。' },
  ])
  t.same(warningsOf(plan), [])
})

t.test('a budget inside a numbered initiative header\'s bracket is its budget, not its title', async (t) => {
  const plan = DOC('【経営課題1 安全】', '【戦略1-1 防災】', '【具体的取組1-1-1 訓練(7,133千円)】', '・訓練を行う。', '【具体的取組1-1-2 備蓄(平成29年度予算額:1,000千円)】', '【具体的取組1-1-3 見守り(-円)】', '【具体的取組1-1-4 広報(区報)】')
  const initiatives = plan.issues[0].strategies[0].initiatives
  t.same(initiatives.map((i) => [i.title, i.budget?.amountYen ?? null, i.budget?.text ?? null]), [
    ['訓練', 7133000, '(7,133千円)'],
    ['備蓄', 1000000, '(平成29年度予算額:1,000千円)'],
    ['見守り', null, '(-円)'],
    ['広報(区報)', null, null],
  ])
  t.same(initiatives[0].points, ['訓練を行う。'])
  t.same(warningsOf(plan), [])
})

t.test('kanji section numbers (一 …, 第三 …) number section headers', async (t) => {
  const plan = DOC('一 重点的に取り組む主な経営課題', '【経営課題1 安全】', '【戦略1-1 防災】', '【具体的取組1-1-1 訓練】', '・点', '二 「市政改革プラン2.0」に基づく取組等', '【取組項目】', '5Sの推進', '【取組内容】', '整理整頓', '三 参考資料', '資料の説明')
  t.same(plan.issues[0].strategies[0].initiatives.map((i) => [i.title, i.points]), [['訓練', ['点']]], 'the reform section is no part of the last initiative')
  t.same(plan.reformItems, [{ item: '5Sの推進', content: '整理整頓' }])
  t.same(plan.notes, ['三 参考資料', '資料の説明'], 'the next number in that form ends the reform section')
  t.match(warningsOf(plan), [/^lines 14-15: '三 参考資料' follows the reform section/])
  const dai = DOC('第一 区の使命', '・m', '第二 区運営の基本的な考え方', '方針。', '第三 重点的に取り組む主な経営課題', '【経営課題1 安全】', '第四 市政改革プラン2.0に基づく取組等', '【取組項目】', 'x')
  t.same([dai.missions, dai.policy, dai.issues.length, dai.reformItems], [['m'], '方針。', 1, [{ item: 'x', content: null }]])
})

/** An issue's strategies and initiatives as [number, title, points, yen] rows. */
const outline = (plan: ReturnType<typeof DOC>) =>
  plan.issues.flatMap((i) => [[i.number, i.title, i.aim], ...i.strategies.flatMap((s) => [[s.number, s.title, s.points], ...s.initiatives.map((n) => [n.number, n.title, n.points, n.budget?.amountYen ?? null])])])

t.test('initiatives in other published forms are initiatives, not their strategy\'s points', async (t) => {
  const plan = DOC('【経営課題1 安全】', '【戦略1-1 防災】', '・点', '主要な取組1-1-1 訓練', '(7,133千円)', '1-1-2 備蓄', '・備える', '(1,000千円)', '【具体的取組1-1-(3) 見守り】', '・具体的取組1-1-4 広報', '(-円)')
  t.same(outline(plan), [
    [1, '安全', null],
    ['1-1', '防災', ['点']],
    ['1-1-1', '訓練', [], 7133000],
    ['1-1-2', '備蓄', ['備える'], 1000000],
    ['1-1-3', '見守り', [], null],
    ['1-1-4', '広報', [], null],
  ])
  t.same(plan.issues[0].strategies[0].initiatives[3].budget?.text, '(-円)')
  t.same(warningsOf(plan), [])
  const text = DOC('【経営課題1 安全】', '【戦略1-1 防災】', '1-1-1の訓練を続ける。', '2-1-1 他の戦略の番号')
  t.same(text.issues[0].strategies[0].points, ['1-1-1の訓練を続ける。', '2-1-1 他の戦略の番号'], 'a number not of the strategy, or run into its text, is text')
})

t.test('a budget under a strategy with no initiative open is said, not read silently as a point', async (t) => {
  const plan = DOC('【経営課題1 安全】', '【戦略1-1 防災】', '・点', '(平成29年度予算額:500千円)')
  t.same(plan.issues[0].strategies[0].points, ['点', '(平成29年度予算額:500千円)'])
  t.same(warningsOf(plan), ["line 7: budget '(平成29年度予算額:500千円)' is under strategy 1-1 with no initiative above it: kept as a point of the strategy, not read as a budget"])
})

t.test('section and issue headers in other spellings', async (t) => {
  for (const header of ['【区政運営の基本的な考え方】', '区長の方針', '「区運営の基本的な考え方」', '【令和5年度 区・局運営の基本的な考え方(区・局長の方針)】']) {
    const plan = DOC('【区の使命】', '・m', header, '方針の文章。')
    t.same([plan.missions, plan.policy, plan.notes], [['m'], '方針の文章。', []], header)
  }
  for (const header of ['【区の目標 ～何をめざすのか～】', '「区の目標」', '区の目標 -何をめざすのか-']) {
    const plan = DOC('【区の使命】', '・m', header, '・g', '「区の使命」', '・m2')
    t.same([plan.goals, plan.missions, plan.notes], [['a', 'g'], ['m', 'm2'], []], header)
  }
  for (const header of ['(経営課題1 安全)', '「経営課題1 安全」', '『経営課題1 安全』', '■経営課題1 安全', '◎経営課題1 安全', '(1)経営課題1 安全', '1. 経営課題1 安全', '・【経営課題1 安全】']) {
    const plan = DOC(header, 'めざす状態。', '【戦略1-1 防災】', '・点')
    t.same(outline(plan), [[1, '安全', 'めざす状態。'], ['1-1', '防災', ['点']]], header)
    t.same(warningsOf(plan), [], header)
  }
  const reference = DOC('【経営課題1 安全】', '【戦略1-1 防災】', '・(経営課題2の取組と連携)')
  t.same(reference.issues.length, 1, 'a parenthesis that is no whole header is text')
})

t.test('a contact block above the body (a sidebar emitted first) ends at the next section', async (t) => {
  const contact = ['このページの作成者・問合せ先', '大阪市旭区役所 企画課', '〒535-8501大阪市旭区大宮1丁目1番17号', '電話:06-6957-9683', 'ファックス:06-6952-3247']
  const body = ['【区の目標】', '・a', '【区の使命】', '・m', '【区運営の基本的な考え方】', '方針。', '【経営課題1 安全】', 'めざす状態。', '【戦略1-1 防災】', '・点', '【具体的取組1-1-1 訓練】', '(7,133千円)']
  const expected = {
    department: '大阪市旭区役所 企画課',
    postalCode: '535-8501',
    address: '大阪市旭区大宮1丁目1番17号',
    phone: '06-6957-9683',
    fax: '06-6952-3247',
  }
  for (const [name, lines] of [
    ['after the title', ['平成29年度 旭区運営方針', ...contact, ...body]],
    ['above the title, with its furniture', [...contact, 'メール送信フォーム', '平成29年度 旭区運営方針', '2018年6月7日', ...body]],
  ] as const) {
    const plan = parsePlan(lines.join('\n'))
    t.same(plan.contact, expected, name)
    t.same([plan.goals, plan.missions, plan.policy, plan.completeness], [['a'], ['m'], '方針。', 'complete'], name)
    t.same(outline(plan), [[1, '安全', 'めざす状態。'], ['1-1', '防災', ['点']], ['1-1-1', '訓練', [], 7133000]], name)
    t.same(plan.warnings.filter((w) => !w.startsWith('not found')), [], name)
  }
})

t.test('issue budgets in the forms initiatives\' budgets are written in are budgets, not the aim', async (t) => {
  const plan = DOC('【経営課題1 安全】', 'めざす状態。', '・令和5年度予算額 5千4百万円※', '令和5年度予算額 6千万円(見込)', '令和5年度予算額 約7千万円', '令和5年度予算額 5千4百万円(うち国費1千万円)', '令和5年度予算額 ―', '令和5年度予算額 -', '予算額(令和5年度) 1億円', '令和5年度予算 2千万円', '令和4年度決算額(見込) 3千万円', '予算の使い方を見直す。')
  const issue = plan.issues[0]
  t.equal(issue.aim, 'めざす状態。\n予算の使い方を見直す。')
  t.same(issue.budgets.map((b) => [b.kind, b.amountYen, b.fiscalYear, b.text]), [
    ['budget', 54000000, 2023, '令和5年度予算額 5千4百万円※'],
    ['budget', 60000000, 2023, '令和5年度予算額 6千万円(見込)'],
    ['budget', 70000000, 2023, '令和5年度予算額 約7千万円'],
    ['budget', 54000000, 2023, '令和5年度予算額 5千4百万円(うち国費1千万円)'],
    ['budget', null, 2023, '令和5年度予算額 ―'],
    ['budget', null, 2023, '令和5年度予算額 -'],
    ['budget', 100000000, 2023, '予算額(令和5年度) 1億円'],
    ['budget', 20000000, 2023, '令和5年度予算 2千万円'],
    ['settlement', 30000000, 2022, '令和4年度決算額(見込) 3千万円'],
  ])
  t.same(warningsOf(plan), ["line 8: budget '令和5年度予算額 約7千万円' is an approximate amount: 70000000 yen is the figure as published, not an exact budget"])
})

t.test('in an unnumbered 主な戦略 list, the list number that numbered a strategy is no part of its title', async (t) => {
  const plan = DOC('【経営課題1 子育て】', '【主な戦略】', '1. 子どもが健やかに成長できるようにする', '2. 学びの環境をつくる', '【経営課題2 福祉】', '【主な戦略】', '・(1)見守る', '・(2)支える', '【経営課題3 教育】', '【主な戦略】', '・2 番号の違う戦略')
  t.same(plan.issues.flatMap((i) => i.strategies.map((s) => [s.number, s.title])), [
    ['1-1', '子どもが健やかに成長できるようにする'],
    ['1-2', '学びの環境をつくる'],
    ['2-1', '見守る'],
    ['2-2', '支える'],
    ['3-1', '2 番号の違う戦略'],
  ])
  t.same(warningsOf(plan), [])
  const seedLike = parsePlan(readFileSync(new URL('../../seed/nishinari-2023.txt', import.meta.url), 'utf8'))
  t.same(seedLike.issues[0].strategies.map((s) => s.title), ['子どもが健やかに成長できるようにする', 'すべての子どもの学習意欲があふれる環境をつくる', '親子が安心して暮らすことができるように支える'], 'seed/nishinari-2023.txt')
})

t.test('under an unnumbered 主な戦略, headings in ［］ or 〔〕 title strategies as 【】 do', async (t) => {
  const plan = DOC('【経営課題1 共生】', '［主な戦略］', '［多文化共生の推進］', '・交流を進める。', '・相談を受ける。', '〔防災〕', '・訓練する。')
  t.same(plan.issues[0].strategies.map((s) => [s.number, s.title, s.points]), [
    ['1-1', '多文化共生の推進', ['交流を進める。', '相談を受ける。']],
    ['1-2', '防災', ['訓練する。']],
  ])
  t.same(warningsOf(plan), [])
})

t.test('after a header\'s bracket, a colon is no part of the text, and an initiative\'s first point loses its bullet as any point does', async (t) => {
  const plan = DOC('【区の使命】：にぎわいを守る。', '【経営課題1 安全】', '【戦略1-1 防災】', '【具体的取組1-1-1 訓練】 ・訓練を行う。', '【具体的取組1-1-2 備蓄】(1,000千円)')
  t.same(plan.missions, ['にぎわいを守る。'])
  t.same(outline(plan).slice(2), [['1-1-1', '訓練', ['訓練を行う。'], null], ['1-1-2', '備蓄', [], 1000000]])
  t.same(warningsOf(plan), [])
  const indicator = DOC('【経営課題1 安全】', 'アウトカム指標', '(目標)', '80%')
  t.same([indicator.goals, indicator.issues[0].outcomeIndicators], [['a'], ['(目標)', '80%']], '(目標) in the issues is no goals header')
})

t.test('headers numbered by a list (<ol>) keep their issues, whatever lies between them', async (t) => {
  for (const [one, two] of [['1. 【経営課題1 安全】', '2. 【経営課題2 福祉】'], ['1 経営課題1 安全', '2 経営課題2 福祉']]) {
    const plan = DOC(one, 'めざす1。', '【戦略1-1 防災】', '・点', two, 'めざす2。', '3 参考', '参考の文。')
    t.same(outline(plan), [[1, '安全', 'めざす1。'], ['1-1', '防災', ['点']], [2, '福祉', 'めざす2。']], one)
    t.same(plan.notes, ['3 参考', '参考の文。'], `${one}: the next number, no header, still ends the issues`)
  }
})

t.test('an issue budget with a bracketed label, and strategies listed as ①②', async (t) => {
  const plan = DOC('【経営課題1 安全】', '【令和5年度予算額】5千4百万円', '(令和5年度予算額) 6千万円', '【主な戦略】', '①子どもを守る', '②学びを支える')
  t.same(plan.issues[0].budgets.map((b) => [b.amountYen, b.fiscalYear, b.text]), [[54000000, 2023, '【令和5年度予算額】5千4百万円'], [60000000, 2023, '(令和5年度予算額) 6千万円']])
  t.same(plan.issues[0].strategies.map((s) => [s.number, s.title]), [['1-1', '子どもを守る'], ['1-2', '学びを支える']])
  t.same(warningsOf(plan), [])
})

t.test('a budget line in an unnumbered 主な戦略 list is no strategy of its own', async (t) => {
  const plan = DOC('【経営課題1 安全】', '【主な戦略】', '・子どもを守る', '(7,133千円)', '・学びを支える', '令和5年度予算額 5千万円')
  t.same(plan.issues[0].strategies.map((s) => [s.number, s.title, s.points]), [['1-1', '子どもを守る', ['(7,133千円)']], ['1-2', '学びを支える', []]])
  t.same(plan.issues[0].budgets.map((b) => [b.amountYen, b.text]), [[50000000, '令和5年度予算額 5千万円']], "the issue's budget line is the issue's")
  t.same(warningsOf(plan), ["line 7: budget '(7,133千円)' is under strategy 1-1 with no initiative above it: kept as a point of the strategy, not read as a budget"])
})

t.test('a header\'s explanation after its bracket is the header\'s, not text', async (t) => {
  const goals = DOC('【区の使命】(どのような役割を担うのか)', '・m')
  t.same([goals.goals, goals.missions], [['a'], ['m']])
  const policy = DOC('【区運営の基本的な考え方】(区長の方針) 安全を最優先に取り組みます。', '・次の行。')
  t.equal(policy.policy, '安全を最優先に取り組みます。\n・次の行。')
  const bare = DOC('【区運営の基本的な考え方】(区長の方針)', '方針。')
  t.equal(bare.policy, '方針。')
  t.same([goals.warnings, policy.warnings, bare.warnings].map((w) => w.filter((x) => !x.startsWith('not found'))), [[], [], []])
})

t.test('reform labels with a colon, alone or with their value, and 区長の方針 with its year', async (t) => {
  const plan = DOC('【令和5年度 区長の方針】', '方針。', '2 市政改革プラン2.0に基づく取組等', '取組項目：', '5Sの推進', '【取組内容】：', '整理整頓', '【取組項目】：ICTの活用')
  t.equal(plan.policy, '方針。')
  t.same(plan.reformItems, [{ item: '5Sの推進', content: '整理整頓' }, { item: 'ICTの活用', content: null }])
  t.same(warningsOf(plan), [])
})

t.test('a page whose contact sidebar is emitted before its body reads whole', async (t) => {
  const html = `<html><body><div id="side"><h2>このページの作成者・問合せ先</h2><p>大阪市旭区役所 企画課</p><p>電話:06-6957-9683</p><p>ファックス:06-6952-3247</p><p><a href="/form">メール送信フォーム</a></p></div>
<div id="main"><h1>平成29年度 旭区運営方針</h1><p>更新日:2018年6月7日</p><h2>【区の目標】</h2><ul><li>目標A</li></ul><h2>【区の使命】</h2><p>使命A</p><h2>【区運営の基本的な考え方】区長として安全を最優先に。</h2><h3>【経営課題1 安全】</h3><p>めざす。</p><h4>【戦略1-1 防災】</h4><p>・点</p><h4>【具体的取組1-1-1 訓練(7,133千円)】</h4></div></body></html>`
  const plan = parsePlan(htmlToText(html))
  t.same(plan.contact, { department: '大阪市旭区役所 企画課', postalCode: null, address: null, phone: '06-6957-9683', fax: '06-6952-3247' })
  t.same([plan.completeness, plan.updatedOn, plan.goals, plan.missions, plan.policy], ['complete', '2018-06-07', ['目標A'], ['使命A'], '区長として安全を最優先に。'])
  t.same(outline(plan), [[1, '安全', 'めざす。'], ['1-1', '防災', ['点']], ['1-1-1', '訓練', [], 7133000]])
  t.same(plan.warnings, ['not found: page number (ページ番号)'])
})

t.test('an issue budget line that cannot be read whole stays in the aim, and is said', async (t) => {
  const plan = DOC('【経営課題1 安全】', '令和5年度予算額 5千万円 と 4千万円', '予算額は5千万円です。')
  t.equal(plan.issues[0].aim, '令和5年度予算額 5千万円 と 4千万円\n予算額は5千万円です。')
  t.same(plan.issues[0].budgets, [])
  t.same(warningsOf(plan), ["line 5: '令和5年度予算額 5千万円 と 4千万円' looks like the issue's budget but its amount cannot be read: kept in the aim as published"], 'a sentence about a budget is no budget line')
})

t.test('after the body, the contact section is the page\'s last: a title after it is no body', async (t) => {
  const plan = parsePlan(['平成29年度 旭区運営方針', '【区の目標】', '・a', 'このページの作成者・問合せ先', '旭区役所 企画課', '電話:06-6957-9683', '平成29年度 旭区運営方針', '【区の使命】'].join('\n'))
  t.same([plan.goals, plan.missions, plan.notes], [['a'], [], ['平成29年度 旭区運営方針', '【区の使命】']], "kept in the notes, as the contact section's lines of no field")
  t.match(plan.warnings, [/^line 7: '平成29年度 旭区運営方針' in the contact section is none of/, /^line 8: '【区の使命】' in the contact section/])
})

t.test('a budget line in an issue\'s aim, with no strategy or initiative above it, is said', async (t) => {
  const plan = DOC('【経営課題1 安全】', 'めざす。', '(7,133千円)', '予算額は5千万円です。')
  t.equal(plan.issues[0].aim, 'めざす。\n(7,133千円)\n予算額は5千万円です。')
  t.same(warningsOf(plan), ["line 6: budget '(7,133千円)' is under 経営課題1 with no strategy or initiative above it: kept in the aim as published"])
})

t.test('a numbered heading of an unnumbered strategy: its number is structure too', async (t) => {
  const plan = DOC('【経営課題1 共生】', '【主な戦略】', '【1. 多文化共生の推進】', '・交流', '【2. 防災】', '・訓練')
  t.same(plan.issues[0].strategies.map((s) => [s.number, s.title, s.points]), [['1-1', '多文化共生の推進', ['交流']], ['1-2', '防災', ['訓練']]])
  t.same(warningsOf(plan), [])
})
