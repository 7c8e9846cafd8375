// The response cache changes when an answer is computed, never what it is:
// with it off (RESPONSE_CACHE=false) every answer is the same bytes, ETag,
// Last-Modified and content type as the cached server's first and repeated
// answers, and conditional requests get the same 304s (with the 200's ETag and Vary).
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { SEED_DIR, tempDir } from '../helper.js'

const gql = (query: string) => `/graphql?query=${encodeURIComponent(query)}`

/** One of each kind of answer: documents, items, filtered and sorted lists, CSV, search, budgets, GraphQL, errors. */
const URLS = [
  '/v1/plans/asahi-2017',
  '/v1/plans/nishi-2023',
  '/v1/plans/no-such-plan',
  '/v1/plans/asahi-2017?fields=id,title,issues',
  '/v1/issues/asahi-2017.1',
  '/v1/strategies/asahi-2017.2-3',
  '/v1/initiatives/asahi-2017.3-1-1',
  '/v1/initiatives/asahi-2017.3-1-1?fields=id,budget',
  '/v1/plans?limit=5',
  '/v1/plans?fiscalYear=2023&isDraft=false&limit=3',
  '/v1/plans?organization=asahi',
  '/v1/plans?completeness=excerpt&limit=4',
  '/v1/organizations?kind=ward&limit=5',
  '/v1/organizations/asahi',
  '/v1/issues?fiscalYear=2023&limit=5',
  '/v1/issues?plan=asahi-2017',
  '/v1/strategies?organization=asahi&limit=3',
  '/v1/strategies?issue=asahi-2017-1',
  '/v1/initiatives?limit=7',
  '/v1/initiatives?sort=-budget&hasBudget=true&limit=5',
  '/v1/initiatives?sort=budget&fiscalYear=2023&limit=5',
  '/v1/initiatives?minBudgetYen=1000000&maxBudgetYen=50000000&limit=4',
  '/v1/initiatives?q=%E9%98%B2%E7%81%BD&limit=3',
  '/v1/initiatives?plan=asahi-2017&format=csv',
  '/v1/strategies?plan=asahi-2017&format=csv',
  '/v1/search?q=%E5%AD%90%E8%82%B2%E3%81%A6&limit=5',
  '/v1/search?q=%E9%98%B2%E7%81%BD&kind=initiative&fiscalYear=2023&limit=3',
  '/v1/budgets?groupBy=organization&limit=5',
  '/v1/budgets?groupBy=fiscalYear',
  '/v1/budgets?groupBy=plan&hasBudget=true&limit=4',
  '/v1/budgets?groupBy=strategy&plan=asahi-2017',
  // HTML pages, written once per data version (src/rest/kept-answers.ts), and a missing one.
  '/plans/asahi-2017',
  '/organizations/asahi',
  '/fiscal-years/2023',
  '/compare?from=asahi-2016&to=asahi-2017',
  '/compare?from=asahi-2016&to=asahi-1999',
  '/v1/meta',
  gql('{ plan(id: "asahi-2017") { title issues { title strategies { number initiatives { number title budget { amountYen } } } } } }'),
  gql('{ initiatives(sort: budgetDesc, limit: 3) { data { id title budget { amountYen text } } page { nextCursor total } } }'),
  gql('{ plans(fiscalYear: 2023, limit: 2) { data { id organization { name } } page { nextCursor total } } }'),
]

interface Answer {
  status: number
  body: Buffer
  etag: unknown
  lastModified: unknown
  contentType: unknown
  contentEncoding: unknown
  vary: unknown
  headers: Record<string, unknown>
  nextCursor?: string | null
}

async function answer(app: FastifyInstance, url: string, acceptEncoding: string, conditions: Record<string, string> = {}): Promise<Answer> {
  const response = await app.inject({ url, headers: { 'accept-encoding': acceptEncoding, ...conditions } })
  const json = acceptEncoding === 'identity' && response.statusCode === 200 && /json/.test(String(response.headers['content-type'])) ? response.json() : undefined
  return {
    status: response.statusCode,
    body: response.rawPayload,
    etag: response.headers.etag,
    lastModified: response.headers['last-modified'],
    contentType: response.headers['content-type'],
    contentEncoding: response.headers['content-encoding'],
    vary: response.headers.vary,
    headers: response.headers,
    nextCursor: json?.page?.nextCursor,
  }
}

