// OpenAPI generated from the route schemas, served at /openapi.json; Swagger UI
// at /docs (plugins/pages.ts) reads it.
import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { examplesFromDatabase } from '../rest/examples.js'
import { PlanComparisonSchema } from '../rest/schemas/compare.js'
import { DatasetMetaSchema } from '../rest/schemas/meta.js'
import { entitySchemas } from '../rest/schemas/entities.js'

type OpenApiDocument = { paths?: Record<string, Record<string, OpenApiOperation>> }
type OpenApiOperation = {
  operationId?: string
  parameters?: { in: string; name: string; example?: unknown }[]
  responses?: Record<string, { content?: Record<string, { example?: unknown }> }>
}

/** Puts the seed plan's data into each operation as its 200 example. */
function withExamples(document: OpenApiDocument, examples: ReturnType<typeof examplesFromDatabase>): OpenApiDocument {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      const example = operation.operationId ? examples[operation.operationId] : undefined
      if (!example) continue
      const json = operation.responses?.['200']?.content?.['application/json']
      if (json) json.example = example.response
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'path' && example.params?.[parameter.name]) parameter.example = example.params[parameter.name]
      }
    }
  }
  return document
}

async function docs(app: FastifyInstance) {
  for (const schema of [...entitySchemas, DatasetMetaSchema, PlanComparisonSchema]) app.addSchema(schema)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ward-plans',
        version: '1.0.0',
        description:
          "Osaka City's ward and bureau operating plans (区運営方針) as open data: organizations, plans, management issues, strategies, initiatives and budgets, read from the published texts.",
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN the server was started with.' } } },
      tags: [
        { name: 'organizations', description: '区 / 局・室' },
        { name: 'plans', description: '区運営方針' },
        { name: 'issues', description: '経営課題' },
        { name: 'strategies', description: '戦略' },
        { name: 'initiatives', description: '具体的取組 and 予算額' },
        { name: 'budgets', description: 'Budget totals' },
        { name: 'search', description: 'Japanese full-text search' },
        { name: 'service', description: 'Health and metadata' },
      ],
    },
    transformObject: (documents) =>
      'openapiObject' in documents ? (withExamples(documents.openapiObject as OpenApiDocument, examplesFromDatabase(app.db)) as typeof documents.openapiObject) : documents.swaggerObject,
    // /graphql and /graphiql are described by openapi/schema.graphql, not here.
    hideUntagged: true,
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}

export default fp(docs, { name: 'docs' })
