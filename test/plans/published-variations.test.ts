// What a published text may vary in without changing its meaning (dashes,
// decomposed kana, invisible characters, list marks, spacing) reads as the
// plain template does; what cannot be read is said in a warning, never turned
// into another value; and no line takes the parser long, however it is made.
import t from 'tap'
import { budgetFiscalYear, isBudgetLine, readYen } from '../../src/plans/budget.js'
import { parsePlan } from '../../src/plans/parse.js'
import { WHOLE } from './whole-template.js'
import { decodePlanBytes } from '../../src/plans/text.js'
import { planTextOf } from '../../src/sources/page-text.js'

/** A small plan: one issue, two strategies, an initiative under each, with budgets. */
const PLAN = [
  '平成29年度 旭区運営方針',
  '【区の目標(何をめざすのか)】',
  '・ 安心して暮らせるまち',
  '重点的に取り組む主な経営課題',
  '【経営課題1 安全・安心】',
  '課題の概要',
  '【戦略1-1 防災】',
  '【具体的取組1-1-1 訓練】',
  '(平成29年度予算額:7,133千円)',
  '・ 訓練を行う',
  '【戦略1-2 防犯】',
  '【具体的取組1-2-1 見守り】',
  '(平成29年度予算額:-円)',
]

const shape = (text: string) => {
  const plan = parsePlan(text, 'variant.txt')
  return plan.issues.map((issue) => ({
    number: issue.number,
    title: issue.title,
    strategies: issue.strategies.map((s) => ({ id: s.id, title: s.title, initiatives: s.initiatives.map((i) => ({ id: i.id, title: i.title, yen: i.budget?.amountYen })) })),
  }))
}
const plain = shape(PLAN.join('\n'))

t.test('the plain plan reads as expected', async (t) => {
  t.same(plain[0].strategies.map((s) => s.initiatives[0]), [
    { id: 'asahi-2017.1-1-1', title: '訓練', yen: 7_133_000 },
    { id: 'asahi-2017.1-2-1', title: '見守り', yen: null },
  ])
})

t.test('any dash between numbers is a hyphen', async (t) => {
  for (const dash of ['−', 'ー', '‐', '‑', '‒', '–', '—', '―', '－', 'ｰ']) {
    const text = PLAN.map((line) => line.replace(/(\d)-(\d)/g, `$1${dash}$2`)).join('\n')
    t.same(shape(text), plain, `U+${dash.codePointAt(0)!.toString(16)}`)
    // The published text is kept: the titles are as they were.
  }
  t.equal(parsePlan(PLAN.join('\n').replace('【戦略1-1 防災】', '【戦略1−1 防災ー訓練】')).issues[0].strategies[0].title, '防災ー訓練', 'a ー inside a word stays')
})

t.test('decomposed kana (NFD) compose for matching; the text is kept as published', async (t) => {
  const nfd = PLAN.join('\n').normalize('NFD')
  t.same(shape(nfd).map((i) => i.strategies.map((s) => s.id)), plain.map((i) => i.strategies.map((s) => s.id)))
  const plan = parsePlan(nfd)
  t.equal(plan.goals[0], '安心して暮らせるまち'.normalize('NFD'), 'stored as published')
  const mission = parsePlan([...PLAN.slice(0, 3), '【区の使命(どのような役割を担うのか)】'.normalize('NFD'), '・ 区民のために', ...PLAN.slice(3)].join('\n'))
  t.same(mission.missions, ['区民のために'], 'a header with ど, ば decomposed is the header')
})

t.test('invisible characters, list marks and spacing before a header', async (t) => {
  const variants: Record<string, (line: string) => string> = {
    'zero-width space': (line) => `\u200b${line}`,
    'word joiner inside': (line) => line.replace('【', '【\u2060'),
    'soft hyphen inside': (line) => line.replace(/(\d)-/, '$1\u00ad-'),
    'a bullet': (line) => `・${line}`,
    'an ordered list number': (line) => `1. ${line}`,
    'a parenthesized number': (line) => `(1)${line}`,
    'ideographic spaces': (line) => line.replace('【', '【\u3000\u3000\u3000'),
    'white lenticular brackets 〖〗': (line) => line.replace('【', '〖').replace('】', '〗'),
    'full-width square brackets ［］': (line) => line.replace('【', '［').replace('】', '］'),
  }
  for (const [name, vary] of Object.entries(variants)) {
    const text = PLAN.map((line) => (/^【/.test(line) ? vary(line) : line)).join('\n')
    t.same(shape(text), plain, name)
  }
})

