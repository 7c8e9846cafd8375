// Search texts built to cost more than they ask: each term of the full-text query is a scan of
// its tokens' postings, so a word repeated sixteen times was sixteen scans for one word's hits.
import t from 'tap'
import { matchExpression } from '../../src/db/search-grams.js'
import { SEED_DIR, build } from '../helper.js'

t.test('a word given several times is searched for once', async (t) => {
  t.equal(matchExpression('区 区 区 区'), matchExpression('区'))
  t.equal(matchExpression('防災 地域 防災 ＢＯＵＳＡＩ bousai'), '"防災" AND "地域" AND "bo ou us sa ai"')
  const app = await build(t, SEED_DIR)
  const once = (await app.inject({ url: `/v1/search?q=${encodeURIComponent('区')}` })).json()
  const repeated = await app.inject({ url: `/v1/search?q=${encodeURIComponent(Array(16).fill('区').join(' '))}` })
  t.equal(repeated.statusCode, 200)
  t.same(repeated.json().page.total, once.page.total, 'the same hits')
  t.same(repeated.json().data, once.data)
  // Seventeen words are still refused, repeated or not.
  const tooMany = await app.inject({ url: `/v1/search?q=${encodeURIComponent(Array(17).fill('区').join(' '))}` })
  t.equal(tooMany.statusCode, 400)
  t.match(tooMany.json(), { type: '/problems/invalid-parameter', parameter: 'q' })
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'the server still answers')
})
