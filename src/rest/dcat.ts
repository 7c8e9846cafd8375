// The dataset in the DCAT vocabulary (W3C Data Catalog), from GET /v1/meta's
// values alone: the landing page embeds the dataset, and /v1/meta answers the
// catalogue around it to Accept: application/ld+json.
import type { DatasetMeta } from './meta.js'

const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const

/** IANA's page of a media type: what DCAT asks dcat:mediaType to name. */
const mediaType = (contentType: string) => ({ '@id': `https://www.iana.org/assignments/media-types/${contentType.split(';')[0]!.trim()}` })

const date = (value: string) => ({ '@value': value, '@type': 'xsd:date' })

/** The fiscal years the plans cover: a Japanese fiscal year runs from 1 April to 31 March of the next year. */
function temporal(meta: DatasetMeta) {
  const years = meta.sources.map((s) => s.fiscalYear)
  if (years.length === 0) return {}
  return { 'dct:temporal': { '@type': 'dct:PeriodOfTime', 'dcat:startDate': date(`${Math.min(...years)}-04-01`), 'dcat:endDate': date(`${Math.max(...years) + 1}-03-31`) } }
}

/** The cities whose plans are in the data. */
function spatial(meta: DatasetMeta) {
  if (meta.attributions.length === 0) return {}
  return { 'dct:spatial': meta.attributions.map((a) => ({ '@type': 'dct:Location', 'skos:prefLabel': { '@value': a.city, '@language': 'ja' } })) }
}

const publisher = (meta: DatasetMeta) => ({ '@type': 'foaf:Agent', 'foaf:name': meta.publisher })

/** The dataset, with its context. `base` prefixes links: the public URL without its trailing slash, or '' for relative links. */
export function dcatDataset(meta: DatasetMeta, base: string) {
  const sourceUrls = meta.sources.map((s) => s.url).filter((u): u is string => u !== null)
  return {
    '@context': CONTEXT,
    '@id': `${base}/v1/meta#dataset`,
    '@type': 'dcat:Dataset',
    'dct:title': meta.title,
    'dct:description': meta.description,
    'dct:publisher': publisher(meta),
    'dct:license': { '@id': meta.license.url },
    'dct:rights': meta.attribution,
    ...(meta.lastImportedAt === null ? {} : { 'dct:modified': { '@value': meta.lastImportedAt, '@type': 'xsd:dateTime' } }),
    ...temporal(meta),
    ...spatial(meta),
    'dct:source': sourceUrls.map((u) => ({ '@id': u })),
    'dct:language': 'ja',
    'dcat:landingPage': { '@id': `${base}/` },
    'dcat:distribution': meta.downloads.map((d) => ({
      '@type': 'dcat:Distribution',
      'dct:title': d.name,
      'dct:description': d.description,
      'dct:license': { '@id': meta.license.url },
      'dcat:accessURL': { '@id': `${base}${d.url}` },
      'dcat:downloadURL': { '@id': `${base}${d.url}` },
      'dcat:mediaType': mediaType(d.contentType),
      'dcat:byteSize': d.bytes,
    })),
  }
}

/** The catalogue /v1/meta describes: the dataset, and the API that serves it. */
export function dcatCatalog(meta: DatasetMeta, base: string) {
  const { '@context': context, ...dataset } = dcatDataset(meta, base)
  return {
    '@context': context,
    '@id': `${base}/v1/meta`,
    '@type': 'dcat:Catalog',
    'dct:title': meta.title,
    'dct:description': meta.description,
    'dct:publisher': publisher(meta),
    'dct:license': { '@id': meta.license.url },
    ...(dataset['dct:modified'] ? { 'dct:modified': dataset['dct:modified'] } : {}),
    'foaf:homepage': { '@id': `${base}/` },
    'dcat:dataset': [dataset],
    'dcat:service': [
      {
        '@type': 'dcat:DataService',
        'dct:title': `${meta.title}: REST API`,
        'dcat:endpointURL': { '@id': `${base}/v1` },
        'dcat:endpointDescription': { '@id': `${base}/openapi.json` },
        'dcat:servesDataset': { '@id': dataset['@id'] },
      },
    ],
  }
}
