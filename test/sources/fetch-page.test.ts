// Fetching pages from a server on loopback: a page (its charset only in the
// HTTP header) reads as the same plan as the text; 404, timeout, redirect loop
// and a refused connection each fail naming the page and the reason.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { readPlanUrl } from '../../src/importer/read-plan-file.js'
import { SourceError } from '../../src/sources/errors.js'
import { fetchPage } from '../../src/sources/fetch-page.js'
import { SEED_PLAN } from '../helper.js'
import { startSite } from './loopback.js'
import { SEED_FACTS, encodePage, planPage, seedFacts, seedPlanAt } from './plan-page.js'

const seedText = readFileSync(SEED_PLAN, 'utf8')
const page = encodePage(planPage(seedText), 'shift_jis')

t.test('a page served on loopback imports as the same plan as the text; its URL is the source', async (t) => {
  const site = await startSite(t, {
    '/asahi/page/0000397263.html': { body: page, contentType: 'text/html; charset=Shift_JIS' },
    '/old.html': { redirect: '/asahi/page/0000397263.html' },
  })
  const url = `${site.origin}/asahi/page/0000397263.html`
  const plan = await readPlanUrl(url, 5000)
  t.equal(plan.sourceUrl, url)
  t.same(plan, seedPlanAt(seedText, url), 'the same plan document as the text with that source')
  t.same(seedFacts(plan), SEED_FACTS)

  const moved = await readPlanUrl(`${site.origin}/old.html`, 5000)
  t.equal(moved.sourceUrl, url, 'after a redirect the source is where the page was found')
  t.match(site.requests[0].userAgent, /^ward-plans/, 'the requests say who is asking')
})

t.test('conditional requests: a 304 says the copy held is current', async (t) => {
  const site = await startSite(t, { '/p.html': { body: page, contentType: 'text/html; charset=Shift_JIS', etag: '"v1"', lastModified: 'Thu, 07 Jun 2018 00:00:00 GMT' } })
  const first = await fetchPage(`${site.origin}/p.html`, { timeoutMs: 5000 })
  t.match(first, { kind: 'page', etag: '"v1"', lastModified: 'Thu, 07 Jun 2018 00:00:00 GMT', contentType: 'text/html; charset=Shift_JIS' })
  t.same(first.kind === 'page' && Buffer.from(first.bytes).equals(page), true, 'the bytes as served')
  const again = await fetchPage(`${site.origin}/p.html`, { timeoutMs: 5000, etag: '"v1"', lastModified: 'Thu, 07 Jun 2018 00:00:00 GMT' })
  t.same(again, { kind: 'not-modified', url: `${site.origin}/p.html` })
  t.equal(site.requests[1].ifNoneMatch, '"v1"')
  t.equal(site.requests[1].ifModifiedSince, 'Thu, 07 Jun 2018 00:00:00 GMT')
})

t.test('failures name the page and the reason', async (t) => {
  const site = await startSite(t, {
    '/gone.html': { status: 404 },
    '/slow.html': { slowMs: 5000 },
    '/a.html': { redirect: '/b.html' },
    '/b.html': { redirect: '/a.html' },
    '/pdf': { body: '%PDF-1.4', contentType: 'application/pdf' },
  })
  const reason = async (path: string, timeoutMs = 2000) => {
    const error = await fetchPage(`${site.origin}${path}`, { timeoutMs }).then(
      () => undefined,
      (e: unknown) => e,
    )
    t.type(error, SourceError, path)
    t.equal((error as SourceError).source, `${site.origin}${path}`)
    return (error as SourceError).reason
  }
  t.equal(await reason('/gone.html'), 'HTTP 404 Not Found')
  const started = Date.now()
  t.equal(await reason('/slow.html', 300), 'no complete answer within 300 ms (timeout)')
  t.ok(Date.now() - started < 2000, 'the timeout is kept')
  t.equal(await reason('/a.html'), `redirect loop: ${site.origin}/a.html -> ${site.origin}/b.html -> ${site.origin}/a.html`)
  const pdf = await readPlanUrl(`${site.origin}/pdf`, 2000).catch((e: SourceError) => e.message)
  t.equal(pdf, `${site.origin}/pdf: not a web page or a text (Content-Type application/pdf)`)

})

t.test('offline: nothing answers at the address', async (t) => {
  const site = await startSite(t)
  await site.close() // a port that was just free, with no connection kept to it
  const error = await fetchPage(`${site.origin}/page.html`, { timeoutMs: 2000 }).catch((e: SourceError) => e)
  t.match(error, { source: `${site.origin}/page.html`, reason: 'connection refused (ECONNREFUSED)' })
})
