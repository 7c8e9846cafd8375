// The schema of GET /v1/meta.
import { COMPLETENESS } from '../../services/entities.js'

const completeness = { type: 'string', enum: [...COMPLETENESS] } as const
const completenessOrNull = { type: ['string', 'null'], enum: [...COMPLETENESS, null] } as const

export const DatasetMetaSchema = {
  $id: 'DatasetMeta',
  type: 'object',
  description: 'The dataset described: title, publisher, licence, sources, freshness, counts and downloads (DCAT names in comments of the landing page JSON-LD).',
  required: ['title', 'description', 'publisher', 'license', 'attribution', 'attributions', 'sources', 'coverage', 'lastImportedAt', 'counts', 'downloads'],
  additionalProperties: false,
  properties: {
    title: { type: 'string' },
    description: { type: 'string' },
    publisher: { type: 'string' },
    license: { type: 'object', required: ['name', 'url'], additionalProperties: false, properties: { name: { type: 'string' }, url: { type: 'string', format: 'uri' } } },
    attribution: { type: 'string', description: "The credit to show with the data (出典): every city's, joined with ' / '." },
    attributions: {
      type: 'array',
      description: "The credit owed to each city whose plans are in the data, each naming that city's own site.",
      items: { type: 'object', required: ['city', 'attribution'], additionalProperties: false, properties: { city: { type: 'string' }, attribution: { type: 'string' } } },
    },
    sources: {
      type: 'array',
      description: 'The published page each plan was read from.',
      items: {
        type: 'object',
        required: ['planId', 'title', 'organizationId', 'organizationName', 'city', 'fiscalYear', 'isDraft', 'completeness', 'url'],
        additionalProperties: false,
        properties: {
          planId: { type: 'string' },
          title: { type: ['string', 'null'] },
          organizationId: { type: 'string' },
          organizationName: { type: 'string' },
          city: { type: 'string', description: 'Names such as 西区 or 中区 recur across cities: show them with their city.' },
          fiscalYear: { type: 'integer' },
          isDraft: { type: 'boolean' },
          completeness,
          url: { type: ['string', 'null'], format: 'uri' },
        },
      },
    },
    coverage: {
      type: 'array',
      description: 'Organizations by fiscal years: each loaded plan and each plan page of the catalogue whose plan is not loaded.',
      items: {
        type: 'object',
        required: ['organizationId', 'name', 'city', 'fiscalYears'],
        additionalProperties: false,
        properties: {
          organizationId: { type: 'string' },
          name: { type: ['string', 'null'], description: 'null for an organization known only from the catalogue whose name its page address does not tell.' },
          city: { type: ['string', 'null'] },
          fiscalYears: {
            type: 'array',
            description: 'One item per fiscal year and edition (draft or final), oldest first.',
            items: {
              type: 'object',
              required: ['fiscalYear', 'isDraft', 'planId', 'completeness', 'inCatalogue', 'url'],
              additionalProperties: false,
              properties: {
                fiscalYear: { type: 'integer' },
                isDraft: { type: 'boolean' },
                planId: { type: ['string', 'null'], description: 'The loaded plan; null when its page is only in the catalogue (known, not loaded).' },
                completeness: { ...completenessOrNull, description: "The loaded plan's completeness; null when not loaded." },
                inCatalogue: { type: 'boolean', description: 'Whether the catalogue lists the page.' },
                url: { type: ['string', 'null'], format: 'uri', description: 'The plan page.' },
              },
            },
          },
        },
      },
    },
    lastImportedAt: { type: ['string', 'null'], format: 'date-time' },
    counts: {
      type: 'object',
      required: ['organizations', 'plans', 'plansByCompleteness', 'catalogueEntries', 'catalogueEntriesNotLoaded', 'issues', 'strategies', 'initiatives', 'budgetedInitiatives', 'budgetTotalYen'],
      additionalProperties: false,
      properties: {
        organizations: { type: 'integer' },
        plans: { type: 'integer' },
        plansByCompleteness: {
          type: 'object',
          required: [...COMPLETENESS],
          additionalProperties: false,
          properties: Object.fromEntries(COMPLETENESS.map((c) => [c, { type: 'integer' }])),
        },
        catalogueEntries: { type: 'integer', description: 'Plan pages in the catalogue.' },
        catalogueEntriesNotLoaded: { type: 'integer', description: 'Catalogue pages whose plan is not loaded.' },
        issues: { type: 'integer' },
        strategies: { type: 'integer' },
        initiatives: { type: 'integer' },
        budgetedInitiatives: { type: 'integer' },
        budgetTotalYen: { type: ['integer', 'null'], description: 'Sum of the budget amounts read. Plans that are not complete add only what their text holds.' },
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
