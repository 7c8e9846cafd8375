// Inputs shaped to make a parser's work grow faster than their length: each is read
// in about the time of its length (the timeout is far above that, far below the old cost).
import { readFileSync } from 'node:fs'
import t from 'tap'
import { parsePlan } from '../../src/plans/parse.js'
import { SEED_PLAN } from '../helper.js'

const seed = readFileSync(SEED_PLAN, 'utf8')

t.test('a file mark with a long run of dots or commas', { timeout: 20_000 }, async (t) => {
  // "(PDF" and 200,000 dots: each split of the run between the text and the size was tried (minutes).
  for (const run of ['.', ',', '…']) {
    const plan = parsePlan(`${seed}\n(PDF${run.repeat(200_000)}\n`, 'dots.txt')
    t.equal(plan.id, 'asahi-2017', `${run}: read`)
  }
  const marked = parsePlan(`${seed}\n旭区運営方針(概要版)(PDF形式, 1.23MB)\n`, 'mark.txt')
  t.ok(marked.attachments.includes('旭区運営方針(概要版)(PDF形式, 1.23MB)'), 'a file mark is still read')
})

t.test('a number published thousands of times', { timeout: 20_000 }, async (t) => {
  // Each repeat looked for a free _k from _2 again: 20,000 repeats took about a minute.
  const at = seed.indexOf('【経営課題1')
  const text = `${seed.slice(0, at)}【経営課題1 a】\n${'【戦略1-1 x】\n・y\n'.repeat(20_000)}${seed.slice(at)}`
  const plan = parsePlan(text, 'repeats.txt')
  const numbers = plan.issues[0].strategies.map((s) => s.number)
  t.same(numbers.slice(0, 3), ['1-1', '1-1_2', '1-1_3'], 'each repeat keeps an id of its own, in page order')
  t.equal(new Set(numbers).size, numbers.length, 'all distinct')
  t.match(plan.warnings[1], /strategy 1-1 is numbered twice .* kept as strategy 1-1_3/)
})

t.test('a budget line of thousands of labels and no amount between them', { timeout: 10_000 }, async (t) => {
  // Each label looked for an amount in all the text since the part's start: 33,000 予算額 took 15 s, 50,000 some 35 s.
  const at = seed.indexOf('(平成29年度予算額:7,133千円)')
  for (const line of ['予算額'.repeat(50_000), `令和5年度予算額 ${'令和4年度決算額 '.repeat(10_000)}5千万円`, `予算額 5千万円 ※${'令和4年度予算額 '.repeat(10_000)}`, `予算額 5千万円(うち${'令和4年度予算額 '.repeat(10_000)}`]) {
    const plan = parsePlan(`${seed.slice(0, at)}${line}\n${seed.slice(at)}`, 'labels.txt')
    t.equal(plan.id, 'asahi-2017', `${line.slice(0, 20)}…: read`)
  }
})
