// GET /v1/meta: what the dataset is, where it comes from, how fresh and how big.
import type { FastifyInstance } from 'fastify'
import type { DatasetInfo } from '../dataset-info.js'
import { datasetCounts, lastImportedAt, planSources } from '../services/dataset.js'

export const DatasetMetaSchema = {
  $id: 'DatasetMeta',
  type: 'object',
  description: 'The dataset described: title, publisher, licence, sources, freshness, counts and downloads (DCAT names in comments of the landing page JSON-LD).',
  required: ['title', 'description', 'publisher', 'license', 'attribution', 'sources', 'lastImportedAt', 'counts', 'downloads'],
  additionalProperties: false,
  properties: {
    title: { type: 'string' },
    description: { type: 'string' },
    publisher: { type: 'string' },
    license: { type: 'object', required: ['name', 'url'], additionalProperties: false, properties: { name: { type: 'string' }, url: { type: 'string', format: 'uri' } } },
    attribution: { type: 'string', description: 'The credit to show with the data (出典).' },
    sources: {
      type: 'array',
      description: 'The published page each plan was read from.',
      items: {
        type: 'object',
        required: ['planId', 'title', 'organizationName', 'fiscalYear', 'url'],
        additionalProperties: false,
        properties: {
          planId: { type: 'string' },
          title: { type: ['string', 'null'] },
          organizationName: { type: 'string' },
          fiscalYear: { type: 'integer' },
          url: { type: ['string', 'null'], format: 'uri' },
        },
      },
    },
    lastImportedAt: { type: ['string', 'null'], format: 'date-time' },
    counts: {
      type: 'object',
      required: ['organizations', 'plans', 'issues', 'strategies', 'initiatives', 'budgetedInitiatives', 'budgetTotalYen'],
      additionalProperties: false,
      properties: {
        organizations: { type: 'integer' },
        plans: { type: 'integer' },
        issues: { type: 'integer' },
        strategies: { type: 'integer' },
        initiatives: { type: 'integer' },
        budgetedInitiatives: { type: 'integer' },
        budgetTotalYen: { type: ['integer', 'null'] },
      },
    },
    downloads: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'description', 'url', 'contentType', 'bytes', 'etag'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          description: { type: 'string' },
          url: { type: 'string' },
          contentType: { type: 'string' },
          bytes: { type: 'integer' },
          etag: { type: 'string' },
        },
      },
    },
  },
} as const

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