t.test('lines of a bullet mark alone make no empty values', async (t) => {
  const text = [...PLAN.slice(0, 3), '・', '•', ...PLAN.slice(3, 10), '・', ...PLAN.slice(10)].join('\n')
  const plan = parsePlan(text)
  t.same(plan.goals, ['安心して暮らせるまち'])
  t.same(plan.issues[0].strategies[0].initiatives[0].points, ['訓練を行う'])
})

t.test('budget forms: read, refused as unreadable with a warning, never another number', async (t) => {
  const read: [string, number | null][] = [
    ['(平成29年度予算額:7,133千円)', 7_133_000],
    ['(平成29年度予算額:7,133千)', 7_133_000],
    ['予算額:なし', null],
    ['(平成29年度予算額:‒円)', null],
    ['(平成29年度予算額:―円)', null],
    ['(平成29年度予算額:7,13\u00ad3千円)'.replace('\u00ad', ''), 7_133_000],
  ]
  for (const [text, yen] of read) {
    const norm = text.normalize('NFKC')
    t.ok(isBudgetLine(norm), `${text} is a budget line`)
    t.equal(readYen(norm), yen, text)
  }
  for (const text of ['(平成29年度予算額:7、133千円)', '(平成29年度予算額:▲7,133千円)', '(平成29年度予算額:△ 7,133千円)']) {
    t.equal(readYen(text.normalize('NFKC')), undefined, `${text}: not read as another amount`)
  }
  const cut = parsePlan(PLAN.join('\n').replace('7,133千円', '7、133千円'))
  t.equal(cut.issues[0].strategies[0].initiatives[0].budget?.amountYen, null)
  t.equal(cut.issues[0].strategies[0].initiatives[0].budget?.text, '(平成29年度予算額:7、133千円)', 'the text kept')
  t.match(cut.warnings, [/line 9: cannot read the amount of budget/])
  t.equal(budgetFiscalYear('(平成29年度予算額:7,133千)'), 2017)
})

t.test('a date that is not in the calendar is unknown, with a warning', async (t) => {
  const plan = parsePlan([PLAN[0], '更新日:2018年13月45日', ...PLAN.slice(1)].join('\n'))
  t.equal(plan.updatedOn, null)
  t.match(plan.warnings, [/line 2: .*not a date of the calendar/])
  t.equal(parsePlan([PLAN[0], '更新日:2018年2月28日', ...PLAN.slice(1)].join('\n')).updatedOn, '2018-02-28')
})

t.test('C1 controls (DEL, NEL) are refused as binary, naming the line', async (t) => {
  for (const control of ['\u007f', '\u0085', '\u009f']) {
    const text = PLAN.map((line, i) => (i === 6 ? `${control}${line}` : line)).join('\n')
    t.throws(() => parsePlan(text, 'c1.txt'), { name: 'PlanParseError', line: 7, message: /binary/ }, `U+${control.codePointAt(0)!.toString(16)}`)
  }
})

t.test('a file cut inside a character: the offset and line of the cut', async (t) => {
  const bytes = Buffer.from('平成29年度\n旭区運営方針\n防災', 'utf8')
  const cut = bytes.subarray(0, bytes.length - 1)
  const withTail = Buffer.concat([cut, Buffer.from('\nあ')])
  t.throws(() => decodePlanBytes(withTail, 'cut.txt'), { message: new RegExp(`cut.txt:3: bytes at offset ${cut.length - 2} are not UTF-8`) })
})

t.test('no line takes long, however it is made', async (t) => {
  const lines: Record<string, string> = {
    'spaces in an issue budget': '令和5年度予算額' + ' '.repeat(5000) + '円x',
    'spaces and a digit in an issue budget': '令和5年度予算額' + ' '.repeat(5000) + '1' + ' '.repeat(5000) + 'x',
    'spaces after a title year': '平成29年度' + ' '.repeat(20_000) + 'x',
    'digits without 円': '予算額' + '1'.repeat(50_000),
    'dashes without 円': '予算額' + '-'.repeat(50_000),
    'digits and commas': '予算額 ' + '1,'.repeat(30_000) + ' x',
  }
  for (const [name, line] of Object.entries(lines)) {
    const started = performance.now()
    try {
      parsePlan([...PLAN.slice(0, 8), line, ...PLAN.slice(8)].join('\n'))
    } catch {}
    try {
      parsePlan([line, ...PLAN].join('\n'))
    } catch {}
    const ms = performance.now() - started
    t.ok(ms < 1000, `${name}: ${ms.toFixed(0)} ms`)
  }
})

