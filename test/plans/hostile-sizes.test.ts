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
