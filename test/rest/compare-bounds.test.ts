// Comparing plans of thousands of items stays bounded: each text is normalized
// once, leftovers past MAX_COMPARED_PAIRS are not paired one by one (they are
// added and removed), and same texts still match however many there are.
import t from 'tap'
import { MAX_COMPARED_PAIRS, compareStatements } from '../../src/services/compare.js'
import { profileOf, profileSimilarity, similarity } from '../../src/services/similarity.js'

const goals = (year: number, n: number) => Array.from({ length: n }, (_, i) => `地域の安全と安心を守る取組その${i}(${year}年度)`)

t.test('1,000 goals against 1,000: same texts matched, the rest unpaired, in well under a second', async (t) => {
  const from = goals(2018, 1000)
  const to = [...goals(2019, 999), from[5]]
  const started = performance.now()
  const changes = compareStatements(from, to)
  const ms = performance.now() - started
  t.ok(ms < 500, `${ms.toFixed(0)} ms`)
  t.same(changes.unchanged, [from[5]], 'the same text is still unchanged')
  t.equal(changes.changed.length, 0, `${999 * 999} pairs are over ${MAX_COMPARED_PAIRS}: none paired by likeness`)
  t.equal(changes.added.length, 999)
  t.equal(changes.removed.length, 999)
})

t.test('within the bound, rewordings are paired as before', async (t) => {
  const from = goals(2018, 20)
  const to = goals(2019, 20)
  const changes = compareStatements(from, to)
  t.equal(changes.changed.length, 20)
  t.same(changes.changed.find((c) => c.from === from[0]), { from: from[0], to: to[0], similarity: similarity(from[0], to[0]) })
  t.same([changes.added, changes.removed], [[], []])
})

t.test('duplicate statements are matched one to one', async (t) => {
  const changes = compareStatements(['安全', '安全', '防災'], ['安全', '防災', '防災'])
  t.same(changes.unchanged, ['安全', '防災'])
  t.same([changes.added, changes.removed], [['防災'], ['安全']])
})

t.test('a profile compares as its texts do', async (t) => {
  for (const [a, b] of [['地域の安全', '地域の安全・安心'], ['ＡＢＣ', 'ABC'], ['', ''], ['あ', 'い']]) {
    t.equal(profileSimilarity(profileOf(a), profileOf(b)), similarity(a, b), `${a} / ${b}`)
  }
  t.equal(similarity('ＡＢＣ', 'A B C'), 1, 'NFKC, without spaces')
})
