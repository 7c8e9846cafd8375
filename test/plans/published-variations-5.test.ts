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
