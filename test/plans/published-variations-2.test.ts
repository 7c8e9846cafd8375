// More variation seen on published pages: typos in numbering, title forms, cut
// texts, reform tables and what follows the reform section. Each is read into
// the plan with the published text kept, or said in a warning quoting it; no
// plan is refused for it, and the importer takes what the parser gives.
import t, { type Test } from 'tap'
import { openDatabase } from '../../src/db/connection.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { validatePlanDocument } from '../../src/importer/validate-document.js'
import { parsePlan } from '../../src/plans/parse.js'
import { WHOLE } from './whole-template.js'

const parse = (lines: string[]) => parsePlan(lines.join('\n'), 'whole.txt')
/** WHOLE with the line `from` replaced by `to` (none: removed). */
const replaced = (from: string, ...to: string[]) => {
  if (!WHOLE.includes(from)) throw new Error(`no line ${from}`)
  return WHOLE.flatMap((line) => (line === from ? to : [line]))
}
/** WHOLE with `lines` inserted after the line `after`. */
const inserted = (after: string, ...lines: string[]) => replaced(after, after, ...lines)
const plain = parse(WHOLE)

t.test('the template reads with no warnings', async (t) => {
  t.same(plain.warnings, [])
  t.equal(plain.completeness, 'complete')
})

/** The importer takes the plan: its ids are the ones a document must have, and it lands in a database. */
const importable = (t: Test, plan: ReturnType<typeof parsePlan>) => {
  t.doesNotThrow(() => validatePlanDocument(plan), 'a document of these ids is accepted')
  const { db, sqlite, close } = openDatabase(':memory:')
  try {
    const [summary] = importPlans(db, [{ plan, sourceFile: 'whole.txt' }])
    const initiatives = plan.issues.flatMap((i) => i.strategies.flatMap((s) => s.initiatives))
    t.equal(summary.initiatives, initiatives.length, 'every initiative is imported')
    const stored = sqlite.prepare('select id from initiatives order by ordinal').all() as { id: string }[]
    t.same(stored.map((row) => row.id), initiatives.map((i) => i.id), 'under their own ids')
  } finally {
    close()
  }
}

t.test('a strategy number published twice: the second keeps its text under a distinct id, with a warning', async (t) => {
  const plan = parse(inserted('(平成29年度予算額:-円)', '【戦略1-1 二つ目の戦略】', '・二つ目の点。', '【具体的取組1-1-1 二つ目の取組】', '(平成29年度予算額:1,000千円)'))
  const strategies = plan.issues[0].strategies
  t.same(strategies.map((s) => [s.id, s.number, s.title, s.points]), [
    ['asahi-2017.1-1', '1-1', '戦略タイトル', ['戦略の点。']],
    ['asahi-2017.1-1_2', '1-1_2', '二つ目の戦略', ['二つ目の点。']],
  ])
  t.same(strategies[1].initiatives.map((i) => [i.id, i.title, i.budget?.amountYen]), [['asahi-2017.1-1-1_2', '二つ目の取組', 1_000_000]], 'its initiative stays under it, numbered apart from the first 1-1-1')
  t.same(strategies[0].initiatives.map((i) => i.id), ['asahi-2017.1-1-1', 'asahi-2017.1-1-2'], 'the first keeps its own')
  t.same(plan.warnings, [
    "line 22: strategy 1-1 is numbered twice (first on line 14): '【戦略1-1 二つ目の戦略】' is kept as strategy 1-1_2",
    "line 24: initiative 1-1-1 is numbered twice (first on line 16): '【具体的取組1-1-1 二つ目の取組】' is kept as initiative 1-1-1_2",
  ])
  importable(t, plan)
})

