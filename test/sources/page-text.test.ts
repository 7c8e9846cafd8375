// HTML pages -> plan text: block structure kept as lines, the site's furniture
// left out, the charset found, the canonical link as the source; and a plan
// page in UTF-8, Shift_JIS or EUC-JP reads as the same plan as its text.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { parsePlan } from '../../src/plans/parse.js'
import { SourceError } from '../../src/sources/errors.js'
import { canonicalUrl, htmlToText } from '../../src/sources/html-to-text.js'
import { planTextOf } from '../../src/sources/page-text.js'
import { SEED_PLAN } from '../helper.js'
import { SEED_FACTS, encodePage, planPage, seedFacts, seedPlanAt } from './plan-page.js'

const seedText = readFileSync(SEED_PLAN, 'utf8')
const CANONICAL = 'https://www.city.osaka.lg.jp/asahi/page/0000397263.html'


t.test('block elements, <br>, list items and table rows each start a line', async (t) => {
  const text = htmlToText(`<html><body>
    <h1>Heading Stays As Written</h1><p>one<br>two</p><div>three <span>same line</span> <a href="/x">link</a></div>
    <ul><li>item a</li><li>item b</li></ul><ol><li>first</li><li>second</li></ol>
    <table><tr><th>電話</th><td>06-1234-5678</td></tr><tr><td><p>cell para 1</p><p>cell para 2</p></td></tr></table>
    <p>&nbsp;</p><p>a&amp;b <img src="x.png" alt="picture"></p>
  </body></html>`)
  t.same(text.split('\n'), [
    'Heading Stays As Written', 'one', 'two', 'three same line link',
    'item a', 'item b', ' 1. first', ' 2. second',
    '電話\t06-1234-5678', 'cell para 1', 'cell para 2',
    '', 'a&b',
  ])
})

t.test("the site's furniture is left out, the content's own header and footer are kept", async (t) => {
  const text = htmlToText(`<html><head><title>title</title><style>p{}</style><script>var x = 1</script></head><body>
    <header><p>site banner</p></header><nav><ul><li>menu</li></ul></nav><div role="navigation">menu 2</div>
    <div id="pankuzu"><a href="/">トップ</a> &gt; here</div><ol class="breadcrumbs"><li>crumb</li></ol>
    <form role="search"><label>サイト内検索</label><input name="q"><button>検索</button></form>
    <div class="with-breadcrumbs-layout"><main><article><header><p>article header</p></header><p>body</p><div hidden>hidden</div><span aria-hidden="true">icon</span>
    <footer><p>article footer</p></footer></article></main></div>
    <noscript>enable JavaScript</noscript><aside><p>related pages</p></aside><footer><p>site footer</p></footer>
  </body></html>`)
  t.same(text.split('\n'), ['article header', 'body', 'article footer'], 'a wrapper whose class only mentions breadcrumbs stays')
})

t.test('the canonical link, resolved and checked', async (t) => {
  t.equal(canonicalUrl(`<head><link rel="canonical" href="${CANONICAL}"></head>`), CANONICAL)
  t.equal(canonicalUrl('<head><link rel="Canonical alternate" href="/asahi/page/1.html"></head>', 'https://www.city.osaka.lg.jp/x'), 'https://www.city.osaka.lg.jp/asahi/page/1.html')
  t.equal(canonicalUrl('<head><link rel="canonical" href="/relative.html"></head>'), null, 'relative with nothing to resolve against')
  t.equal(canonicalUrl('<head><link rel="canonical" href="javascript:alert(1)"></head>'), null)
  t.equal(canonicalUrl('<head><link rel="stylesheet" href="https://x.jp/a.css"></head>'), null)
})

t.test('charset: the HTTP header, <meta charset> or <meta http-equiv>; UTF-8 when none', async (t) => {
  const body = '<p>旭区運営方針</p>'
  const html = (head: string) => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`
  const read = (bytes: Uint8Array, contentType: string | null) => planTextOf({ bytes, contentType, url: null, name: 'page' }).text
  t.equal(read(encodePage(html(''), 'shift_jis'), 'text/html; charset=Shift_JIS'), '旭区運営方針', 'header only')
  t.equal(read(encodePage(html('<meta charset="shift_jis">'), 'shift_jis'), 'text/html'), '旭区運営方針', '<meta charset> only')
  t.equal(read(encodePage(html('<meta http-equiv="Content-Type" content="text/html; charset=EUC-JP">'), 'euc-jp'), null), '旭区運営方針', 'http-equiv, saved page')
  t.equal(read(encodePage(html(`<script>${'var x;'.repeat(1000)}</script><meta charset="shift_jis">`), 'shift_jis'), null), '旭区運営方針', '<meta charset> after a long <head>')
  t.equal(read(encodePage(html(''), 'utf-8'), null), '旭区運営方針', 'nothing declared: UTF-8')
  t.throws(() => read(encodePage(html(''), 'shift_jis'), 'text/html; charset=utf-8'), new SourceError('page', 'the bytes are not valid utf-8 (wrong charset declared?)'), 'mis-declared bytes are refused, not stored garbled')
  t.throws(() => read(encodePage(html(''), 'utf-8'), 'application/pdf'), SourceError, 'not a page')
})

t.test('a plan page reads as the same plan document as its text', async (t) => {
  const fromText = seedPlanAt(seedText, CANONICAL)
  t.same(seedFacts(fromText), SEED_FACTS)
  t.same({ ...fromText, sourceUrl: null }, parsePlan(seedText), 'the source line changes nothing but the source')
  for (const encoding of ['utf-8', 'shift_jis', 'euc-jp']) {
    const bytes = encodePage(planPage(seedText, { metaCharset: encoding, canonical: CANONICAL }), encoding)
    const { text, sourceUrl } = planTextOf({ bytes, contentType: null, url: null, name: 'saved.html' })
    t.equal(sourceUrl, CANONICAL, `${encoding}: the canonical link is the source`)
    t.ok(text.startsWith(`source: ${CANONICAL}\n`), 'in the text format the parser reads')
    const fromPage = parsePlan(text)
    t.equal(fromPage.sourceUrl, CANONICAL)
    t.same(fromPage, fromText, `${encoding}: the same plan document as the text`)
    t.same(seedFacts(fromPage), SEED_FACTS)
  }
})

t.test('a saved page without a canonical link has no source; plain text passes through', async (t) => {
  const bytes = encodePage(planPage(seedText, { metaCharset: 'utf-8' }), 'utf-8')
  t.equal(planTextOf({ bytes, contentType: null, url: null, name: 'saved.html' }).sourceUrl, null)
  const fetched = planTextOf({ bytes: Buffer.from(seedText), contentType: 'text/plain; charset=utf-8', url: 'http://127.0.0.1/x.txt', name: 'x' })
  t.equal(fetched.text, `source: http://127.0.0.1/x.txt\n${seedText}`, 'a fetched text gets the address it came from')
})
