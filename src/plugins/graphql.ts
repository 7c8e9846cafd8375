// GraphQL at /graphql (GraphiQL at /graphiql) over the same service layer as REST.
import { readFileSync } from 'node:fs'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { GraphQLError, Kind, parse } from 'graphql'
import mercurius from 'mercurius'
import { MAX_DEPTH, MAX_TOKENS, checkRequest, checkSource, depthLimit } from '../graphql/guards.js'
import { buildFields, knownFirst, loadersOf } from '../graphql/loaders.js'
import { checkGraphqlRequest } from '../graphql/request-parameters.js'
import { buildResolvers } from '../graphql/resolvers.js'
import { allowedValues } from '../services/arguments.js'
import { CursorMismatchError, InvalidParameterError } from '../services/errors.js'
import { addRouteHook } from './route-hooks.js'

export const SCHEMA_SDL = readFileSync(new URL('../graphql/schema.graphql', import.meta.url), 'utf8')

/** graphql-js's words for a variable's value that its type refuses (the query itself is valid). */
const BAD_VARIABLE = /^Variable "\$\w+" (got invalid value|of required type .* was not provided|of non-null type .* must not be null)/

/** The values of each enum of the schema, by the enum's name. */
const ENUM_VALUES = new Map(
  parse(SCHEMA_SDL)
    .definitions.filter((d) => d.kind === Kind.ENUM_TYPE_DEFINITION)
    .map((d) => [d.name.value, (d.values ?? []).map((v) => v.name.value)]),
)

/** graphql-js's words for an enum value that is not one (as a literal or in a variable): they do not list the values. */
const NOT_IN_ENUM = /does not exist in "(\w+)" enum\./

/** The message, with the allowed values where it refuses an enum value (as REST's problems list them). */
function withAllowedValues(message: string): string {
  const values = ENUM_VALUES.get(NOT_IN_ENUM.exec(message)?.[1] ?? '')
  return values ? message.replace(NOT_IN_ENUM, (said) => `${said.slice(0, -1)} (${allowedValues(values)}).`) : message
}