t.test('an initiative number published twice, and three times', async (t) => {
  const plan = parse(replaced('【具体的取組1-1-2 取組タイトル2】', '【具体的取組1-1-1 取組タイトル2】'))
  t.same(plan.issues[0].strategies[0].initiatives.map((i) => [i.id, i.number, i.title, i.points, i.budget?.text]), [
    ['asahi-2017.1-1-1', '1-1-1', '取組タイトル', ['取組の点。'], '(平成29年度予算額:7,133千円)'],
    ['asahi-2017.1-1-1_2', '1-1-1_2', '取組タイトル2', ['取組の点2。'], '(平成29年度予算額:-円)'],
  ])
  t.match(plan.warnings, [/^line 19: initiative 1-1-1 is numbered twice \(first on line 16\): '【具体的取組1-1-1 取組タイトル2】'/])
  importable(t, plan)
  const three = parse(inserted('(平成29年度予算額:-円)', '【具体的取組1-1-1 三つ目】').map((line) => (line === '【具体的取組1-1-2 取組タイトル2】' ? '【具体的取組1-1-1 取組タイトル2】' : line)))
  t.same(three.issues[0].strategies[0].initiatives.map((i) => i.id), ['asahi-2017.1-1-1', 'asahi-2017.1-1-1_2', 'asahi-2017.1-1-1_3'])
  t.equal(three.warnings.length, 2)
  importable(t, three)
})

t.test('an issue number published twice: no id can tell them apart, so the lines after the second header are read into the first, with a warning quoting it', async (t) => {
  const plan = parse(inserted('(平成29年度予算額:-円)', '【経営課題1 二つ目の課題】', '二つ目の状態。', '【戦略1-2 別の戦略】', '【具体的取組1-2-1 別の取組】'))
  t.same(plan.issues.map((i) => [i.id, i.title, i.aim]), [['asahi-2017.1', '課題タイトル', 'めざす状態の文章。\n二つ目の状態。']])
  t.same(plan.issues[0].strategies.map((s) => [s.id, s.title, s.initiatives.map((i) => i.id)]), [
    ['asahi-2017.1-1', '戦略タイトル', ['asahi-2017.1-1-1', 'asahi-2017.1-1-2']],
    ['asahi-2017.1-2', '別の戦略', ['asahi-2017.1-2-1']],
  ])
  t.same(plan.warnings, [
    "line 22: 経営課題1 is numbered twice (first on line 12): '【経営課題1 二つ目の課題】' is not a second issue; this header is kept in the plan's notes as published, and the lines after it are read into 経営課題1",
  ])
  t.same(plan.notes, ['【経営課題1 二つ目の課題】'], 'its title, which the first issue has no place for, is not lost')
  importable(t, plan)
})

t.test('a bureau plan whose issue is implied by its strategies, then headed further down: the header titles it', async (t) => {
  const bureau = WHOLE.filter((line) => line !== '【経営課題1 課題タイトル】' && line !== 'めざす状態の文章。')
  const plan = parse(bureau.flatMap((line) => (line === '(平成29年度予算額:-円)' ? [line, '【経営課題1 後から来た見出し】', '後の文章。'] : [line])))
  t.same(plan.issues.map((i) => [i.id, i.title, i.aim]), [['asahi-2017.1', '後から来た見出し', '後の文章。']])
  t.same(plan.warnings, [
    'line 12: strategy 1-1 has no 経営課題1 header above it; an untitled issue 1 holds it',
    "line 20: 経営課題1 is numbered twice (first on line 12): '【経営課題1 後から来た見出し】' is not a second issue; its title is taken by that issue, and the lines after it are read into 経営課題1",
  ])
  importable(t, plan)
})

