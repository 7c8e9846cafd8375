// Accept headers that refuse the answer: 406 /problems/not-acceptable, never
// the refused type; a type the header does not name is answered anyway.
import t from 'tap'
import { mediaRanges, weightFor } from '../../src/formats/media-types.js'
import { build } from '../helper.js'

t.test('weights of media ranges: the most specific range decides', async (t) => {
  const ranges = mediaRanges('text/*;q=0, text/csv;q=0.5, */*;q=0.1, application/json; charset=utf-8; q=0')
  t.equal(weightFor(ranges, 'text/csv; charset=utf-8'), 0.5)
  t.equal(weightFor(ranges, 'text/html'), 0)
  t.equal(weightFor(ranges, 'application/json; charset=utf-8'), 0)
  t.equal(weightFor(ranges, 'application/problem+json'), 0.1)
  t.equal(weightFor(mediaRanges('application/json'), 'text/csv'), undefined, 'not named')
  t.same(mediaRanges('application/json;q=7, text/html;q=abc, nonsense, */*;Q=0.000'), [
    { type: 'application', subtype: 'json', q: 1 },
    { type: 'text', subtype: 'html', q: 1 },
    { type: '*', subtype: '*', q: 0 },
  ])
})

t.test('an Accept that refuses every type is a 406 on every route, before any work', async (t) => {
  const app = await build(t)
  for (const url of ['/v1/plans', '/v1/plans/asahi-2017', '/v1/plans.csv', '/v1', '/healthz', '/', '/openapi.json', '/feed.xml', '/graphql?query=%7B__typename%7D']) {
    for (const accept of ['application/json;q=0', 'text/html;q=0, application/json;q=0', '*/*;q=0', 'application/json;q=0.000, text/csv; q=0']) {
      for (const cached of [false, true]) {
        const answer = await app.inject({ method: 'GET', url, headers: { accept } })
        t.equal(answer.statusCode, 406, `${url} ${accept}${cached ? ' (again)' : ''}`)
        t.equal(answer.headers['content-type'], 'application/problem+json; charset=utf-8')
        t.equal(answer.json().type, '/problems/not-acceptable')
        t.equal(answer.headers['cache-control'], 'no-store')
        // The answer with no Accept, then kept by the response cache, must not be served to the refusing client.
        await app.inject({ method: 'GET', url })
      }
    }
  }
  const post = await app.inject({ method: 'POST', url: '/graphql', headers: { accept: 'application/json;q=0' }, payload: { query: '{ __typename }' } })
  t.equal(post.statusCode, 406, 'GraphQL POST')
  t.equal(post.json().type, '/problems/not-acceptable')
})

t.test('an Accept whose most specific range for the answer weighs 0 is a 406; an unnamed type is answered', async (t) => {
  const app = await build(t)
  const refused: [string, string][] = [
    ['/v1/plans/asahi-2017', 'application/json;q=0, text/html'],
    ['/v1/plans', 'application/*;q=0, */*'],
    ['/v1/plans.csv', 'text/*;q=0, */*'],
    ['/v1/plans.jsonl', 'application/jsonl;q=0, application/json'],
    ['/', 'text/html;q=0, */*'],
  ]
  for (const [url, accept] of refused) {
    for (const encoding of [undefined, 'gzip']) {
      const answer = await app.inject({ method: 'GET', url, headers: { accept, ...(encoding ? { 'accept-encoding': encoding } : {}) } })
      t.equal(answer.statusCode, 406, `${url} ${accept} ${encoding ?? ''}`)
      t.equal(answer.headers['content-type'], 'application/problem+json; charset=utf-8')
      t.equal(answer.headers['content-encoding'], undefined, 'not compressed')
      t.equal(answer.headers['content-disposition'], undefined)
      t.equal(answer.headers['last-modified'], undefined)
      t.match(answer.json(), { type: '/problems/not-acceptable', status: 406, detail: /refuses \(q=0\)/ })
    }
  }
  const head = await app.inject({ method: 'HEAD', url: '/v1/plans.csv', headers: { accept: 'text/csv;q=0, */*' } })
  t.equal(head.statusCode, 406, 'HEAD')
  const accepted: [string, string, RegExp][] = [
    ['/v1/plans', 'application/json;q=0, text/csv', /^text\/csv/],
    ['/v1/plans', 'application/json;q=0.001', /^application\/json/],
    ['/v1/plans/asahi-2017', 'image/png', /^application\/json/],
    ['/problems', 'text/html;q=0, application/json', /^application\/json/],
    ['/', 'text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8', /^text\/html/],
  ]
  for (const [url, accept, type] of accepted) {
    const answer = await app.inject({ method: 'GET', url, headers: { accept } })
    t.equal(answer.statusCode, 200, `${url} ${accept}`)
    t.match(answer.headers['content-type'], type)
  }
  const notModified = await app.inject({ method: 'GET', url: '/v1/plans/asahi-2017' })
  const again = await app.inject({ method: 'GET', url: '/v1/plans/asahi-2017', headers: { accept: 'application/json;q=0, text/html', 'if-none-match': String(notModified.headers.etag) } })
  t.equal(again.statusCode, 406, 'a conditional GET of a kept answer: the 406, never a 304 standing for the refused type')
  for (const [url, accept] of [['/v1/plans.csv', 'text/csv;q=0, */*'], ['/v1/initiatives.jsonl?plan=asahi-2017', 'application/jsonl;q=0, application/json']]) {
    const whole = await app.inject({ method: 'GET', url })
    const conditional = await app.inject({ method: 'GET', url, headers: { accept, 'if-none-match': String(whole.headers.etag) } })
    t.equal(conditional.statusCode, 406, `${url}: a conditional GET of a whole list Accept refuses is the 406, not a 304`)
    t.equal(conditional.json().type, '/problems/not-acceptable')
    const held = await app.inject({ method: 'GET', url, headers: { 'if-none-match': String(whole.headers.etag) } })
    t.equal(held.statusCode, 304, `${url}: a client that takes it still gets its 304`)
  }
})