t.test('a page nested deeper than the reader goes is refused, not a crash', async (t) => {
  for (const [name, html] of Object.entries({
    divs: '<div>'.repeat(5000),
    'unclosed fonts': '<font>'.repeat(2500),
  })) {
    const page = { bytes: Buffer.from(`<!doctype html><html><body>${html}<p>${PLAN[0]}</p></body></html>`), contentType: 'text/html; charset=utf-8', url: null, name: 'deep.html' }
    t.throws(() => planTextOf(page), { name: 'SourceError', message: /deep\.html: its elements nest \d+ deep/ }, name)
  }
  const fine = planTextOf({ bytes: Buffer.from(`<!doctype html><html><body>${'<div>'.repeat(500)}<p>${PLAN[0]}</p></body></html>`), contentType: 'text/html', url: null, name: 'ok.html' })
  t.match(fine.text, PLAN[0], '500 levels are read')
})

t.test('contact sections in their published forms', async (t) => {
  const contactOf = (...lines: string[]) => parsePlan([...PLAN, 'このページの作成者・問合せ先', ...lines, 'メール送信フォーム'].join('\n')).contact
  const asahi = { department: '大阪市旭区役所 企画課', postalCode: '535-8501', address: '大阪市旭区大宮1丁目1番17号', phone: '06-6957-9683', fax: '06-6952-3535' }
  t.same(contactOf('大阪市旭区役所 企画課', '〒535-8501大阪市旭区大宮1丁目1番17号', '電話:06-6957-9683', 'ファックス:06-6952-3535'), asahi, 'the template')
  t.same(contactOf('大阪市旭区役所 企画課', '〒535‐8501大阪市旭区大宮1丁目1番17号', '電話番号:06-6957-9683', 'FAX:06-6952-3535'), asahi, '〒 with a hyphen U+2010, 電話番号, FAX')
  t.same(contactOf('大阪市旭区役所 企画課', '〒535-8501 大阪市旭区大宮1丁目1番17号', '電話:06-6957-9683 ファックス:06-6952-3535'), asahi, 'phone and fax on one line')
  t.same(contactOf('大阪市旭区役所 企画課', '〒535-8501', '大阪市旭区大宮1丁目1番17号', 'TEL 06-6957-9683', 'ファクス 06-6952-3535'), asahi, 'the address on a line of its own; TEL, ファクス without colons')
  t.same(contactOf('大阪市旭区役所 企画課', '住所:大阪市旭区大宮1丁目1番17号', '電話:06-6957-9683', 'ファックス:06-6952-3535'), { ...asahi, postalCode: null }, '住所:')
  t.same(contactOf('大阪市旭区役所', '企画課', '電話:06-6957-9683'), { department: '大阪市旭区役所\n企画課', postalCode: null, address: null, phone: '06-6957-9683', fax: null }, 'a department on two lines')
  t.same(contactOf('大阪市旭区役所 企画課', '電話:', 'ファックス:06-6952-3535'), { department: '大阪市旭区役所 企画課', postalCode: null, address: null, phone: null, fax: '06-6952-3535' }, 'an empty value stays unknown, no label text is invented')
  t.same(contactOf('大阪市旭区役所 企画課', '〒535-8501 大阪市旭区大宮1丁目1番17号', '電話番号:06-6957-9683、ファックス番号:06-6952-3535'), asahi, 'phone and fax after a 、')
  t.same(contactOf('大阪市旭区役所 企画課', '〒535-8501 大阪市旭区大宮1丁目1番17号', 'TEL 06-6957-9683 / FAX 06-6952-3535'), asahi, 'TEL … / FAX …: the slash is neither')
  t.same(contactOf('大阪市旭区役所 企画課', '〒535-8501 大阪市旭区大宮1丁目1番17号', '電話:06-6957-9683,ファックス:06-6952-3535'), asahi, 'after a comma')
  t.same(contactOf('大阪市旭区役所 企画課', '電話:06-6957-9683', 'このページへの別ルート'), { department: '大阪市旭区役所 企画課', postalCode: null, address: null, phone: '06-6957-9683', fax: null }, 'page furniture ends the section')
})