/** Every error gets extensions.code and a message a client can act on; internals never leave. */
function formatError(error: GraphQLError, log: FastifyInstance['log']): GraphQLError {
  const original = error.originalError
  if (original instanceof InvalidParameterError) {
    // A cursor of another query says so, as REST's cursor-mismatch problem does.
    const reason = original instanceof CursorMismatchError ? { reason: 'CURSOR_MISMATCH' } : {}
    return new GraphQLError(original.message, { nodes: error.nodes, path: error.path, extensions: { code: 'BAD_USER_INPUT', argument: original.parameter, ...reason } })
  }
  if (error.extensions?.code) return error
  if (original instanceof GraphQLError && original.extensions?.code) return original
  const status = clientStatus(error)
  if (status !== undefined) {
    // The request itself is at fault (a body that is not JSON, too large, too many requests…): say so.
    return new GraphQLError(error.message, { extensions: { code: status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST' } })
  }
  if (original && !(original instanceof GraphQLError)) {
    // A resolver's own failure has a path.
    if (error.path !== undefined) {
      log.error({ err: original }, 'graphql resolver failed')
      return new GraphQLError('internal error; it has been logged', { path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } })
    }
    // One without is something a malformed request set off in parsing or validation: the client learns that, not our internals.
    log.warn({ err: original }, 'graphql request could not be processed')
    return new GraphQLError('the query could not be processed: it is not a well-formed GraphQL request', { extensions: { code: 'BAD_REQUEST' } })
  }
  const code = error.message.startsWith('Syntax Error:') ? 'GRAPHQL_PARSE_FAILED' : BAD_VARIABLE.test(error.message) ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED'
  return new GraphQLError(withAllowedValues(error.message), { nodes: error.nodes, path: error.path, extensions: { code } })
}

/** The 4xx status an error of the request carries (our guards, Fastify's body checks, the rate limit), if any. */
function clientStatus(error: GraphQLError): number | undefined {
  const status = [error, error.originalError].map((e) => (e as { statusCode?: unknown } | undefined)?.statusCode).find((s) => typeof s === 'number')
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined
}

/** Mercurius wraps all validation errors of a query in one; clients want each. */
function unwrapValidationErrors(error: GraphQLError, operationName: string | undefined): GraphQLError[] {
  const original = error.originalError as { errors?: unknown; code?: unknown } | undefined
  // A mutation (or subscription) sent with GET: 405, as the GraphQL-over-HTTP spec requires.
  if (original?.code === 'MER_ERR_METHOD_NOT_ALLOWED') {
    return [Object.assign(new GraphQLError('only a query can be sent with GET: send a mutation or subscription with POST', { extensions: { code: 'BAD_REQUEST' } }), { statusCode: 405 })]
  }
  // mercurius reads the operation of a GET without checking there is one (a document of several
  // operations and no operationName, or one naming none of them): said as a POST's would be.
  if (original instanceof TypeError && /\(reading 'operation'\)/.test(original.message) && error.path === undefined) {
    const message = operationName ? `Unknown operation named "${operationName.slice(0, 100)}".` : 'Must provide operation name if query contains multiple operations.'
    return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]
  }
  const inner = original?.errors
  if (!Array.isArray(inner)) return [error]
  // A plain Error is mercurius's own message to the client; any other kind (TypeError …) is an internal, kept out of sight.
  return inner.map((e) => {
    if (e instanceof GraphQLError) return e
    const message = String((e as Error).message ?? e)
    return (e as Error).name === 'Error' ? new GraphQLError(message) : new GraphQLError(message, { originalError: e as Error })
  })
}

/** The operation a request names (POST body or GET query string). */
function operationNameOf(context: { reply?: FastifyReply }): string | undefined {
  const request = context.reply?.request
  const { operationName } = ((request?.method === 'GET' ? request.query : request?.body) ?? {}) as { operationName?: unknown }
  return typeof operationName === 'string' ? operationName : undefined
}

/**
 * Data is 200; a failure of ours 500. A request refused before execution
 * (unparsable, invalid, too deep or costly, bad arguments, rate-limited) is
 * the client's: its own 4xx (429 …) or 400. Execution without data because of
 * a bad argument (a cursor of another sort) stays 200, as GraphQL answers it.
 */
function statusOf(data: unknown, errors: GraphQLError[], codes: unknown[]): number {
  if (data) return 200
  if (codes.includes('INTERNAL_SERVER_ERROR')) return 500
  if (data === undefined) return errors.map(clientStatus).find((status) => status !== undefined && status !== 400) ?? 400
  return codes.every((code) => code !== 'BAD_USER_INPUT') ? 400 : 200
}

const DOCUMENTS_KEPT = 64

/** A GraphQL request's body: a document of at most 20,000 characters (3 bytes each at most) and its variables. */
export const GRAPHQL_BODY_LIMIT = 128 * 1024

function checkParameters(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  try {
    checkGraphqlRequest(request)
  } catch (error) {
    return done(error as Error)
  }
  done()
}

async function graphql(app: FastifyInstance) {
  const fields = buildFields(app.db)
  // Not the megabyte a plan document may take: nothing bigger than a query and its variables is parsed.
  app.addHook('onRoute', (route) => {
    if (route.url !== '/graphql') return
    if ([route.method].flat().includes('POST')) route.bodyLimit = GRAPHQL_BODY_LIMIT
    // The parameters as sent, before mercurius's schema coerces them or drops what it does not know.
    addRouteHook(route, 'preValidation', checkParameters, 'first')
  })
  await app.register(mercurius, {
    schema: SCHEMA_SDL,
    resolvers: buildResolvers(app.db),
    loaders: loadersOf(fields),
    // GraphiQL is served by plugins/graphiql.ts from local assets; mercurius's own loads them from a CDN.
    graphiql: false,
    jit: 1,
    // Parsed, validated and JIT-compiled documents kept, at most twice this many (mercurius's LRU):
    // a compiled large document holds over a megabyte, and the default of 1,024 let distinct
    // documents pin gigabytes. Clients send a few shapes; a rare one is parsed again.
    cache: DOCUMENTS_KEPT,
    allowBatchedQueries: false,
    // The parser stops at this many tokens, before building a tree to walk.
    graphql: { parseOptions: { maxTokens: MAX_TOKENS } },
    validationRules: [depthLimit(MAX_DEPTH)],
    errorFormatter: (result, context) => {
      const raw = (result.errors ?? []).flatMap((error) => unwrapValidationErrors(error as GraphQLError, operationNameOf(context)))
      if (raw.some((error) => clientStatus(error) === 405)) context.reply?.header('allow', 'GET, HEAD, POST, OPTIONS')
      const errors = raw.map((error) => formatError(error, app.log))
      const codes = errors.map((error) => error.extensions.code)
      // A failure of ours may pass: no cache (ours or on the way) may keep the answer, even a partial 200.
      if (codes.includes('INTERNAL_SERVER_ERROR')) context.reply?.header('cache-control', 'no-store')
      return { statusCode: statusOf(result.data, raw, codes), response: { data: result.data ?? null, errors: errors.map((error) => error.toJSON()) } }
    },
  })
  // Nested values already kept for the data version are answered without the loaders' batch.
  app.graphql.defineResolvers(knownFirst(app.graphql.schema, fields))
  app.graphql.addHook('preParsing', async (_schema, source) => checkSource(source))
  app.graphql.addHook('preExecution', async (schema, document, context, variables) => {
    checkRequest(schema, document, operationNameOf(context), variables as Record<string, unknown> | undefined)
  })
}

export default fp(graphql, { name: 'graphql', dependencies: ['database'] })
