// OpenAPI generated from the route schemas, served at /openapi.json; Swagger UI
// at /docs (plugins/pages.ts) reads it. What the routes do not say themselves
// (servers, licence, the standard responses and headers, /graphql) is added here.
import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { DatasetInfo } from '../dataset-info.js'
import { examplesFromDatabase } from '../rest/examples.js'
import { PlanComparisonSchema } from '../rest/schemas/compare.js'
import { DatasetMetaSchema } from '../rest/schemas/meta.js'
import { entitySchemas } from '../rest/schemas/entities.js'
import { GraphqlResponseSchema, graphqlRouteSchema } from '../rest/schemas/graphql.js'
import { type OpenApiPaths, withStandardResponses } from '../rest/schemas/standard-responses.js'

export interface DocsOptions {
  dataset: DatasetInfo
  /** PUBLIC_URL: the server the document names; null: relative to where the document was fetched. */
  publicUrl: string | null
}

/** Puts the seed plan's data into each operation as its 200 example, and example values into its parameters. */
function withExamples(paths: OpenApiPaths, examples: ReturnType<typeof examplesFromDatabase>): void {
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      const example = operation.operationId ? examples[operation.operationId] : undefined
      if (!example) continue
      const json = operation.responses?.['200']?.content?.['application/json']
      if (json) json.example = example.response
      for (const parameter of operation.parameters ?? []) {
        if (example.params?.[parameter.name] !== undefined) parameter.example = example.params[parameter.name]
      }
    }
  }
}

/** The tags, in the order Swagger UI shows them: the data from the top of a plan down, then the ways to get all of it. */
const TAGS = [
  { name: 'organizations', description: 'Wards (区) and bureaus (局・室) that publish operating plans.' },
  { name: 'plans', description: 'Operating plans (区運営方針): one per organization and fiscal year, with their goals, missions, policy and contact; comparisons of two plans.' },
  { name: 'issues', description: 'Management issues (経営課題) of a plan, with their budget lines (FY2023 on).' },
  { name: 'strategies', description: 'Strategies (戦略) of a management issue.' },
  { name: 'initiatives', description: 'Initiatives (具体的取組) of a strategy, with their budgets (予算額).' },
  { name: 'budgets', description: 'Budget totals grouped by plan, organization, fiscal year, issue or strategy.' },
  { name: 'search', description: 'Japanese full-text search over every text of every plan.' },
  { name: 'downloads', description: 'The whole dataset as files (CSV, JSON Lines, JSON, SQLite), rewritten after every import.' },
  { name: 'graphql', description: 'The same data as GraphQL: choose the fields, nest plans, issues, strategies and initiatives in one request.' },
  { name: 'service', description: 'Health and metadata of the dataset and the service.' },
]

async function docs(app: FastifyInstance, options: DocsOptions) {
  for (const schema of [...entitySchemas, DatasetMetaSchema, PlanComparisonSchema, GraphqlResponseSchema]) app.addSchema(schema)
  const { dataset } = options
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ward-plans',
        version: '1.0.0',
        description: [
          "Osaka City's ward and bureau operating plans (区運営方針) as open data: organizations, plans, management issues, strategies, initiatives and budgets, read from the published texts.",
          `The data is licensed under ${dataset.license.name} (${dataset.license.url}); credit: ${dataset.attribution}`,
          'Errors are RFC 9457 problem details (application/problem+json) with a stable `type`.',
        ].join('\n\n'),
        license: { name: `${dataset.license.name} (the data)`, url: dataset.license.url },
        contact: { name: dataset.publisher, ...(options.publicUrl ? { url: `${options.publicUrl.replace(/\/+$/, '')}/` } : {}) },
      },
      // Relative to the document's own address unless PUBLIC_URL says where the public reaches it.
      servers: [options.publicUrl ? { url: options.publicUrl.replace(/\/+$/, ''), description: 'PUBLIC_URL' } : { url: '/', description: 'The server this document was fetched from.' }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN the server was started with.' } } },
      tags: TAGS,
    },
    // A PUBLIC_URL with a path is where a proxy mounts the whole server: the routes' paths stay as they are.
    stripBasePath: false,
    // mercurius declares /graphql without documentation: the document gets its own schema for it.
    transform: ({ schema, url, route }) => {
      const method = String(route.method)
      return url === '/graphql' && (method === 'GET' || method === 'POST') ? { schema: graphqlRouteSchema(method) as typeof schema, url } : { schema, url }
    },
    transformObject: (documents) => {
      if (!('openapiObject' in documents)) return documents.swaggerObject
      const paths = (documents.openapiObject.paths ?? {}) as OpenApiPaths
      withExamples(paths, examplesFromDatabase(app.db))
      withStandardResponses(paths)
      return documents.openapiObject
    },
    // /graphiql, the pages and /openapi.json itself are not API operations.
    hideUntagged: true,
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}

export default fp(docs, { name: 'docs' })
