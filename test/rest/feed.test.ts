// /feed.xml: an Atom feed (RFC 4287) with one entry per plan added, replaced
// or deleted, newest first, each linking the plan's page and JSON document.
import { readFileSync } from 'node:fs'
import { DomUtils, parseDocument } from 'htmlparser2'
import type { Element } from 'domhandler'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { deletePlan } from '../../src/importer/delete-plan.js'
import { importPlans } from '../../src/importer/import-plans.js'
import { parsePlan } from '../../src/plans/parse.js'
import { SEED_PLAN, SEED_PLAN_DIR, build, getJson } from '../helper.js'

const ATOM = 'http://www.w3.org/2005/Atom'

/** The feed parsed as XML: its own elements and its entries, each with the texts and links an Atom reader uses. */
function readFeed(xml: string) {
  const document = parseDocument(xml, { xmlMode: true })
  const feed = DomUtils.findOne((e) => e.name === 'feed', document.children)!
  const child = (parent: Element, name: string) => DomUtils.getChildren(parent).find((c): c is Element => (c as Element).name === name)
  const text = (parent: Element, name: string) => {
    const element = child(parent, name)
    return element ? DomUtils.textContent(element) : undefined
  }
  const links = (parent: Element) => DomUtils.getChildren(parent).filter((c): c is Element => (c as Element).name === 'link').map((l) => l.attribs)
  const entries = DomUtils.getChildren(feed).filter((c): c is Element => (c as Element).name === 'entry')
  return {
    namespace: feed.attribs.xmlns,
    id: text(feed, 'id'),
    title: text(feed, 'title'),
    updated: text(feed, 'updated'),
    author: child(feed, 'author') && text(child(feed, 'author')!, 'name'),
    links: links(feed),
    entries: entries.map((entry) => ({
      id: text(entry, 'id'),
      title: text(entry, 'title'),
      updated: text(entry, 'updated'),
      kind: child(entry, 'category')?.attribs.term,
      links: links(entry),
    })),
  }
}

t.test('the feed has the seed plan as added, with links to its page and JSON', async (t) => {
  const app = await build(t)
  const response = await app.inject({ url: '/feed.xml' })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'application/atom+xml; charset=utf-8')
  const { updatedAt, title } = (await getJson(app, '/v1/plans/asahi-2017')).body
  t.equal(response.headers['last-modified'], new Date(updatedAt).toUTCString())
  const feed = readFeed(response.body)
  t.equal(feed.namespace, ATOM, 'an Atom document')
  t.equal(feed.id, 'urn:ward-plans:feed', 'without PUBLIC_URL the feed id is a URN')
  t.equal(feed.title, '大阪市 区・局運営方針データ (ward-plans): imports')
  t.equal(feed.updated, updatedAt, 'updated: the newest entry')
  t.equal(feed.author, 'ward-plans')
  t.same(feed.links, [{ rel: 'self', type: 'application/atom+xml', href: '/feed.xml' }])
  t.same(feed.entries, [
    {
      id: 'urn:ward-plans:feed#event-1',
      title: `${title} (asahi-2017): added`,
      updated: updatedAt,
      kind: 'added',
      links: [
        { rel: 'alternate', type: 'text/html', href: '/plans/asahi-2017' },
        { rel: 'alternate', type: 'application/json', href: '/v1/plans/asahi-2017' },
      ],
    },
  ])
  t.equal((await app.inject({ url: '/plans/asahi-2017' })).statusCode, 200, 'the page link answers')
})

t.test('a replacement and a deletion are entries, newest first; an identical re-import is none', async (t) => {
  const app = await build(t)
  const plan = parsePlan(readFileSync(SEED_PLAN, 'utf8'), 'asahi-2017.txt')
  importPlans(app.writer, [{ plan }])
  t.same(readFeed((await app.inject({ url: '/feed.xml' })).body).entries.map((e) => e.kind), ['added'], 'the same content again records nothing')
  importPlans(app.writer, [{ plan: { ...plan, policy: `${plan.policy}(改訂)` } }])
  deletePlan(app.writer, 'asahi-2017')
  const feed = readFeed((await app.inject({ url: '/feed.xml' })).body)
  t.same(
    feed.entries.map((e) => [e.kind, e.title]),
    [
      ['deleted', '平成29年度 旭区運営方針 (asahi-2017): deleted'],
      ['replaced', '平成29年度 旭区運営方針 (asahi-2017): replaced'],
      ['added', '平成29年度 旭区運営方針 (asahi-2017): added'],
    ],
    'a deleted plan keeps its title in the feed',
  )
  t.ok(feed.entries[0].updated! >= feed.entries[1].updated!, 'newest first')
  t.equal(feed.updated, feed.entries[0].updated)
  t.equal(new Set(feed.entries.map((e) => e.id)).size, 3, 'each entry its own id')
})

t.test('a failed import records nothing: events are written in the import transaction', async (t) => {
  const app = await build(t)
  const plan = parsePlan(readFileSync(SEED_PLAN, 'utf8'), 'asahi-2017.txt')
  const changed = { ...plan, policy: 'changed' }
  const broken = { ...plan, id: 'broken-2017' } // its parts' ids collide with asahi-2017's
  t.throws(() => importPlans(app.writer, [{ plan: changed }, { plan: broken }]))
  t.same(readFeed((await app.inject({ url: '/feed.xml' })).body).entries.map((e) => e.kind), ['added'])
})

t.test('with PUBLIC_URL every link is absolute on it; Host is never used', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR, publicUrl: 'https://plans.example.org/api/' })
  t.teardown(() => app.close())
  const feed = readFeed((await app.inject({ url: '/feed.xml', headers: { host: 'evil.example' } })).body)
  t.equal(feed.id, 'https://plans.example.org/api/feed.xml')
  t.same(feed.links, [{ rel: 'self', type: 'application/atom+xml', href: 'https://plans.example.org/api/feed.xml' }])
  t.same(
    feed.entries[0].links.map((l) => l.href),
    ['https://plans.example.org/api/plans/asahi-2017', 'https://plans.example.org/api/v1/plans/asahi-2017'],
  )
})
