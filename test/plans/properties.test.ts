// Property tests: any text gives a plan or a clear error, never a crash; budgets round-trip.
import fc from 'fast-check'
import t from 'tap'
import { parseJapaneseAmount, readYen } from '../../src/plans/budget.js'
import { PlanParseError } from '../../src/plans/errors.js'
import { parsePlan } from '../../src/plans/parse.js'

/** Lines that look like the template, mixed with anything. */
const templateLine = fc.oneof(
  fc.constantFrom(
    '平成29年度 旭区運営方針',
    '令和7年度 北区運営方針(案)',
    '【区の目標(何をめざすのか)】',
    '【区の使命(どのような役割を担うのか)】',
    '【平成29年度 区運営の基本的な考え方(区長の方針)】',
    '1 重点的に取り組む主な経営課題',
    '【経営課題1 テスト】',
    '【戦略1-1 テスト】',
    '【具体的取組1-1-1 テスト】',
    '(平成29年度予算額:7,133千円)',
    '(平成29年度予算額:-円)',
    '主な戦略',
    '【取組項目】',
    '【取組内容】',
    'このページの作成者・問合せ先',
    '〒535-8501大阪市旭区大宮1丁目1番17号',
    ' ・ 箇条書き',
    '',
    '2022年4月1日',
    'ページ番号:560001',
    '東淀川区の目標(何をめざすのか)',
    '経営課題1-(2)テスト',
    '【1-1 テスト',
    '関連するSDGs 11住み続けられるまちづくりを',
    '主なSDGsゴール',
    '3 すべての人に健康と福祉を',
    '【アウトカム指標(経営課題の進捗状況を図る成果指標)】',
    'アウトカム指標:テスト 40%以上',
    '令和4年度西淀川区運営方針重点的に取り組む主な経営課題(概要版)(PDF形式, 1.23MB)',
    'PDF形式のファイルをご覧いただく場合には、Adobe社が提供するAcrobat Reader DCが必要です。',
  ),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
)

t.test('any text: a plan or a PlanParseError naming a line', async (t) => {
  fc.assert(
    fc.property(fc.array(templateLine, { maxLength: 40 }), (lines) => {
      const text = lines.join('\n')
      try {
        const plan = parsePlan(text, 'prop.txt')
        return typeof plan.id === 'string' && Array.isArray(plan.warnings)
      } catch (error) {
        if (!(error instanceof PlanParseError)) throw error
        return error.file === 'prop.txt' && error.line >= 1 && /expected /.test(error.message)
      }
    }),
    { numRuns: 2000 },
  )
})

t.test('budget amounts round-trip through their published forms', async (t) => {
  const thousands = fc.integer({ min: 0, max: 99_999_999 })
  fc.assert(
    fc.property(thousands, (k) => {
      const yen = k * 1000
      const withCommas = k.toLocaleString('en')
      return (
        readYen(`(平成29年度予算額:${withCommas}千円)`) === yen &&
        readYen(`〔25予算額 ${withCommas} 千円〕`) === yen &&
        readYen(`(${yen.toLocaleString('en')}円)`) === yen
      )
    }),
  )
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 9 }), (thousand, hundred) => {
      // 6千2百万円 = 62,000,000
      return parseJapaneseAmount(`${thousand}千${hundred}百万`) === (thousand * 1000 + hundred * 100) * 10_000
    }),
  )
  fc.assert(fc.property(fc.string(), (text) => {
    const yen = readYen(text.normalize('NFKC'))
    return yen === undefined || yen === null || (Number.isSafeInteger(yen) && yen >= 0)
  }))
})