t.test('a header broken over two lines (a <br> in the heading) is one header', async (t) => {
  const text = PLAN.map((line) => (line === '【経営課題1 安全・安心】' ? '【経営課題1\n安全・安心】' : line === '【戦略1-1 防災】' ? '【戦略1-1 防\n災】' : line)).join('\n')
  const plan = parsePlan(text)
  t.same(plan.issues.map((i) => i.title), ['安全・安心'])
  t.same(plan.issues[0].aim, '課題の概要', 'the title\'s second line is not taken for the aim')
  t.same(plan.issues[0].strategies.map((s) => s.title), ['防\n災', '防犯'], 'the break is kept as published')
  t.equal(plan.issues[0].strategies[0].initiatives[0].budget?.amountYen, 7_133_000)
  const cut = parsePlan([...PLAN.slice(0, 8), '【具体的取組1-1-2 見'].join('\n'))
  t.same(cut.issues[0].strategies[0].initiatives.map((i) => i.number), ['1-1-1', '1-1-2'], 'a header left open at the end is still read by the excerpt rule')
})

const whole = (lines: string[]) => {
  const { importedAt: _i, ...plan } = parsePlan(lines.join('\n'), 'whole.txt') as ReturnType<typeof parsePlan> & { importedAt?: unknown }
  return plan
}
const wholePlain = whole(WHOLE)
const replaced = (from: string, ...to: string[]) => WHOLE.flatMap((line) => (line === from ? to : [line]))

t.test('the whole template reads every part', async (t) => {
  t.match(wholePlain, { goals: ['目標A'], missions: ['使命A'], policy: '方針の文章。', reformItems: [{ item: '項目A', content: '内容A' }], completeness: 'complete', pageId: '397263', warnings: [] })
  t.equal(wholePlain.contact?.fax, '06-6952-3247')
})

t.test('section and header spellings that mean the same read the same', async (t) => {
  const same: [string, string[]][] = [
    ['【具体的取組1-1-1 取組タイトル】', ['【具体的取組み1-1-1 取組タイトル】']],
    ['【具体的取組1-1-1 取組タイトル】', ['【具体的な取組1-1-1 取組タイトル】']],
    ['【具体的取組1-1-1 取組タイトル】', ['※【具体的取組1-1-1 取組タイトル】']],
    ['【具体的取組1-1-1 取組タイトル】', ['①【具体的取組1-1-1 取組タイトル】']],
    ['【戦略1-1 戦略タイトル】', ['主な戦略【戦略1-1 戦略タイトル】']],
    ['【戦略1-1 戦略タイトル】', ['◎【戦略1-1 戦略タイトル】']],
    ['【区の目標(何をめざすのか)】', ['1. 区の目標(何をめざすのか)']],
    ['【区の目標(何をめざすのか)】', ['【区の目標 (何をめざすのか)】']],
    ['【区の使命(どのような役割を担うのか)】', ['(2) 区の使命(どのような役割を担うのか):']],
    ['1 重点的に取り組む主な経営課題', ['Ⅱ 重点的に取り組む主な経営課題']],
    ['2 「市政改革プラン2.0」に基づく取組等', ['2. 「市政改革プラン2.0」に基づく取組等']],
    ['2 「市政改革プラン2.0」に基づく取組等', ['(2)『市政改革プラン2.0』に基づく取組等']],
    ['このページの作成者・問合せ先', ['【このページの作成者・問合せ先】']],
    ['このページの作成者・問合せ先', ['問い合わせ先:']],
  ]
  for (const [from, to] of same) t.same(whole(replaced(from, ...to)), wholePlain, to.join(' / '))
})

t.test('a point that begins with a mark and a bracket keeps its mark', async (t) => {
  const plan = whole(replaced('・取組の点。', '※【注】取組の点。'))
  t.same(plan.issues[0].strategies[0].initiatives[0].points, ['※【注】取組の点。'])
})

t.test('budgets: -千円 is no budget; a labelled line not read is a budget with a warning, not a point', async (t) => {
  const dash = whole(replaced('(平成29年度予算額:7,133千円)', '(平成29年度予算額:-千円)'))
  t.same(dash.issues[0].strategies[0].initiatives[0].budget, { amountYen: null, fiscalYear: 2017, text: '(平成29年度予算額:-千円)' })
  t.same(dash.warnings, [])
  const again = whole(replaced('(平成29年度予算額:7,133千円)', '(平成29年度予算額:再掲)'))
  t.same(again.issues[0].strategies[0].initiatives[0].points, ['取組の点。'])
  t.same(again.issues[0].strategies[0].initiatives[0].budget?.text, '(平成29年度予算額:再掲)')
  t.match(again.warnings, [/cannot read the amount of budget/])
})

