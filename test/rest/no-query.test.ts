// Routes that take no query parameters refuse any, with the same 400 problem as
// the API's lists: the landing page, /healthz, the OpenAPI document, Swagger UI,
// GraphiQL and their assets, the downloads, the writes.
import t from 'tap'
import { build } from '../helper.js'

t.test('a query parameter on a route that takes none is a 400 naming it', async (t) => {
  const app = await build(t)
  const urls = ['/', '/healthz', '/openapi.json', '/docs', '/docs/', '/docs/json', '/docs/static/index.html', '/graphiql', '/graphiql/assets/start.js', '/downloads/plans.csv', '/v1', '/v1/meta', '/feed.xml', '/problems']
  for (const url of urls) {
    for (const [query, parameter] of [
      ['foo=1', 'foo'],
      ['t=1700000000', 't'],
      ['foo=1&foo=2', 'foo'],
      ['%E6%97%A5=1', '日'],
    ]) {
      for (const method of ['GET', 'HEAD'] as const) {
        const answer = await app.inject({ method, url: `${url}?${query}` })
        t.equal(answer.statusCode, 400, `${method} ${url}?${query}`)
        t.equal(answer.headers['content-type'], 'application/problem+json; charset=utf-8')
        if (method === 'GET') t.match(answer.json(), { type: '/problems/invalid-parameter', parameter, detail: `unknown querystring parameter '${parameter}'` })
      }
    }
    const plain = await app.inject({ method: 'GET', url })
    // No downloads are written by this app: that route answers 404 without a query.
    t.ok(plain.statusCode < 400 || (url.startsWith('/downloads/') && plain.statusCode === 404), `${url} without a query: ${plain.statusCode}`)
  }
  const write = await app.inject({ method: 'DELETE', url: '/v1/plans/asahi-2017?force=1' })
  t.ok(write.statusCode >= 400 && write.statusCode < 500 && write.headers['content-type'] === 'application/problem+json; charset=utf-8', `a write with a query: ${write.statusCode}`)
})
