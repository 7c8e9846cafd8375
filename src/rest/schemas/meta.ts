// The schema of GET /v1/meta.

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
          gzipBytes: { type: 'integer', description: 'Size sent to a client whose Accept-Encoding allows gzip.' },
        },
      },
    },
  },
} as const