t.test('a text cut inside a number or a header: no wrong value, no refusal', async (t) => {
  const cutPage = whole(WHOLE.slice(0, 4).map((line, i) => (i === 3 ? 'ページ番号:39726' : line)).concat([]))
  t.equal(cutPage.pageId, null, 'a page number as the last line may be cut')
  const cutHeader = whole([...WHOLE.slice(0, 18), '【1-1-'])
  t.same(cutHeader.issues[0].strategies.map((s) => s.id), ['asahi-2017.1-1'], '【1-1- is no strategy 1-1 again')
  t.match(cutHeader.warnings, [/text stops in this line/])
})

t.test('contact: a line of no field is warned about and the section goes on; an address on two lines', async (t) => {
  const extension = whole(replaced('電話:06-6957-9683', '電話:06-6957-9683', '内線:123'))
  t.equal(extension.contact?.fax, '06-6952-3247', 'the fax after it is read')
  t.same(extension.warnings, ["line 31: '内線:123' in the contact section is none of department, postal code, address, phone and fax: kept in the plan's notes as published"])
  t.same(extension.notes, ['内線:123'], 'the line of no field is kept in the notes')
  const twoLines = whole(replaced('〒535-8501大阪市旭区大宮1丁目1番17号', '〒535-8501大阪市旭区大宮1丁目1番17号', '(旭区役所3階)'))
  t.equal(twoLines.contact?.address, '大阪市旭区大宮1丁目1番17号\n(旭区役所3階)')
})

t.test('a page: ruby readings and hidden elements are not the text', async (t) => {
  const html = `<!doctype html><html><body><p>${PLAN[0]}</p>${PLAN.slice(1, 7).map((l) => `<p>${l}</p>`).join('')}<p>【具体的取組1-1-1 <ruby>訓練<rt>くんれん</rt></ruby><span style="display: none">(非表示)</span>】</p><p style="DISPLAY:NONE">(平成29年度予算額:9,999千円)</p><p>(平成29年度予算額:7,133千円)</p></body></html>`
  const plan = parsePlan(planTextOf({ bytes: Buffer.from(html), contentType: 'text/html', url: null, name: 'ruby.html' }).text)
  t.match(plan.issues[0].strategies[0].initiatives[0], { title: '訓練', budget: { amountYen: 7_133_000 } })
})

t.test('a long line of words and spaces is read in linear time', async (t) => {
  const started = performance.now()
  parsePlan([...PLAN.slice(0, 6), 'あ '.repeat(100_000), ...PLAN.slice(6)].join('\n'))
  const ms = performance.now() - started
  t.ok(ms < 1500, `200,000 characters: ${ms.toFixed(0)} ms`)
})

t.test('update dates in their published forms', async (t) => {
  for (const [text, day] of [
    ['2018年6月7日', '2018-06-07'],
    ['更新日:平成30年6月7日', '2018-06-07'],
    ['令和元年5月1日', '2019-05-01'],
    ['2018/6/7', '2018-06-07'],
    ['2018年6月7日(木)', '2018-06-07'],
    ['最終更新日:2018年6月7日(木曜日)', '2018-06-07'],
  ]) {
    t.equal(parsePlan([PLAN[0], text, ...PLAN.slice(1)].join('\n')).updatedOn, day, text)
  }
})

t.test('initiatives laid out as table rows: the header, its points and its budget each read', async (t) => {
  const row = whole(replaced('【具体的取組1-1-1 取組タイトル】', '【具体的取組1-1-1 取組タイトル】\t取組の点。\t7,133千円').filter((line) => line !== '・取組の点。' && line !== '(平成29年度予算額:7,133千円)'))
  t.match(row.issues[0].strategies[0].initiatives[0], { title: '取組タイトル', points: ['取組の点。'], budget: { amountYen: 7_133_000, text: '7,133千円' } })
  const titleCell = whole(replaced('【具体的取組1-1-1 取組タイトル】', '具体的取組1-1-1\t取組タイトル\t(平成29年度予算額:7,133千円)').filter((line) => line !== '(平成29年度予算額:7,133千円)'))
  t.match(titleCell.issues[0].strategies[0].initiatives[0], { title: '取組タイトル', points: ['取組の点。'], budget: { amountYen: 7_133_000 } })
  const names = whole(replaced('【具体的取組1-1-1 取組タイトル】', '具体的取組\t内容\t予算額', '【具体的取組1-1-1 取組タイトル】'))
  t.same(names.issues[0].strategies[0].points, ['戦略の点。'], "a row of column names is the table's header, no text")
  const notNames = whole(replaced('【具体的取組1-1-1 取組タイトル】', '具体的取組\t内容\t地域の見守り', '【具体的取組1-1-1 取組タイトル】'))
  t.same(notNames.issues[0].strategies[0].points, ['戦略の点。', '具体的取組\t内容\t地域の見守り'], 'a row of names and text stays one line, as published')
})

