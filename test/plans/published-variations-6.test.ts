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
