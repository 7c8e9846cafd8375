// Names that are keys of every JavaScript object (constructor, __proto__,
// toString…) are looked up as data, never as Object's own: a plan whose
// source URL's host is `constructor` was a 500, a GraphQL sort "constructor"
// was shown as "function Object() { [native code] }".
import { readFileSync } from 'node:fs'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { SEED_PLAN } from '../helper.js'

const TOKEN = 'prototype-keys-token-0123456789'
const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']

t.test('a plan whose source URL is on a host named like a prototype key is an invalid plan, not a 500', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: null, adminToken: TOKEN })
  t.teardown(() => app.close())
  const text = readFileSync(SEED_PLAN, 'utf8').replace(/^source: .*\n/m, '')
  for (const host of PROTOTYPE_KEYS) {
    const answer = await app.inject({
      method: 'POST',
      url: '/v1/plans',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
      payload: `source: http://${host}/x\n${text}`,
    })
    t.equal(answer.statusCode, 422, host)
    t.equal(answer.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.match(answer.json(), { type: '/problems/invalid-plan', detail: /is not a site this service knows/ })
  }
})

t.test('a GraphQL sort named like a prototype key is refused by its name', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: null })
  t.teardown(() => app.close())
  for (const sort of PROTOTYPE_KEYS) {
    const answer = await app.inject({ method: 'POST', url: '/graphql', payload: { query: `{ initiatives(sort: "${sort}") { data { id } } }` } })
    t.equal(answer.statusCode, 400, sort)
    t.match(answer.headers['content-type'], /^application\/json/)
    t.match(answer.json().errors[0], { message: `initiatives: sort "${sort}" is not a sort of initiatives; allowed: plan, -plan, budget, -budget`, extensions: { code: 'BAD_USER_INPUT', argument: 'sort' } })
  }
})

t.test('a JSON body with a __proto__ key is told so, not that it is not JSON', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: null, adminToken: 'test-token-0123456789abcdef' })
  t.teardown(() => app.close())
  const send = (payload: string, url = '/v1/plans') =>
    app.inject({ method: 'POST', url, headers: { authorization: 'Bearer test-token-0123456789abcdef', 'content-type': 'application/json' }, payload })
  for (const payload of ['{"__proto__": {"x": 1}}', '{"id": "a", "constructor": {"prototype": {"x": 1}}}']) {
    const answer = await send(payload)
    t.equal(answer.statusCode, 400, payload)
    t.match(answer.json(), { type: '/problems/invalid-body', detail: /__proto__ key or a constructor\.prototype/ })
  }
  const graphql = await send('{"query": "{ plans { data { id } } }", "__proto__": {}}', '/graphql')
  t.equal(graphql.statusCode, 400, 'GraphQL refuses it too')
  const broken = await send('{"id": ')
  t.equal(broken.statusCode, 400)
  t.notMatch(broken.json().detail, /prototype/, 'a body that is not JSON is still told so')
})
