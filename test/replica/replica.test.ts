// Replicas: a snapshot is served only once verified; a replica app reads it
// read-only, refuses writes with 403 and names its snapshot in /healthz; a bad
// snapshot never replaces a good one, and a good new one is seen at once; the
// served file is in WAL mode, its WAL checkpointed and reused.
import { copyFileSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { setTimeout } from 'node:timers/promises'
import Database from 'better-sqlite3'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { restoreSnapshot } from '../../src/replica/restore.js'
import { verifySnapshot } from '../../src/replica/snapshot.js'
import { NoSnapshotError, openSnapshotSource } from '../../src/replica/source.js'
import { checkpoint } from '../../src/replica/wal.js'
import { getJson, tempDir } from '../helper.js'
import { makeSnapshot } from './snapshots.js'

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** A log that keeps its entries. */
function memoryLog() {
  const entries: { level: string; message: string; object: Record<string, unknown> }[] = []
  const at = (level: string) => (object: object, message: string) => void entries.push({ level, message, object: object as Record<string, unknown> })
  return { entries, info: at('info'), warn: at('warn'), error: at('error') }
}

/** An HTTP server whose one file can be swapped, standing in for the writer's /downloads/ward-plans.sqlite. */
async function snapshotServer(t: { teardown(fn: () => unknown): void }) {
  let body: Buffer = Buffer.alloc(0)
  const server = createServer((request, response) => {
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304).end()
    response.writeHead(200, { etag, 'content-type': 'application/vnd.sqlite3' }).end(body)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => server.close())
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/downloads/ward-plans.sqlite`, serve: (bytes: Buffer) => void (body = bytes) }
}

t.test('a published snapshot holds the data alone; restored, it has what serving needs', async (t) => {
  const dir = tempDir(t, 'restore')
  const published = makeSnapshot(dir, 'published')
  const tablesOf = (path: string) => {
    const sqlite = new Database(path, { readonly: true })
    const names = sqlite.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all() as string[]
    sqlite.close()
    return names
  }
  const before = tablesOf(published)
  t.notOk(before.some((name) => /^(search_entries|__drizzle_migrations|content_version|page_fetches)/.test(name)), 'no index, journal, token or sync state')
  t.ok(['plans', 'initiatives', 'dataset_metadata'].every((name) => before.includes(name)))
  t.match(verifySnapshot(published), { ok: false, reason: /tables missing: .*search_entries/ }, 'not servable as published')

  t.same(restoreSnapshot(published), { ok: true })
  t.ok(['search_entries', '__drizzle_migrations', 'content_version'].every((name) => tablesOf(published).includes(name)))
  t.equal(verifySnapshot(published).ok, true)
  const sqlite = new Database(published, { readonly: true })
  // The database the snapshot was made from (makeSnapshot keeps it beside): its index, entry by entry.
  const source = new Database(join(dir, 'published.db'), { readonly: true })
  const entries = 'select kind, entity_id, plan_id, organization_id, fiscal_year, title, body, title_grams, body_grams from search_entries order by entity_id'
  const restored = sqlite.prepare(entries).all()
  t.ok(restored.length > 20)
  t.same(restored, source.prepare(entries).all(), "the seed plan's texts are indexed again, as the import indexed them")
  source.close()
  t.equal(sqlite.prepare('select version from content_version').pluck().get(), sqlite.prepare("select value from dataset_metadata where key = 'data_version'").pluck().get(), 'at the version it was written from')
  sqlite.close()
  t.same(restoreSnapshot(published), { ok: true }, 'a second restore leaves it as it is')

  const older = makeSnapshot(dir, 'older')
  const metadata = new Database(older)
  metadata.prepare("update dataset_metadata set value = '3' where key = 'schema_migrations'").run()
  metadata.close()
  t.match(restoreSnapshot(older), { ok: false, reason: /^schema at migration 3, this server reads migration \d+$/ }, 'another schema is refused')
})

t.test('verifySnapshot accepts a restored snapshot and says why it refuses others', async (t) => {
  const dir = tempDir(t, 'verify')
  const good = makeSnapshot(dir, 'good')
  t.same(restoreSnapshot(good), { ok: true })
  const verdict = verifySnapshot(good)
  t.equal(verdict.ok, true)
  t.match(verdict, { importedAt: /^\d{4}-\d\d-\d\dT/ })

  const truncated = join(dir, 'truncated.sqlite')
  copyFileSync(good, truncated)
  truncateSync(truncated, Math.floor(readFileSync(good).length / 2))
  t.match(verifySnapshot(truncated), { ok: false, reason: /malformed|quick_check/ })

  const html = join(dir, 'error-page.sqlite')
  writeFileSync(html, '<html>502 Bad Gateway</html>'.repeat(200))
  t.same(verifySnapshot(html), { ok: false, reason: 'file is not a database' })

  const noIndex = join(dir, 'no-index.sqlite')
  copyFileSync(good, noIndex)
  const sqlite = new Database(noIndex)
  sqlite.exec('drop table search_entries')
  sqlite.close()
  t.same(verifySnapshot(noIndex), { ok: false, reason: 'tables missing: search_entries' })

  t.match(verifySnapshot(join(dir, 'absent.sqlite')), { ok: false, reason: /unable to open|does not exist/ })
})

t.test('a replica app serves its snapshot read-only', async (t) => {
  const dir = tempDir(t, 'replica-app')
  const path = makeSnapshot(dir, 'snapshot')
  const source = await openSnapshotSource({ path, refreshSeconds: 0, log: memoryLog() })
  // Served as it is, once restored.
  const before = sha256(path)
  const app = await buildApp({ databasePath: path, readOnly: true, snapshot: source.current, adminToken: 'a-token-of-sixteen-chars' })
  t.teardown(() => app.close())

  const plan = await getJson(app, '/v1/plans/asahi-2017')
  t.equal(plan.status, 200)
  t.equal(plan.body.id, 'asahi-2017')
  const graphql = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ plan(id: "asahi-2017") { id } }' } })
  t.same(graphql.json(), { data: { plan: { id: 'asahi-2017' } } }, 'GraphQL reads by POST')
  const search = await getJson(app, '/v1/search?q=城北公園')
  t.ok(search.body.data.some((hit: any) => hit.planId === 'asahi-2017'), 'search answers from the snapshot: its full-text index is in it')

  const health = await getJson(app, '/healthz')
  t.same(health.body, {
    status: 'ok',
    plans: 1,
    role: 'replica',
    snapshot: { sha256: before, importedAt: verifySnapshot(path).ok && (verifySnapshot(path) as { importedAt: string }).importedAt, source: path, loadedAt: source.current().loadedAt },
  })

  for (const [method, url] of [['POST', '/v1/plans'], ['DELETE', '/v1/plans/asahi-2017']] as const) {
    const response = await app.inject({ method, url, headers: { authorization: 'Bearer a-token-of-sixteen-chars', 'content-type': 'text/plain' }, payload: method === 'POST' ? 'x' : undefined })
    t.equal(response.statusCode, 403, `${method} ${url}`)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
    t.match(response.json(), { type: '/problems/writes-disabled', detail: /read-only replica/ })
  }
  t.equal(sha256(path), before, 'the snapshot file is unchanged')
  t.equal((await getJson(app, '/v1/plans/asahi-2017')).status, 200, 'the plan is still there')
})

t.test('SNAPSHOT_URL: a bad snapshot never replaces a good one; a good new one is served at once', async (t) => {
  const dir = tempDir(t, 'replica-url')
  const good = readFileSync(makeSnapshot(dir, 'good'))
  const newer = readFileSync(makeSnapshot(dir, 'newer', { empty: true }))
  const writer = await snapshotServer(t)
  const path = join(dir, 'served', 'ward-plans.sqlite')
  const log = memoryLog()
  const changes: string[] = []

  writer.serve(good.subarray(0, 4096 * 3))
  const refused = await openSnapshotSource({ path, url: writer.url, refreshSeconds: 0, log }).catch((error: unknown) => error)
  t.ok(refused instanceof NoSnapshotError, 'nothing to serve: a truncated first snapshot stops the start')
  t.match((refused as Error).message, /^the snapshot at http:.* was refused \(database disk image is malformed\) and .*served\/ward-plans.sqlite cannot be served: unable to open database file$/)

  writer.serve(good)
  const source = await openSnapshotSource({ path, url: writer.url, refreshSeconds: 0, log, onChange: (info) => changes.push(info.sha256) })
  t.teardown(() => source.close())
  const goodHash = createHash('sha256').update(good).digest('hex')
  t.match(source.current(), { sha256: goodHash, source: writer.url })
  const app = await buildApp({ databasePath: path, readOnly: true, snapshot: source.current })
  t.teardown(() => app.close())
  t.equal((await getJson(app, '/healthz')).body.plans, 1)

  t.equal(await source.refresh(), 'unchanged', 'the same snapshot again is a 304')

  writer.serve(Buffer.concat([good.subarray(0, 8192), Buffer.alloc(8192, 0xff), good.subarray(16384)]))
  t.equal(await source.refresh(), 'refused', 'a corrupt snapshot is refused')
  writer.serve(good.subarray(0, good.length - 1000))
  t.equal(await source.refresh(), 'refused', 'a truncated snapshot is refused')
  t.ok(log.entries.some((entry) => entry.level === 'error' && entry.message === 'snapshot refused; still serving the last good one' && typeof entry.object.reason === 'string'), 'with its reason logged')
  t.equal(source.current().sha256, goodHash, 'the good one is still the one served')
  t.same(verifySnapshot(path).ok, true)
  const health = await getJson(app, '/healthz')
  t.match(health.body, { plans: 1, role: 'replica', snapshot: { sha256: goodHash } })
  t.equal((await getJson(app, '/v1/plans/asahi-2017')).status, 200)

  writer.serve(newer)
  t.equal(await source.refresh(), 'replaced')
  const newerHash = createHash('sha256').update(newer).digest('hex')
  t.same(changes, [newerHash], 'workers would be told')
  t.match((await getJson(app, '/healthz')).body, { plans: 0, snapshot: { sha256: newerHash } }, 'the open app reads the new snapshot')

  // A restart whose download is refused serves the last good file it has.
  writer.serve(Buffer.from('not a database'))
  const restarted = await openSnapshotSource({ path, url: writer.url, refreshSeconds: 0, log })
  t.match(restarted.current(), { source: path, importedAt: null })
  t.ok(log.entries.some((entry) => entry.level === 'warn' && entry.message === 'serving the last good snapshot'))
})

t.test('a replica serves in WAL mode: its reads keep a snapshot while the next is copied in, and the WAL does not grow by a snapshot each time', async (t) => {
  const dir = tempDir(t, 'replica-wal')
  const big = readFileSync(makeSnapshot(dir, 'big'))
  const small = readFileSync(makeSnapshot(dir, 'small', { empty: true }))
  const writer = await snapshotServer(t)
  const path = join(dir, 'served', 'ward-plans.sqlite')
  mkdirSync(dirname(path))
  // The WAL of another file, as a process stopped without closing would leave it beside the path.
  const other = new Database(join(dir, 'other.db'))
  other.pragma('journal_mode = WAL')
  other.pragma('wal_autocheckpoint = 0')
  other.exec("create table plans (id text); insert into plans values ('stale')")
  copyFileSync(join(dir, 'other.db-wal'), `${path}-wal`)
  other.close()

  writer.serve(big)
  const source = await openSnapshotSource({ path, url: writer.url, refreshSeconds: 0, log: memoryLog() })
  t.teardown(() => source.close())
  const modeOf = () => {
    const sqlite = new Database(path, { readonly: true })
    const mode = sqlite.pragma('journal_mode', { simple: true })
    sqlite.close()
    return mode
  }
  t.equal(modeOf(), 'wal', 'the served file is put in WAL mode')
  const app = await buildApp({ databasePath: path, readOnly: true, snapshot: source.current })
  t.teardown(() => app.close())
  t.match((await getJson(app, '/healthz')).body, { status: 'ok', plans: 1 }, 'the snapshot, not the WAL left beside its path')
  t.equal(verifySnapshot(path).ok, true)
  t.ok(app.sqlite.inTransaction, "a request's reads are pinned to a snapshot")

  const walSizes: number[] = []
  for (const [bytes, plans] of [[small, 0], [big, 1], [small, 0], [big, 1]] as const) {
    writer.serve(bytes)
    t.equal(await source.refresh(), 'replaced')
    t.equal((await getJson(app, '/healthz')).body.plans, plans, 'the open app reads the new snapshot at once')
    t.equal(modeOf(), 'wal', 'and the file stays in WAL mode')
    t.same(checkpoint(path), { copied: true }, 'once readers are on the new snapshot, its WAL is copied in whole')
    walSizes.push(statSync(`${path}-wal`).size)
    // An idle reader lets its snapshot go after a second; the next copy then writes the WAL from its start.
    await setTimeout(1100)
  }
  t.equal(walSizes[3], walSizes[1], `the WAL is written again from its start, not grown (${walSizes.join(', ')} bytes)`)
})