t.test('answers with the response cache off are byte-identical to cached ones', async (t) => {
  // One database (seeded by the first app) for both: its import times are in the answers.
  const databasePath = join(tempDir(t, 'uncached'), 'plans.db')
  const build = async (cacheResponses: boolean) => {
    const app = await buildApp({ databasePath, seedDir: SEED_DIR, maxEventLoopDelay: 0, cacheResponses })
    t.teardown(() => app.close())
    return app
  }
  const uncached = await build(false)
  const cached = await build(true)
  t.notOk(uncached.hasDecorator('responseCacheSize'), 'the uncached app has no response cache')

  const urls = [...URLS]
  const differences: string[] = []
  const statuses: Record<string, number> = {}
  let conditionals = 0
  for (let i = 0; i < urls.length; i++) {
    const url = urls[i]
    for (const coding of ['identity', 'gzip']) {
      const expected = await answer(uncached, url, coding)
      statuses[url] = expected.status
      if (expected.status === 200 && !/^(W\/)?"/.test(String(expected.etag))) differences.push(`${url}: no ETag`)
      if (url.startsWith('/graphql') && coding === 'identity' && !expected.body.toString().startsWith('{"data":{')) differences.push(`${url}: ${expected.body}`)
      for (const round of ['first', 'repeated']) {
        const got = await answer(cached, url, coding)
        for (const field of ['status', 'etag', 'lastModified', 'contentType', 'contentEncoding'] as const) {
          if (got[field] !== expected[field]) differences.push(`${url} (${coding}, ${round}): ${field} ${String(got[field])} cached, ${String(expected[field])} uncached`)
        }
        if (!got.body.equals(expected.body)) differences.push(`${url} (${coding}, ${round}): other bytes`)
      }
      // Conditional requests: If-Modified-Since alone, and If-None-Match deciding over it (RFC 9110 §13.2.2).
      if (expected.status === 200 && typeof expected.lastModified === 'string') {
        const since = { 'if-modified-since': expected.lastModified }
        const before = { 'if-modified-since': new Date(Date.parse(expected.lastModified) - 1000).toUTCString() }
        const cases = [
          { conditions: since, status: 304 },
          { conditions: before, status: 200 },
          { conditions: { ...since, 'if-none-match': '"other"' }, status: 200 },
          { conditions: { ...before, 'if-none-match': String(expected.etag) }, status: 304 },
        ]
        for (const { conditions, status } of cases) {
          const notModified: string[] = []
          for (const [name, app] of [['uncached', uncached], ['cached', cached]] as const) {
            const got = await answer(app, url, coding, conditions)
            if (got.status !== status) differences.push(`${url} (${coding}, ${name}, ${JSON.stringify(conditions)}): ${got.status}, not ${status}`)
            if (status !== 304) continue
            if (got.body.length > 0) differences.push(`${url} (${coding}, ${name}): a 304 with a body`)
            // The 200's validators and Vary (RFC 9110 §15.4.5), and no content headers: a Content-Length of 0 would misstate the 200's.
            if (got.etag !== expected.etag) differences.push(`${url} (${coding}, ${name}): a 304 with ETag ${String(got.etag)}, the 200 had ${String(expected.etag)}`)
            if (got.vary !== expected.vary) differences.push(`${url} (${coding}, ${name}): a 304 with Vary ${String(got.vary)}, the 200 had ${String(expected.vary)}`)
            for (const header of ['content-length', 'content-type', 'content-encoding', 'link']) if (got.headers[header] !== undefined) differences.push(`${url} (${coding}, ${name}): a 304 with ${header}`)
            // The same headers, whatever their order; but for those of the moment (date, request id, the rate limit's count and clock).
            const moment = new Set(['date', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset'])
            notModified.push(JSON.stringify(Object.entries(got.headers).filter(([name]) => !moment.has(name)).sort(([a], [b]) => a.localeCompare(b))))
          }
          if (notModified.length === 2 && notModified[0] !== notModified[1]) differences.push(`${url} (${coding}): other 304 headers uncached and cached: ${notModified.join(' / ')}`)
        }
        conditionals++
      }
      // The second pages of lists, by the cursor the first one gave.
      if (expected.nextCursor && !url.includes('cursor=')) urls.push(`${url}&cursor=${expected.nextCursor}`)
    }
  }
  t.same(differences, [], `${urls.length} URLs, each as identity and gzip, uncached and cached (first and repeated): same status, bytes, ETag and type`)
  t.same(Object.values(statuses).filter((status) => status !== 200), [404, 404], 'all found but the missing plans')
  t.ok(urls.filter((url) => url.includes('cursor=')).length >= 10, `${urls.length - URLS.length} second pages compared too`)
  t.ok(cached.responseCacheSize().entries > URLS.length, 'the cached app kept them')
  t.ok(conditionals >= 2 * (URLS.length - 4), `${conditionals} answers carried Last-Modified and were asked again conditionally`)
})
