// GET /v1: where everything is, for clients that start from one address. Each
// list with its item URL template (RFC 6570) and whole-result files, and the
// other entry points. Links are built like every other link (links.ts).
import type { FastifyInstance } from 'fastify'
import type { DatasetInfo } from '../dataset-info.js'
import { MANIFEST_FILE } from '../publish/downloads.js'
import { COLLECTIONS, publicLink } from './links.js'

/** The lists whose rows are entities with their own URL. */
const ENTITY_LISTS = Object.values(COLLECTIONS)
/** Lists of rows that are not entities: totals, hits, catalogue pages. */
const OTHER_LISTS = { budgets: 'budgets?groupBy={groupBy}', search: 'search?q={q}', catalogue: 'catalogue' } as const

export function serviceIndex(publicUrl: string | null, dataset: DatasetInfo) {
  const link = (path: string) => publicLink(publicUrl, path)
  const whole = (name: string) => ({ csv: link(`/v1/${name}.csv`), jsonl: link(`/v1/${name}.jsonl`) })
  return {
    title: dataset.title,
    license: dataset.license,
    resources: [
      ...ENTITY_LISTS.map((name) => ({ name, url: link(`/v1/${name}`), itemUrl: link(`/v1/${name}/{id}`), ...whole(name) })),
      ...Object.entries(OTHER_LISTS).map(([name, path]) => ({ name, url: link(`/v1/${path}`), itemUrl: null, ...whole(name) })),
    ],
    links: {
      compare: link('/v1/compare?from={from}&to={to}'),
      meta: link('/v1/meta'),
      graphql: link('/graphql'),
      graphiql: link('/graphiql'),
      openapi: link('/openapi.json'),
      docs: link('/docs'),
      downloads: link(`/downloads/${MANIFEST_FILE}`),
      feed: link('/feed.xml'),
      health: link('/healthz'),
    },
  }
}

const linkSchema = { type: 'string', description: 'A URL, or a URL template (RFC 6570) where it has {braces}.' } as const

export default async function serviceIndexRoutes(app: FastifyInstance, options: { dataset: DatasetInfo }) {
  // The same for every request: built once.
  const index = serviceIndex(app.publicUrl, options.dataset)
  app.get(
    '/',
    {
      schema: {
        tags: ['service'],
        operationId: 'serviceIndex',
        summary: 'Index of the API: every list with its item URL template and whole-result files, and GraphQL, OpenAPI, downloads, metadata and the feed',
        description: 'Where to start: each resource with the URL of its paged JSON list, the template of one item\'s URL and its whole filtered result as CSV and JSON Lines; then the other entry points (GraphQL, the OpenAPI document and its docs, the downloads manifest, /v1/meta, the Atom feed, health). Links are absolute under PUBLIC_URL when it is set, else path-absolute.',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
        response: {
          200: {
            description: 'Where each resource is.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['title', 'license', 'resources', 'links'],
                  additionalProperties: false,
                  properties: {
                    title: { type: 'string' },
                    license: { type: 'object', required: ['name', 'url'], additionalProperties: false, properties: { name: { type: 'string' }, url: { type: 'string' } } },
                    resources: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['name', 'url', 'itemUrl', 'csv', 'jsonl'],
                        additionalProperties: false,
                        properties: {
                          name: { type: 'string' },
                          url: { ...linkSchema, description: 'The paged JSON list (page.nextCursor, Link: rel="next").' },
                          itemUrl: { type: ['string', 'null'], description: 'One row by id (RFC 6570 template); null when rows are not entities.' },
                          csv: { ...linkSchema, description: 'Every matching row as CSV, same filters.' },
                          jsonl: { ...linkSchema, description: 'Every matching row as JSON Lines, same filters.' },
                        },
                      },
                    },
                    links: {
                      type: 'object',
                      required: ['compare', 'meta', 'graphql', 'graphiql', 'openapi', 'docs', 'downloads', 'feed', 'health'],
                      additionalProperties: false,
                      properties: {
                        compare: linkSchema,
                        meta: linkSchema,
                        graphql: linkSchema,
                        graphiql: linkSchema,
                        openapi: linkSchema,
                        docs: linkSchema,
                        downloads: { ...linkSchema, description: 'The manifest of the bulk downloads (404 where the server writes none).' },
                        feed: { ...linkSchema, description: 'Atom feed of plan imports.' },
                        health: linkSchema,
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    async () => index,
  )
}
