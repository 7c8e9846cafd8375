// GET /v1/meta: what the dataset is, where it comes from, how fresh and how big.
import type { FastifyInstance } from 'fastify'
import type { DatasetInfo } from '../dataset-info.js'
import { datasetCounts, lastImportedAt, planSources } from '../services/dataset.js'

export interface DatasetMeta extends DatasetInfo {
  sources: ReturnType<typeof planSources>
  lastImportedAt: string | null
  counts: ReturnType<typeof datasetCounts>
  downloads: { name: string; description: string; url: string; contentType: string; bytes: number; etag: string }[]
}

export function datasetMeta(app: FastifyInstance, dataset: DatasetInfo): DatasetMeta {
  return {
    ...dataset,
    sources: planSources(app.db),
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
        summary: 'The dataset: licence, sources, last import, counts, downloads',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
        response: { 200: { description: 'Dataset metadata.', content: { 'application/json': { schema: { $ref: 'DatasetMeta#' } } } } },
      },
    },
    async () => datasetMeta(app, options.dataset),
  )
}
