// GraphQL at /graphql (GraphiQL at /graphiql) over the same service layer as REST.
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { GraphQLError } from 'graphql'
import mercurius from 'mercurius'
import { MAX_DEPTH, checkCost, depthLimit } from '../graphql/guards.js'
import { buildLoaders } from '../graphql/loaders.js'
import { buildResolvers } from '../graphql/resolvers.js'
import { InvalidParameterError } from '../services/errors.js'

export const SCHEMA_SDL = readFileSync(new URL('../graphql/schema.graphql', import.meta.url), 'utf8')

/** Every error gets extensions.code and a message a client can act on; internals never leave. */
function formatError(error: GraphQLError, log: FastifyInstance['log']): GraphQLError {
  const original = error.originalError
  if (original instanceof InvalidParameterError) {
    return new GraphQLError(original.message, { nodes: error.nodes, path: error.path, extensions: { code: 'BAD_USER_INPUT', argument: original.parameter } })
  }
  if (error.extensions?.code) return error
  if (original instanceof GraphQLError && original.extensions?.code) return original
  const status = (original as { statusCode?: unknown } | undefined)?.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // The request itself is at fault (a body that is not JSON, too large…): say so, as a 400.
    return new GraphQLError(original!.message, { extensions: { code: 'BAD_REQUEST' } })
  }
  // A resolver's own failure has a path; one without is the request's: unparsable, invalid, no query.
  if (original && !(original instanceof GraphQLError) && error.path !== undefined) {
    log.error({ err: original }, 'graphql resolver failed')
    return new GraphQLError('internal error; it has been logged', { path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } })
  }
  return new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })
}

/** Mercurius wraps all validation errors of a query in one; clients want each. */
function unwrapValidationErrors(error: GraphQLError): GraphQLError[] {
  const inner = (error.originalError as { errors?: unknown } | undefined)?.errors
  if (!Array.isArray(inner)) return [error]
  return inner.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message ?? e))))
}

async function graphql(app: FastifyInstance) {
  await app.register(mercurius, {
    schema: SCHEMA_SDL,
    resolvers: buildResolvers(app.db),
    loaders: buildLoaders(app.db),
    // GraphiQL is served by plugins/graphiql.ts from local assets; mercurius's own loads them from a CDN.
    graphiql: false,
    jit: 1,
    cache: true,
    allowBatchedQueries: false,
    validationRules: [depthLimit(MAX_DEPTH)],
    errorFormatter: (result, context) => {
      const errors = (result.errors ?? []).flatMap((error) => unwrapValidationErrors(error as GraphQLError)).map((error) => formatError(error, app.log))
      const codes = errors.map((error) => error.extensions.code)
      // A failure of ours may pass: no cache (ours or on the way) may keep the answer, even a partial 200.
      if (codes.includes('INTERNAL_SERVER_ERROR')) context.reply?.header('cache-control', 'no-store')
      // Refused queries (invalid, too deep, too costly) are the client's mistake: 400.
      const statusCode = result.data ? 200 : codes.includes('INTERNAL_SERVER_ERROR') ? 500 : codes.every((code) => code !== 'BAD_USER_INPUT') ? 400 : 200
      return { statusCode, response: { data: result.data ?? null, errors: errors.map((error) => error.toJSON()) } }
    },
  })
  app.graphql.addHook('preExecution', async (schema, document, _context, variables) => {
    checkCost(schema, document, variables as Record<string, unknown> | undefined)
  })
}

export default fp(graphql, { name: 'graphql', dependencies: ['database'] })
