// Host header poisoning: no answer (cached for everyone) takes its links from
// the request's Host or X-Forwarded-Host; absolute links come from PUBLIC_URL.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { SEED_DIR } from '../helper.js'

const ATTACKER = { host: 'attacker.example', 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'https', forwarded: 'host=attacker.example' }

async function build(t: { teardown(fn: () => unknown): void }, publicUrl?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ward-plans-host-'))
  const app = await buildApp({ databasePath: join(dir, 'plans.db'), seedDir: SEED_DIR, downloadsDir: join(dir, 'downloads'), publicUrl })
  await app.ready()
  t.teardown(() => app.close())
  return app
}

/** The JSON-LD blocks of the landing page. */
function structuredData(html: string): any[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!))
}

t.test('without PUBLIC_URL the landing page links relatively, whatever Host says', async (t) => {
  const app = await build(t)
  const poisoned = await app.inject({ url: '/', headers: ATTACKER })
  t.equal(poisoned.statusCode, 200)
  t.notMatch(poisoned.body, /attacker\.example/, 'the attacker host appears nowhere')
  const [schemaOrg, dcat] = structuredData(poisoned.body)
  t.equal(schemaOrg.url, '/')
  t.ok(schemaOrg.distribution.length >= 12)
  for (const d of schemaOrg.distribution) t.match(d.contentUrl, /^\/downloads\/[\w.-]+$/, `${d.name}: relative`)
  for (const d of dcat['dcat:distribution']) t.match(d['dcat:downloadURL']['@id'], /^\/downloads\//)
  const visitor = await app.inject({ url: '/', headers: { host: 'wardplans.example' } })
  t.equal(visitor.body, poisoned.body, 'every visitor gets the same page')
})

t.test('with PUBLIC_URL, absolute links start with it, and the cached copy too', async (t) => {
  const app = await build(t, 'https://data.example.jp/ward-plans/')
  for (const headers of [ATTACKER, { host: 'localhost' }, {}]) {
    const page = await app.inject({ url: '/', headers })
    t.notMatch(page.body, /attacker\.example|localhost/)
    const [schemaOrg, dcat] = structuredData(page.body)
    t.equal(schemaOrg.url, 'https://data.example.jp/ward-plans/')
    t.equal(schemaOrg.distribution[0].contentUrl, `https://data.example.jp/ward-plans/downloads/${schemaOrg.distribution[0].name}`)
    t.ok(dcat['dcat:distribution'].every((d: any) => d['dcat:downloadURL']['@id'].startsWith('https://data.example.jp/ward-plans/downloads/')))
  }
})

t.test('no other answer echoes the Host either', async (t) => {
  const app = await build(t)
  for (const url of ['/v1/meta', '/openapi.json', '/docs/', '/docs/swagger-initializer.js', '/graphiql', '/v1/plans', '/v1/nope', '/downloads/plans.json']) {
    const response = await app.inject({ url, headers: ATTACKER })
    t.notMatch(response.body, /attacker\.example/, `${url} (${response.statusCode})`)
    t.notMatch(JSON.stringify(response.headers), /attacker\.example/, `${url}: headers`)
  }
})

t.test('PUBLIC_URL is an http(s) URL', async (t) => {
  t.equal(loadConfig({}).PUBLIC_URL, undefined, 'optional')
  t.equal(loadConfig({ PUBLIC_URL: 'https://data.example.jp/ward-plans' }).PUBLIC_URL, 'https://data.example.jp/ward-plans')
  t.equal(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:3000' }).PUBLIC_URL, 'http://10.0.0.5:3000')
  for (const bad of ['javascript:alert(1)', 'data.example.jp', 'ftp://data.example.jp', 'https://', 'https://a b', 'https://user@evil.example', 'https://x.example/?q=1', 'https://x.example/#top']) {
    t.throws(() => loadConfig({ PUBLIC_URL: bad }), /PUBLIC_URL/, bad)
  }
})
