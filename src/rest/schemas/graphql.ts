// /graphql as OpenAPI operations: mercurius declares the routes (plugins/graphql.ts),
// docs.ts gives them these schemas for the document. The types and fields are in
// openapi/schema.graphql; here is how a request is sent and what comes back.
import { GRAPHQL_RESPONSE_MEDIA_TYPE } from '../../formats/media-types.js'
import { MAX_COST, MAX_DEPTH, MAX_QUERY_CHARS, MAX_TOKENS } from '../../graphql/guards.js'

/** A GraphQL answer, one component of the document however many types and statuses carry it. */
export const GraphqlResponseSchema = {
  $id: 'GraphqlResponse',
  type: 'object',
  required: ['data'],
  properties: {
    data: { type: ['object', 'null'], description: 'The result, shaped like the query; null when the request was refused before it ran.' },
    errors: {
      type: 'array',
      description: 'What went wrong, if anything; a bad argument may leave the rest of data answered.',
      items: {
        type: 'object',
        required: ['message'],
        properties: {
          message: { type: 'string' },
          locations: { type: 'array', items: { type: 'object', properties: { line: { type: 'integer' }, column: { type: 'integer' } } } },
          path: { type: 'array', items: { type: ['string', 'integer'] } },
          extensions: {
            type: 'object',
            properties: {
              code: {
                type: 'string',
                description:
                  'BAD_USER_INPUT, BAD_REQUEST, GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, QUERY_TOO_LARGE, QUERY_TOO_DEEP, QUERY_TOO_COSTLY, RATE_LIMITED or INTERNAL_SERVER_ERROR.',
              },
              argument: { type: 'string', description: 'The argument at fault, for BAD_USER_INPUT.' },
              parameter: { type: 'string', description: 'The request parameter at fault (query, operationName, variables, extensions or an unknown one), for BAD_REQUEST.' },
            },
          },
        },
      },
    },
  },
} as const

/** Either type, the same body: the client's Accept chooses (see DESCRIPTION). */
const graphqlAnswer = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: 'GraphqlResponse#' } }, [GRAPHQL_RESPONSE_MEDIA_TYPE]: { schema: { $ref: 'GraphqlResponse#' } } } })

const RESPONSES = {
  200: graphqlAnswer('The query ran: data, and errors for any field that failed (a bad argument, such as a cursor of another query).'),
  400: graphqlAnswer('The request was refused before it ran: a parameter unknown or of the wrong type (extensions.parameter names it), not GraphQL, invalid against the schema, too deep or too long; errors say why (data is null).'),
  429: graphqlAnswer('Too many requests from this client address: errors[0].extensions.code is RATE_LIMITED (data is null).'),
  500: graphqlAnswer('A fault of the server; it is logged.'),
}

const DESCRIPTION = [
  'GraphQL over the same data and services as the REST API: the schema is openapi/schema.graphql (served to GraphiQL at /graphiql).',
  `A query may be at most ${MAX_QUERY_CHARS} characters and ${MAX_TOKENS} tokens long, nest at most ${MAX_DEPTH} levels and cost at most ${MAX_COST} (estimated rows).`,
  'Lists take the same filters as REST and are paged the same way (limit, cursor).',
  'Errors are GraphQL errors with extensions.code, not problem details.',
  `Answers, errors included, are ${GRAPHQL_RESPONSE_MEDIA_TYPE} when Accept names it and weighs it at least as much as application/json (Accept: ${GRAPHQL_RESPONSE_MEDIA_TYPE}, application/json;q=0.9), otherwise application/json; they vary by Accept.`,
  'A request has query, operationName, variables and extensions only (GraphQL over HTTP): any other parameter, or one of the wrong type, is a 400 BAD_REQUEST naming it in extensions.parameter; a mutation sent with GET is a 405.',
].join(' ')

const query = { type: 'string', minLength: 1, description: 'The GraphQL query.' }
const operationName = { type: 'string', description: 'Which operation of the query to run, when it holds several.' }

/** The route schema of GET or POST /graphql, for the document only. */
export function graphqlRouteSchema(method: 'GET' | 'POST') {
  const common = { tags: ['graphql'], description: DESCRIPTION }
  if (method === 'GET') {
    return {
      ...common,
      response: { ...RESPONSES, 405: graphqlAnswer('A mutation or subscription sent with GET: send it with POST (errors[0].extensions.code is BAD_REQUEST).') },
      operationId: 'graphqlQuery',
      summary: 'Run a GraphQL query given in the URL (cacheable)',
      querystring: {
        type: 'object',
        required: ['query'],
        additionalProperties: false,
        properties: {
          query,
          variables: { type: 'string', description: 'The variables, as a JSON object.' },
          operationName,
          extensions: { type: 'string', description: 'Reserved for protocol extensions, as a JSON object; none is read.' },
        },
      },
    }
  }
  return {
    ...common,
    operationId: 'graphqlPost',
    summary: 'Run a GraphQL query sent as JSON',
    response: { ...RESPONSES, 415: graphqlAnswer('A body that is neither application/json nor application/graphql (errors[0].extensions.code is BAD_REQUEST).') },
    body: {
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['query'],
            additionalProperties: false,
            properties: {
              query,
              variables: { type: ['object', 'null'], description: 'The variables.' },
              operationName: { ...operationName, type: ['string', 'null'] },
              extensions: { type: ['object', 'null'], description: 'Reserved for protocol extensions; none is read.' },
            },
          },
        },
        'application/graphql': { schema: { type: 'string', description: 'The query alone.' } },
      },
    },
  }
}