t.test('a budget line naming two years: the plan year is read, with a warning', async (t) => {
  const plan = whole(replaced('(平成29年度予算額:7,133千円)', '(平成28年度予算額:6,000千円 平成29年度予算額:7,133千円)'))
  t.match(plan.issues[0].strategies[0].initiatives[0].budget, { amountYen: 7_133_000, fiscalYear: 2017, text: '(平成28年度予算額:6,000千円 平成29年度予算額:7,133千円)' })
  t.match(plan.warnings, [/names 2 years' amounts; the amount of 2017 was read/])
})

t.test('an issue header with its title on the next line; an issue budget in brackets', async (t) => {
  const nextLine = whole(replaced('【経営課題1 課題タイトル】', '【経営課題1】', '課題タイトル'))
  t.same([nextLine.issues[0].title, nextLine.issues[0].aim], ['課題タイトル', 'めざす状態の文章。'])
  const sentence = whole(replaced('【経営課題1 課題タイトル】', '【経営課題1】'))
  t.same([sentence.issues[0].title, sentence.issues[0].aim], [null, 'めざす状態の文章。'], 'a sentence after it stays the aim')
  const bracketed = whole(replaced('めざす状態の文章。', 'めざす状態の文章。', '(平成29年度予算額 5千4百万円)'))
  t.same(bracketed.issues[0].budgets, [{ kind: 'budget', amountYen: 54_000_000, fiscalYear: 2017, text: '(平成29年度予算額 5千4百万円)' }])
  t.equal(bracketed.issues[0].aim, 'めざす状態の文章。')
})

t.test('an issue numbered in kanji numerals', async (t) => {
  t.same(whole(replaced('【経営課題1 課題タイトル】', '【経営課題一 課題タイトル】')), wholePlain)
  const twelve = whole(replaced('【経営課題1 課題タイトル】', '【経営課題十二 課題タイトル】'))
  t.same(twelve.issues.map((i) => [i.number, i.title]), [[12, '課題タイトル']])
})

t.test('titles bracketed, or a draft without parentheses', async (t) => {
  const bracketed = whole(replaced('平成29年度 旭区運営方針', '【平成29年度 旭区運営方針】'))
  t.same([bracketed.id, bracketed.title], ['asahi-2017', '【平成29年度 旭区運営方針】'], 'the title as published')
  const draft = whole(replaced('平成29年度 旭区運営方針', '平成29年度 旭区運営方針案'))
  t.same([draft.id, draft.isDraft], ['asahi-2017-draft', true])
})

t.test("an issue budget (予算額) without its year is of the plan's year, as an initiative's is; a settlement (決算額) without its year is of a year unknown", async (t) => {
  const plan = whole(replaced('めざす状態の文章。', 'めざす状態の文章。', '予算額 5千4百万円', '決算額 4千万円'))
  t.same(plan.issues[0].budgets, [
    { kind: 'budget', amountYen: 54_000_000, fiscalYear: 2017, text: '予算額 5千4百万円' },
    { kind: 'settlement', amountYen: 40_000_000, fiscalYear: null, text: '決算額 4千万円' },
  ])
  t.equal(plan.issues[0].aim, 'めざす状態の文章。')
  const initiative = whole(replaced('(平成29年度予算額:7,133千円)', '(7,133千円)'))
  t.equal(initiative.issues[0].strategies[0].initiatives[0].budget?.fiscalYear, 2017, "an initiative's budget without its year: the plan's")
})

t.test('an issue numbered in roman numerals', async (t) => {
  t.same(whole(replaced('【経営課題1 課題タイトル】', '【経営課題Ⅰ 課題タイトル】')), wholePlain)
  t.same(whole(replaced('【経営課題1 課題タイトル】', '【経営課題IV 課題タイトル】')).issues.map((i) => i.number), [4])
})
