// GET /v1/meta: what the dataset is, where it comes from, how fresh and how big, and what of the catalogue it covers.
import type { FastifyInstance } from 'fastify'
import { type CityAttribution, type DatasetInfo, cityAttributions, combinedAttribution } from '../dataset-info.js'
import type { OrganizationCoverage } from '../services/catalogue.js'
import { type PlanSource, datasetCounts, datasetCoverage, lastImportedAt, planSources } from '../services/dataset.js'
import { dcatCatalog } from './dcat.js'
import { representationOf } from './negotiation.js'

export interface DatasetMeta extends DatasetInfo {
  attributions: CityAttribution[]
  sources: readonly PlanSource[]
  coverage: readonly OrganizationCoverage[]
  lastImportedAt: string | null
  counts: ReturnType<typeof datasetCounts>
  downloads: { name: string; description: string; url: string; contentType: string; bytes: number; etag: string }[]
}

export function datasetMeta(app: FastifyInstance, dataset: DatasetInfo): DatasetMeta {
  const sources = planSources(app.db)
  return {
    ...dataset,
    attribution: combinedAttribution(dataset.attribution, sources),
    attributions: cityAttributions(dataset.attribution, sources),
    sources,
    coverage: datasetCoverage(app.db),
    lastImportedAt: lastImportedAt(app.db),
    counts: datasetCounts(app.db),
    downloads: (app.downloadManifest()?.files ?? []).map((f) => ({ ...f, url: `/downloads/${f.name}` })),
  }
}

export default async function metaRoutes(app: FastifyInstance, options: { dataset: DatasetInfo }) {
  app.get(
    '/meta',
    {
      schema: {
        tags: ['service'],
        operationId: 'datasetMeta',
        summary: 'The dataset: licence, sources, coverage of the catalogue, last import, counts, downloads',
        description:
          'What the dataset is (title, publisher, licence and the attribution owed to each city), the source pages its plans were read from, how much of the catalogue of known plan pages is loaded, the time of the last import, row counts, and the bulk downloads with their sizes and ETags. JSON by default; with Accept: application/ld+json, a DCAT catalogue (dcat:Catalog with its dcat:Dataset, distributions and the API as a dcat:DataService) of the same values.',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
        response: {
          200: {
            description: 'Dataset metadata.',
            content: {
              'application/json': { schema: { $ref: 'DatasetMeta#' } },
              'application/ld+json': { schema: { type: 'object', additionalProperties: true, description: 'JSON-LD in the DCAT vocabulary.' } },
            },
          },
        },
      },
    },
    async (request, reply) => {
      reply.header('vary', 'Accept')
      const meta = datasetMeta(app, options.dataset)
      if (representationOf(request) !== 'ld+json') return meta
      return reply.type('application/ld+json; charset=utf-8').send(JSON.stringify(dcatCatalog(meta, (app.publicUrl ?? '').replace(/\/+$/, ''))))
    },
  )
}