t.test('a title writes its fiscal year in any of its published forms; the label is kept as published', async (t) => {
  const forms: [string, string, number, string][] = [
    ['H29年度 旭区運営方針', 'asahi-2017', 2017, 'H29年度'],
    ['H.29年度 旭区運営方針', 'asahi-2017', 2017, 'H.29年度'],
    ['Ｈ２９年度 旭区運営方針', 'asahi-2017', 2017, 'Ｈ２９年度'],
    ['2017(平成29)年度 旭区運営方針', 'asahi-2017', 2017, '2017(平成29)年度'],
    ['２０１７（平成２９）年度　旭区運営方針', 'asahi-2017', 2017, '２０１７（平成２９）年度'],
    ['平成29(2017)年度 旭区運営方針', 'asahi-2017', 2017, '平成29(2017)年度'],
    ['平成29年度(2017年度) 旭区運営方針', 'asahi-2017', 2017, '平成29年度(2017年度)'],
    ['平成２９年度 旭区運営方針', 'asahi-2017', 2017, '平成２９年度'],
    ['令和元年度 旭区運営方針', 'asahi-2019', 2019, '令和元年度'],
    ['平成31年度 旭区運営方針', 'asahi-2019', 2019, '平成31年度'],
    ['R5年度 旭区運営方針', 'asahi-2023', 2023, 'R5年度'],
    ['Ｒ５年度 旭区運営方針', 'asahi-2023', 2023, 'Ｒ５年度'],
    ['R元年度 旭区運営方針', 'asahi-2019', 2019, 'R元年度'],
    ['令和5(2023)年度 旭区運営方針', 'asahi-2023', 2023, '令和5(2023)年度'],
    ['２０２３年度 旭区運営方針', 'asahi-2023', 2023, '２０２３年度'],
    ['R7年度 旭区運営方針(案)', 'asahi-2025-draft', 2025, 'R7年度'],
    ['【H29年度 旭区運営方針】', 'asahi-2017', 2017, 'H29年度'],
  ]
  for (const [title, id, fiscalYear, label] of forms) {
    const plan = parse(replaced('平成29年度 旭区運営方針', title))
    t.same([plan.id, plan.fiscalYear, plan.fiscalYearLabel, plan.title], [id, fiscalYear, label, title], title)
    t.same(plan.warnings.filter((w) => !/budget/.test(w)), [], `${title}: no warning`)
  }
})

t.test('a title giving two fiscal years that disagree: the one written first, with a warning', async (t) => {
  const plan = parse(replaced('平成29年度 旭区運営方針', '2017(平成30)年度 旭区運営方針'))
  t.same([plan.id, plan.fiscalYear, plan.fiscalYearLabel], ['asahi-2017', 2017, '2017(平成30)年度'])
  t.same(plan.warnings, ["line 2: the title gives two fiscal years, 2017 and 2018 ('2017(平成30)年度'); 2017, written first, was read"])
})

t.test('the same year forms in a policy header and in budget lines', async (t) => {
  const policy = parse(replaced('【平成29年度 区運営の基本的な考え方(区長の方針)】', '【H29年度 区運営の基本的な考え方(区長の方針)】'))
  t.equal(policy.policy, '方針の文章。', 'H29年度 before the policy header')
  const budgets: [string, number][] = [
    ['(R5年度予算額:7,133千円)', 2023],
    ['(H29年度予算額:7,133千円)', 2017],
    ['(2017(平成29)年度予算額:7,133千円)', 2017],
  ]
  for (const [text, fiscalYear] of budgets) {
    const plan = parse(replaced('(平成29年度予算額:7,133千円)', text))
    t.same(plan.issues[0].strategies[0].initiatives[0].budget, { amountYen: 7_133_000, fiscalYear, text }, text)
  }
  const issueBudget = parse(inserted('めざす状態の文章。', 'R5年度予算額 5千4百万円'))
  t.same(issueBudget.issues[0].budgets, [{ kind: 'budget', amountYen: 54_000_000, fiscalYear: 2023, text: 'R5年度予算額 5千4百万円' }], 'an issue budget of R5年度')
  t.equal(issueBudget.issues[0].aim, 'めざす状態の文章。')
})

