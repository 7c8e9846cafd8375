// The parameters of a GraphQL-over-HTTP request, checked as they were sent,
// before mercurius's schema coerces them (`"operationName": 5` would become
// "5", an unknown key would be dropped unseen). The GraphQL-over-HTTP spec
// names four: query (a string), operationName (a string), variables and
// extensions (objects; in a GET, JSON text of an object). "All other property
// names are reserved for future expansion": a request with one is not a
// well-formed request, and gets a 400 naming it rather than an answer to a
// request it did not make (a misspelt `varaibles` would otherwise run the query
// without them). null stands for an absent operationName, variables or
// extensions, as many clients send them.
import type { FastifyRequest } from 'fastify'
import { GraphQLError } from 'graphql'
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../plugins/request-bodies.js'

export const REQUEST_PARAMETERS = ['query', 'operationName', 'variables', 'extensions'] as const

/** A refusal of the request's shape: BAD_REQUEST, with the parameter at fault. */
export function parameterError(message: string, parameter: string | undefined, statusCode = 400): GraphQLError {
  return Object.assign(new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', ...(parameter === undefined ? {} : { parameter }) } }), { statusCode })
}

const KNOWN = new Set<string>(REQUEST_PARAMETERS)
const shown = (name: string) => JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name)
const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value)
const kindOf = (value: unknown) => (value === undefined ? 'nothing' : value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`)

function checkKeys(keys: string[], where: string): void {
  const unknown = keys.find((key) => !KNOWN.has(key))
  if (unknown !== undefined) {
    throw parameterError(`unknown ${where} parameter ${shown(unknown)}: a GraphQL request has only query, operationName, variables and extensions`, unknown.slice(0, 100))
  }
}

/** A POST's JSON body, as parsed (application/graphql bodies arrive as { query }). */
export function checkBody(body: unknown): void {
  if (!isObject(body)) {
    throw parameterError(`a GraphQL POST body is a JSON object with query (and operationName, variables, extensions), not ${kindOf(body)}; send it as Content-Type: application/json`, undefined)
  }
  const fields = body as Record<string, unknown>
  checkKeys(Object.keys(fields), 'body')
  if (fields.query === undefined || fields.query === null) throw parameterError('query is required: the GraphQL document, as a string', 'query')
  if (typeof fields.query !== 'string') throw parameterError(`query must be a string (the GraphQL document), not ${kindOf(fields.query)}`, 'query')
  if (fields.operationName !== undefined && fields.operationName !== null && typeof fields.operationName !== 'string') {
    throw parameterError(`operationName must be a string, not ${kindOf(fields.operationName)}`, 'operationName')
  }
  for (const name of ['variables', 'extensions'] as const) {
    const value = fields[name]
    if (value !== undefined && value !== null && !isObject(value)) throw parameterError(`${name} must be an object (a map of names to values), not ${kindOf(value)}`, name)
  }
}

/** A GET's query string: each parameter once, variables and extensions JSON text of an object. */
export function checkQuery(query: unknown): void {
  const fields = (query ?? {}) as Record<string, unknown>
  checkKeys(Object.keys(fields), 'query')
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) throw parameterError(`query parameter ${name} is given ${value.length} times; give it once`, name)
  }
  if (fields.query === undefined || fields.query === '') throw parameterError('query is required: the GraphQL document, URL-encoded', 'query')
  for (const name of ['variables', 'extensions'] as const) {
    const text = fields[name]
    if (text === undefined || text === '') continue
    if (nestsDeeperThan(String(text), MAX_JSON_DEPTH)) throw parameterError(`${name} nests deeper than ${MAX_JSON_DEPTH} levels`, name)
    let value: unknown
    try {
      value = JSON.parse(text as string)
    } catch {
      throw parameterError(`${name} must be JSON text of an object; ${JSON.stringify(String(text).slice(0, 40))} is not JSON`, name)
    }
    if (value !== null && !isObject(value)) throw parameterError(`${name} must be JSON text of an object, not of ${kindOf(value)}`, name)
  }
}

/** The check of a request to /graphql, by its method. */
export function checkGraphqlRequest(request: FastifyRequest): void {
  if (request.method === 'POST') {
    const inUrl = Object.keys((request.query ?? {}) as object)[0]
    if (inUrl !== undefined) throw parameterError(`a GraphQL POST takes its parameters in the body, not in the URL (${shown(inUrl)})`, inUrl.slice(0, 100))
    const type = (request.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase()
    // Fastify reads text/plain too: a GraphQL body is JSON (or a bare document as application/graphql).
    if (request.body !== undefined && type !== 'application/json' && type !== 'application/graphql') {
      throw parameterError(`a GraphQL POST body is sent as Content-Type: application/json, not ${JSON.stringify(type.slice(0, 60))}`, undefined, 415)
    }
    checkBody(request.body)
  } else checkQuery(request.query)
}
