import t from 'tap'
import { budgetFiscalYear, isBudgetLine, parseJapaneseAmount, readYen } from '../../src/plans/budget.js'
import { westernYear } from '../../src/plans/era.js'

t.test('every published budget form', async (t) => {
  const cases: [string, number | null][] = [
    ['(平成29年度予算額:7,133千円)', 7_133_000],
    ['(平成29年度予算額:-円)', null],
    ['〔25予算額 29,474 千円〕', 29_474_000],
    ['(7年度予算額65百万円)', 65_000_000],
    ['6千2百万円', 62_000_000],
    ['令和5年度予算額 5千4百万円', 54_000_000],
    ['(1億2,345万円)', 123_450_000],
    ['(1,234,567円)', 1_234_567],
    ['(1.5億円)', 150_000_000],
  ]
  for (const [text, yen] of cases) {
    const norm = text.normalize('NFKC')
    t.ok(isBudgetLine(norm), `${text} is a budget line`)
    t.equal(readYen(norm), yen, text)
  }
})

t.test('amount text without a readable amount', async (t) => {
  t.equal(readYen('予算額:未定'), undefined)
  t.equal(parseJapaneseAmount('千百'), 1100)
  t.equal(parseJapaneseAmount('万'), undefined)
  t.equal(readYen(`(${'9'.repeat(30)}円)`), undefined, 'an amount too large to hold exactly is not read')
  t.equal(readYen('(平成29年度予算額:5,000,000,000,000千円)'), undefined, 'nor one over 10^15 yen, which no import takes')
  t.equal(readYen('(平成29年度予算額:1,000,000,000,000千円)'), 1e15, '10^15 yen is read')
  t.notOk(isBudgetLine('予算の考え方について'))
})

t.test('budget fiscal years', async (t) => {
  t.equal(budgetFiscalYear('(平成29年度予算額:7,133千円)'), 2017)
  t.equal(budgetFiscalYear('〔25予算額 29,474 千円〕'), 2013)
  t.equal(budgetFiscalYear('(7年度予算額65百万円)'), 2025)
  t.equal(budgetFiscalYear('(令和元年度予算額:1,000千円)'), 2019)
  t.equal(budgetFiscalYear('(7,133千円)'), undefined)
})

t.test('era years', async (t) => {
  t.equal(westernYear('平成', '29'), 2017)
  t.equal(westernYear('平成', '31'), 2019)
  t.equal(westernYear('令和', '元'), 2019)
  t.equal(westernYear(undefined, '2019'), 2019)
  t.equal(westernYear(undefined, '25'), 2013, 'short 25 is 平成25')
  t.equal(westernYear(undefined, '2'), 2020, 'short 2 is 令和2')
})

t.test('amounts whose commas do not group thousands, or that end a range, are not read', async (t) => {
  for (const text of ['(平成29年度予算額:7,13千円)', '(平成29年度予算額:71,33千円)', '(平成29年度予算額:7,000~7,500千円)', '(平成29年度予算額:7,000〜7,500千円)']) {
    t.equal(readYen(text.normalize('NFKC')), undefined, text)
  }
  t.equal(readYen('(平成29年度予算額:1,234,567円)'), 1_234_567)
  t.equal(readYen('〔25予算額 29,474 千円〕'), 29_474_000)
})

t.test('the amount a budget line gives, beside other amounts', async (t) => {
  const cases: [string, number | null | undefined][] = [
    // A settlement before the budget: the amount after the 予算額 label.
    ['(平成28年度決算額:6,000千円、平成29年度予算額:7,133千円)', 7_133_000],
    ['(平成29年度予算額:7,133千円 うち国費3,000千円)', 7_133_000],
    // A part named before the whole.
    ['(平成29年度予算額:国費3,000千円を含む7,133千円)', 7_133_000],
    // A range has no one amount: not read (a warning says so), like 7,000~7,500千円.
    ['(平成29年度予算額:7,000千円~7,500千円)', undefined],
    ['(平成29年度予算額:7,000千円 〜 7,500千円)', undefined],
    ['(平成29年度予算額:7,000~7,500千円)', undefined],
    ['(平成29年度予算額:-円)', null],
  ]
  for (const [text, yen] of cases) t.equal(readYen(text.normalize('NFKC')), yen, text)
})