t.test("an excerpt's last line: a closing bracket or quote alone ends nothing; a sentence's end, or a line wholly a bracketed header or label, does", async (t) => {
  const head = WHOLE.slice(0, 6)
  const lastGoal = (last: string) => {
    const plan = parse([...head, last])
    return { goals: plan.goals, notes: plan.notes, warnings: plan.warnings.filter((w) => /stops in this line/.test(w)) }
  }
  const cut = ['・地域の安全を守る「地域の安全」', '・「地域の安全」', '・訓練を行う(年2回)', '・“安全”', '・【注】の', '【安全']
  for (const last of cut) {
    const notes = [last.replace(/^・/, '')]
    t.same(lastGoal(last), { goals: ['目標A'], notes, warnings: [`line 7: the text stops in this line, which may be cut mid-sentence: it is kept in the plan's notes as published, not read: '${last}'`] }, `${last}: may be cut, kept in the notes`)
  }
  const finished: [string, string][] = [
    ['・訓練を行う(年2回)。', '訓練を行う(年2回)。'],
    ['・「地域の安全を守る。」', '「地域の安全を守る。」'],
    ['・安全を守る!', '安全を守る!'],
    ['(年2回)', '(年2回)'],
    ['≪主な取組≫', '≪主な取組≫'],
    ['・【注】 【重要】', '【注】 【重要】'],
    ['①【安全】', '①【安全】'],
  ]
  for (const [last, goal] of finished) t.same(lastGoal(last), { goals: ['目標A', goal], notes: [], warnings: [] }, `${last}: finished`)
})

