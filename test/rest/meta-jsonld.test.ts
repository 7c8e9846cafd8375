// GET /v1/meta answers Accept: application/ld+json with a DCAT catalogue of
// the same values as its JSON, which a JSON-LD processor expands.
import jsonld from 'jsonld'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { SEED_PLAN_DIR, tempDir } from '../helper.js'

const DCAT = 'http://www.w3.org/ns/dcat#'
const DCT = 'http://purl.org/dc/terms/'

t.test('/v1/meta as JSON-LD: a dcat:Catalog of the dataset, its downloads and the API', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR, downloadsDir: tempDir(t, 'meta-ld'), publicUrl: 'https://data.example.jp/ward-plans/' })
  t.teardown(() => app.close())
  await app.ready()
  const meta = (await app.inject({ url: '/v1/meta' })).json()
  const answer = await app.inject({ url: '/v1/meta', headers: { accept: 'application/ld+json' } })
  t.equal(answer.statusCode, 200)
  t.equal(answer.headers['content-type'], 'application/ld+json; charset=utf-8')
  t.match(answer.headers.vary, /Accept/)
  const catalog = answer.json()
  t.equal(catalog['@type'], 'dcat:Catalog')
  t.equal(catalog['@id'], 'https://data.example.jp/ward-plans/v1/meta')
  t.equal(catalog['dct:title'], '大阪市 区・局運営方針データ (ward-plans)')
  const [dataset] = catalog['dcat:dataset']
  t.equal(dataset['@type'], 'dcat:Dataset')
  t.equal(dataset['dct:title'], meta.title)
  t.equal(dataset['dct:description'], meta.description)
  t.same(dataset['dct:license'], { '@id': 'https://creativecommons.org/licenses/by/4.0/deed.ja' })
  t.same(dataset['dct:publisher'], { '@type': 'foaf:Agent', 'foaf:name': 'ward-plans' })
  t.same(dataset['dct:modified'], { '@value': meta.lastImportedAt, '@type': 'xsd:dateTime' })
  t.same(dataset['dct:temporal'], { '@type': 'dct:PeriodOfTime', 'dcat:startDate': { '@value': '2017-04-01', '@type': 'xsd:date' }, 'dcat:endDate': { '@value': '2018-03-31', '@type': 'xsd:date' } }, 'FY2017: April 2017 to March 2018')
  t.same(dataset['dct:spatial'], [{ '@type': 'dct:Location', 'skos:prefLabel': { '@value': '大阪市', '@language': 'ja' } }])
  t.same(dataset['dct:source'], [{ '@id': 'https://www.city.osaka.lg.jp/asahi/page/0000397263.html' }])
  t.equal(dataset['dcat:distribution'].length, meta.downloads.length)
  t.ok(meta.downloads.length >= 12, `${meta.downloads.length} downloads`)
  const csv = dataset['dcat:distribution'].find((d: any) => d['dct:title'] === 'initiatives.csv')
  const csvMeta = meta.downloads.find((d: any) => d.name === 'initiatives.csv')
  t.same(csv['dcat:downloadURL'], { '@id': 'https://data.example.jp/ward-plans/downloads/initiatives.csv' })
  t.same(csv['dcat:mediaType'], { '@id': 'https://www.iana.org/assignments/media-types/text/csv' })
  t.equal(csv['dcat:byteSize'], csvMeta.bytes)
  t.same(catalog['dcat:service'][0]['dcat:endpointURL'], { '@id': 'https://data.example.jp/ward-plans/v1' })

  // A JSON-LD processor reads it (the context is inline: nothing is fetched).
  const expanded = await jsonld.expand(catalog, { documentLoader: async (url) => Promise.reject(new Error(`no fetching ${url}`)) })
  t.equal(expanded.length, 1)
  const [node] = expanded as any[]
  t.same(node['@type'], [`${DCAT}Catalog`])
  const expandedDataset = node[`${DCAT}dataset`][0]
  t.same(expandedDataset[`${DCT}title`], [{ '@value': meta.title }])
  t.same(expandedDataset[`${DCT}temporal`][0][`${DCAT}startDate`], [{ '@value': '2017-04-01', '@type': 'http://www.w3.org/2001/XMLSchema#date' }])
  const downloads = expandedDataset[`${DCAT}distribution`].map((d: any) => d[`${DCAT}downloadURL`][0]['@id'])
  t.ok(downloads.includes('https://data.example.jp/ward-plans/downloads/plans.json'))

  // The JSON is unchanged, and the two are cached apart.
  const again = await app.inject({ url: '/v1/meta' })
  t.match(again.headers['content-type'], /^application\/json/)
  t.same(again.json(), meta)
})

t.test('the landing page embeds the same dcat:Dataset', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR })
  t.teardown(() => app.close())
  const page = await app.inject({ url: '/' })
  const blocks = [...page.body.matchAll(/<script type="application\/ld\+json">\n([\s\S]*?)\n<\/script>/g)].map((m) => JSON.parse(m[1]!))
  const catalog = (await app.inject({ url: '/v1/meta', headers: { accept: 'application/ld+json' } })).json()
  const { '@context': _context, ...embedded } = blocks[1]
  t.same(embedded, catalog['dcat:dataset'][0])
})

t.test('JSON-LD or JSON by the weights Accept gives them', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR, downloadsDir: tempDir(t, 'meta-ld-q') })
  t.teardown(() => app.close())
  const typeFor = async (accept: string) => String((await app.inject({ url: '/v1/meta', headers: { accept } })).headers['content-type']).split(';')[0]
  t.equal(await typeFor('application/ld+json'), 'application/ld+json')
  t.equal(await typeFor('application/ld+json, application/json'), 'application/ld+json', 'named alike: JSON-LD')
  t.equal(await typeFor('application/json, application/ld+json;q=0.5'), 'application/json', 'JSON weighed above')
  t.equal(await typeFor('application/ld+json;q=0.1, application/json'), 'application/json')
  t.equal(await typeFor('application/ld+json;q=0, */*'), 'application/json', 'refused')
  t.equal(await typeFor('application/ld+json;q=0.9, application/json;q=0.5'), 'application/ld+json')
  t.equal(await typeFor('*/*'), 'application/json')
})

t.test('problem types: JSON for a script that weighs JSON above HTML, the page for a browser', async (t) => {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_PLAN_DIR })
  t.teardown(() => app.close())
  const typeFor = async (accept: string) => String((await app.inject({ url: '/problems/not-found', headers: { accept } })).headers['content-type']).split(';')[0]
  t.equal(await typeFor('application/json'), 'application/json')
  t.equal(await typeFor('application/json, text/html;q=0.5'), 'application/json')
  t.equal(await typeFor('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'), 'text/html', "a browser's")
  t.equal(await typeFor('application/json;q=0.5, text/html'), 'text/html')
  t.equal(await typeFor('application/json;q=0, text/html'), 'text/html', 'JSON refused: the page')
})