t.test("an excerpt's last header or budget line: whole when its brackets close, else only its number", async (t) => {
  const upTo = (line: string, ...last: string[]) => parse([...WHOLE.slice(0, WHOLE.indexOf(line) + 1), ...last])
  const budget = upTo('・取組の点。', '(平成29年度予算額:7,133千円)')
  t.same(budget.issues[0].strategies[0].initiatives[0].budget, { amountYen: 7_133_000, fiscalYear: 2017, text: '(平成29年度予算額:7,133千円)' }, 'a whole budget line in brackets is read')
  t.same(budget.warnings, ['not found (the text is cut off): contact (このページの作成者・問合せ先)'])
  const cutBudget = upTo('・取組の点。', '(平成29年度予算額:7,13')
  t.equal(cutBudget.issues[0].strategies[0].initiatives[0].budget, null, 'a cut budget line is no budget')
  t.match(cutBudget.warnings, [/line 18: .*kept in the plan's notes as published, not read: '\(平成29年度予算額:7,13'/])
  t.same(cutBudget.notes, ['(平成29年度予算額:7,13'], 'the cut line is kept in the notes as published')
  const titled = upTo('めざす状態の文章。', '経営課題2【市民協働】')
  t.same(titled.issues.map((i) => [i.number, i.title]), [[1, '課題タイトル'], [2, '市民協働']], '経営課題2【title】 is a whole header')
  const cutTitled = upTo('めざす状態の文章。', '経営課題2【市民協働】の推進')
  t.same(cutTitled.issues.map((i) => [i.number, i.title]), [[1, '課題タイトル'], [2, null]], 'a title going on after its bracket may be cut: only the number')
  t.match(cutTitled.warnings, [/line 14: the text stops in this line, so only '経営課題2' of it was read; the line is kept in the plan's notes as published: '経営課題2【市民協働】の推進'/])
  t.same(cutTitled.notes, ['経営課題2【市民協働】の推進'], 'the whole cut line is kept in the notes')
  const pairs = upTo('・戦略の点。', '【1-2】【見守り】')
  t.same(pairs.issues[0].strategies.map((s) => [s.number, s.title]), [['1-1', '戦略タイトル'], ['1-2', '見守り']], '【1-2】【title】')
})

/** WHOLE with its reform items (the lines between the reform header and the contact section) replaced. */
const withReform = (...lines: string[]) => {
  const start = WHOLE.indexOf('2 「市政改革プラン2.0」に基づく取組等') + 1
  return parse([...WHOLE.slice(0, start), ...lines, ...WHOLE.slice(WHOLE.indexOf('このページの作成者・問合せ先'))])
}

t.test('reform items laid out as a two-column table are read cell by cell', async (t) => {
  const table = withReform('取組項目\t取組内容', '・5Sの推進\t・区長自らが講師となる。', '自律的なリスク管理\t内部統制のPDCAを回す。')
  t.same(table.reformItems, [
    { item: '5Sの推進', content: '区長自らが講師となる。' },
    { item: '自律的なリスク管理', content: '内部統制のPDCAを回す。' },
  ], 'a header row, then one item a row')
  t.same(table.warnings, [])
  const reversed = withReform('【取組内容】\t【取組項目】', '区長自らが講師となる。\t5Sの推進')
  t.same(reversed.reformItems, [{ item: '5Sの推進', content: '区長自らが講師となる。' }], 'the header row says which column is which')
  const broken = withReform('取組項目\t取組内容', '5Sの推進\t区長自らが講師となり、', '職員の意識を改める。')
  t.same(broken.reformItems, [{ item: '5Sの推進', content: '区長自らが講師となり、\n職員の意識を改める。' }], 'a cell broken by <br> goes on on the next line')
  t.same(broken.warnings, ["line 25: '職員の意識を改める。' in the reform table has no cells of its own: read as the rest of the 取組内容 cell above"], 'which cannot be told from a row of empty cells: said')
  const labelled = withReform('取組項目\t5Sの推進', '取組内容\t区長自らが講師となる。', '取組項目\t自律的なリスク管理', '取組内容\t内部統制のPDCAを回す。')
  t.same(labelled.reformItems, table.reformItems, 'rows led by a label cell: the label and its value')
  t.same(labelled.warnings, [])
})

t.test('a reform table without a header row, or with a column of neither field: nothing silently dropped', async (t) => {
  const headless = withReform('5Sの推進\t区長自らが講師となる。', '自律的なリスク管理\t内部統制のPDCAを回す。')
  t.same(headless.reformItems, [
    { item: '5Sの推進', content: '区長自らが講師となる。' },
    { item: '自律的なリスク管理', content: '内部統制のPDCAを回す。' },
  ])
  t.same(headless.warnings, ["line 23: a table in the reform section without a header row (取組項目, 取組内容): its columns are read in the template's order, 取組項目 then 取組内容"], 'warned once for the table')
  const numbered = withReform('番号\t取組項目\t取組内容', '1\t5Sの推進\t区長自らが講師となる。')
  t.same(numbered.reformItems, [{ item: '5Sの推進', content: '区長自らが講師となる。' }])
  t.same(numbered.warnings, [], "a row's number in a 番号 column is structure, as a list's number is")
  const unfilled = withReform('取組項目\t取組内容\t備考', '5Sの推進\t\t備考の文')
  t.same(unfilled.reformItems, [{ item: '5Sの推進', content: '備考の文' }], "a cell of no field is its row's: kept in the item's content")
  t.same(unfilled.warnings, ["line 24: cell '備考の文' of the reform table is in no 取組項目/取組内容 column: kept in its item's 取組内容 as published"])
  const remarks = withReform('取組項目\t取組内容\t備考', '5Sの推進\t区長自らが講師となる。\t毎年度')
  t.same(remarks.reformItems, [{ item: '5Sの推進', content: '区長自らが講師となる。\n毎年度' }], 'after the content, by a line break')
  const numberText = withReform('番号\t取組項目\t取組内容', '再掲\t5Sの推進\t区長自らが講師となる。')
  t.same([numberText.reformItems, numberText.warnings.length], [[{ item: '5Sの推進', content: '区長自らが講師となる。\n再掲' }], 1], 'a 番号 cell that is no number is text')
})

t.test('text after the reform section that is no part of it ends the last item and is kept in notes, with a warning', async (t) => {
  const other = withReform('【取組項目】', '・項目A', '【取組内容】', '・内容A', '3 その他', '区の広報紙で取組を知らせる。', '【参考】', '・市政改革プラン2.0(区政編)の取組一覧')
  t.same(other.reformItems, [{ item: '項目A', content: '内容A' }], 'the item ends at the next section')
  t.same(other.notes, ['3 その他', '区の広報紙で取組を知らせる。', '【参考】', '市政改革プラン2.0(区政編)の取組一覧'], 'what follows is in the notes, as published')
  t.same(other.warnings, ["lines 27-30: '3 その他' follows the reform section and is no part of it: kept in the plan's notes, not in its last item"])
  t.equal(other.contact?.phone, '06-6957-9683', 'the contact section after it is read')
  const forms: [string, string][] = [
    ['2 「市政改革プラン2.0」に基づく取組等', '3 その他'],
    ['2. 「市政改革プラン2.0」に基づく取組等', '3. その他の取組'],
    ['(2)『市政改革プラン2.0』に基づく取組等', '(3) 区政運営の進捗管理'],
    ['Ⅱ 「市政改革プラン2.0」に基づく取組等', 'Ⅲ その他'],
    ['2 「市政改革プラン2.0」に基づく取組等', '(参考)'],
    ['2 「市政改革プラン2.0」に基づく取組等', '≪参考資料≫'],
    ['2 「市政改革プラン2.0」に基づく取組等', '※参考:市政改革プラン2.0'],
  ]
  for (const [header, heading] of forms) {
    const lines = WHOLE.map((line) => (line === '2 「市政改革プラン2.0」に基づく取組等' ? header : line))
    const plan = parse([...lines.slice(0, lines.indexOf('このページの作成者・問合せ先')), heading, '後の文章。', ...lines.slice(lines.indexOf('このページの作成者・問合せ先'))])
    t.same([plan.reformItems, plan.notes], [[{ item: '項目A', content: '内容A' }], [heading, '後の文章。']], `${header} … ${heading}`)
    t.equal(plan.warnings.length, 1, `${heading}: warned`)
  }
})

t.test('numbered text inside a reform item stays its text', async (t) => {
  const lists = withReform('【取組項目】', '・項目A', '【取組内容】', '1. 意識改革セミナーを行う。', '3つのムダを取る。', '(3) 内部統制を回す。', '3.5%の削減をめざす。')
  t.same(lists.reformItems, [{ item: '項目A', content: '1. 意識改革セミナーを行う。\n3つのムダを取る。\n(3) 内部統制を回す。\n3.5%の削減をめざす。' }])
  t.same([lists.notes, lists.warnings], [[], []])
  const issueNumbers = withReform('【取組項目】', '・項目A', '【取組内容】', '【戦略1-1】と連携する。')
  t.same(issueNumbers.reformItems, [{ item: '項目A', content: '【戦略1-1】と連携する。' }], 'a strategy number in a reform item is no strategy')
  const sentence = withReform('【取組項目】', '・項目A', '【取組内容】', '3 内部統制を回す。')
  t.same([sentence.reformItems, sentence.notes], [[{ item: '項目A', content: '3 内部統制を回す。' }], []], 'a sentence numbered as the next section is no heading')
})

t.test('a text cut inside the contact section: its last line is read only when it ends in a whole phone number', async (t) => {
  /** WHOLE up to its contact line `upTo`, which is replaced by `last`, with no page furniture after it. */
  const cutAt = (upTo: string, last: string) => parse([...WHOLE.slice(0, WHOLE.indexOf(upTo)), last])
  const phone = cutAt('電話:06-6957-9683', '電話:06-6957-99')
  t.same(phone.contact, { department: '大阪市旭区役所 企画課', postalCode: '535-8501', address: '大阪市旭区大宮1丁目1番17号', phone: null, fax: null }, 'a cut phone number is not stored as if whole')
  t.same(phone.warnings, ["line 30: the text stops in this line of the contact section, which may be cut: it is kept in the plan's notes as published, not read: '電話:06-6957-99'"])
  t.same(phone.notes, ['電話:06-6957-99'], 'the cut line is kept in the notes')
  t.equal(phone.completeness, 'complete', 'the plan itself is whole')
  const fax = cutAt('ファックス:06-6952-3247', 'ファックス:06-6952-324')
  t.same([fax.contact?.phone, fax.contact?.fax], ['06-6957-9683', null])
  t.match(fax.warnings, [/^line 31: .*contact section.*'ファックス:06-6952-324'$/])
  const oneLine = cutAt('電話:06-6957-9683', '電話:06-6957-9683 ファックス:06-6952-32')
  t.same([oneLine.contact?.phone, oneLine.contact?.fax], [null, null], 'a line is read whole or not at all, as in excerpts')
  t.equal(oneLine.warnings.length, 1)
  const postal = cutAt('〒535-8501大阪市旭区大宮1丁目1番17号', '〒535-85')
  t.same([postal.contact?.postalCode, postal.contact?.address], [null, null])
  t.equal(postal.warnings.length, 1)
  const department = cutAt('大阪市旭区役所 企画課', '大阪市旭区役')
  t.equal(department.contact, null, 'nothing of the section is read')
  t.equal(department.completeness, 'excerpt', 'so the text is an excerpt')
  t.same(department.warnings, [
    "line 28: the text stops in this line of the contact section, which may be cut: it is kept in the plan's notes as published, not read: '大阪市旭区役'",
    'not found (the text is cut off): contact (このページの作成者・問合せ先)',
  ])
})

t.test('a contact section at the end of a text whose last phone number is whole is read whole', async (t) => {
  const noFurniture = parse(WHOLE.slice(0, -1))
  t.same([noFurniture.contact?.fax, noFurniture.warnings], ['06-6952-3247', []], 'the fax line last, without the mail form after it')
  for (const number of ['06-6957-9683', '090-1234-5678', '0120-123-456', '06(6957)9683']) {
    t.equal(parse([...WHOLE.slice(0, -2), `ファックス:${number}`]).contact?.fax, number, number)
  }
  for (const number of ['090-1234-567', '0120-123-45', '06-6957-968']) {
    t.equal(parse([...WHOLE.slice(0, -2), `ファックス:${number}`]).contact?.fax, null, `${number} may be cut`)
  }
})

t.test('text of the reform section before any 取組項目/取組内容 is warned about, quoted', async (t) => {
  const plan = withReform('以下の取組を進めます。', '【取組項目】', '・項目A', '【取組内容】', '・内容A')
  t.same(plan.reformItems, [{ item: '項目A', content: '内容A' }])
  t.same(plan.warnings, ["line 23: '以下の取組を進めます。' in the reform section is outside 取組項目/取組内容: kept in the plan's notes as published"])
  t.same(plan.notes, ['以下の取組を進めます。'])
})

/** WHOLE without its reform section, with `lines` after the last initiative's budget. */
const withoutReform = (...lines: string[]) => {
  const reformStart = WHOLE.indexOf('2 「市政改革プラン2.0」に基づく取組等')
  return parse([...WHOLE.slice(0, reformStart), ...lines, ...WHOLE.slice(WHOLE.indexOf('このページの作成者・問合せ先'))])
}
const lastInitiative = (plan: ReturnType<typeof parse>) => plan.issues[0].strategies[0].initiatives[1]

t.test('in a plan with no reform section, a block after the issues ends the last initiative and is kept in notes, with a warning', async (t) => {
  const plan = withoutReform('3 その他', '区の広報紙で取組を知らせる。', '【参考】', '・市政改革プラン2.0(区政編)の取組一覧')
  t.same(lastInitiative(plan), { id: 'asahi-2017.1-1-2', number: '1-1-2', title: '取組タイトル2', points: ['取組の点2。'], budget: { amountYen: null, fiscalYear: 2017, text: '(平成29年度予算額:-円)' } })
  t.same(plan.notes, ['3 その他', '区の広報紙で取組を知らせる。', '【参考】', '市政改革プラン2.0(区政編)の取組一覧'], 'as published')
  t.same(plan.warnings, ["lines 22-25: '3 その他' follows the management issues and is no part of them: kept in the plan's notes, not in the issue, strategy or initiative above it"])
  t.same([plan.reformItems, plan.contact?.phone], [[], '06-6957-9683'])
  const forms: [string, string][] = [
    ['1 重点的に取り組む主な経営課題', '2 その他'],
    ['1 重点的に取り組む主な経営課題', '3 区政運営の進捗管理'],
    ['1. 重点的に取り組む主な経営課題', '3. その他の取組'],
    ['(1) 重点的に取り組む主な経営課題', '(2) その他'],
    ['Ⅰ 重点的に取り組む主な経営課題', 'Ⅲ その他'],
    ['重点的に取り組む主な経営課題', '【参考】'],
    ['重点的に取り組む主な経営課題', '(参考)'],
    ['重点的に取り組む主な経営課題', '≪参考資料≫'],
    ['重点的に取り組む主な経営課題', 'その他'],
  ]
  for (const [header, heading] of forms) {
    const lines = WHOLE.map((line) => (line === '1 重点的に取り組む主な経営課題' ? header : line))
    const plan = parse([...lines.slice(0, lines.indexOf('2 「市政改革プラン2.0」に基づく取組等')), heading, '後の文章。', ...lines.slice(lines.indexOf('このページの作成者・問合せ先'))])
    t.same([lastInitiative(plan).points, plan.notes], [['取組の点2。'], [heading, '後の文章。']], `${header} … ${heading}`)
    t.same(plan.warnings, [`lines 22-23: '${heading}' follows the management issues and is no part of them: kept in the plan's notes, not in the issue, strategy or initiative above it`])
  }
  t.same(withoutReform('3. その他の取組').notes, ['3. その他の取組'], 'nor does a number in another form than the header’s go into the initiative')
})

t.test('inside the issues, numbered sentences, lists and 参考 remarks stay the initiative’s; a block among the issues ends at the next header', async (t) => {
  const points = withoutReform('2 地域と連携して見守る。', '(参考)前年度の実績は120件。', '1 見守り活動', '2 防犯パトロール')
  t.same(lastInitiative(points).points, ['取組の点2。', '2 地域と連携して見守る。', '(参考)前年度の実績は120件。', '1 見守り活動', '2 防犯パトロール'], 'a sentence, a remark after its label, a numbered list')
  t.same([points.notes, points.warnings], [[], []])
  const among = parse(inserted('(平成29年度予算額:-円)', '【参考】', '前年度の実績は120件。', '【具体的取組1-1-3 取組タイトル3】', '・取組の点3。'))
  t.same(among.issues[0].strategies[0].initiatives.map((i) => [i.number, i.points]), [['1-1-1', ['取組の点。']], ['1-1-2', ['取組の点2。']], ['1-1-3', ['取組の点3。']]])
  t.same(among.notes, ['【参考】', '前年度の実績は120件。'])
  t.same(among.warnings, ["lines 22-23: '【参考】' follows the management issues and is no part of them: kept in the plan's notes, not in the issue, strategy or initiative above it"])
  t.same(among.reformItems, [{ item: '項目A', content: '内容A' }], 'the reform section after them is read')
  importable(t, among)
})

t.test('the update date with an era as era.ts reads it, in full-width digits, or with dots', async (t) => {
  const forms: [string, string][] = [
    ['R5年6月1日', '2023-06-01'],
    ['Ｒ５年６月１日', '2023-06-01'],
    ['令和5年6月1日', '2023-06-01'],
    ['更新日：令和５年６月１日', '2023-06-01'],
    ['R元年6月1日', '2019-06-01'],
    ['H30年6月7日', '2018-06-07'],
    ['H30.6.7', '2018-06-07'],
    ['H.30.6.7', '2018-06-07'],
    ['R5.6.1', '2023-06-01'],
    ['平成３０年６月７日', '2018-06-07'],
    ['平成30年6月7日(木)', '2018-06-07'],
    ['2023.6.1', '2023-06-01'],
    ['２０２３．６．１', '2023-06-01'],
    ['更新日:2023-06-01', '2023-06-01'],
  ]
  for (const [text, day] of forms) {
    const plan = parse(replaced('2018年6月7日', text))
    t.same([plan.updatedOn, plan.notes, plan.warnings], [day, [], []], text)
  }
  const outside = parse(replaced('2018年6月7日', 'R5.13.1'))
  t.same([outside.updatedOn, outside.notes, outside.warnings], [null, ['R5.13.1'], ["line 3: 'R5.13.1' is not a date of the calendar; the update date is left unknown; the line is kept in the plan's notes as published", 'not found: update date (更新日)']])
  for (const text of ['30年6月7日', '2023.6/1', 'HR5年6月1日']) {
    const plan = parse(replaced('2018年6月7日', text))
    t.same([plan.updatedOn, plan.notes], [null, [text]], `${text}: no date; kept in the notes, as published`)
  }
})
