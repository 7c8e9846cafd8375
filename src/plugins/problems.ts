// Every error leaves as RFC 9457 problem details (application/problem+json)
// with a stable `type`. Client mistakes are 4xx; only our own faults are 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { InvalidParameterError } from '../services/errors.js'
import { API_HEADERS } from './api-headers.js'

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  parameter?: string
  /** For invalid plan texts: the line at fault. */
  line?: number
  /** For invalid plan documents: the JSON pointer at fault. */
  pointer?: string
}

/**
 * Every problem type this API answers with: one title and status each (README lists them).
 * The node-level ones (malformed HTTP, header overflow, request timeout) are written on
 * the socket by client-errors.ts, before Fastify sees a request.
 */
export const PROBLEM_TYPES = {
  invalidParameter: { type: '/problems/invalid-parameter', title: 'Invalid request parameter', status: 400 },
  invalidBody: { type: '/problems/invalid-body', title: 'Invalid request body', status: 400 },
  badRequest: { type: '/problems/bad-request', title: 'Bad request', status: 400 },
  malformedRequest: { type: '/problems/malformed-request', title: 'Malformed HTTP request', status: 400 },
  unauthorized: { type: '/problems/unauthorized', title: 'Unauthorized', status: 401 },
  writesDisabled: { type: '/problems/writes-disabled', title: 'Writes disabled', status: 403 },
  notFound: { type: '/problems/not-found', title: 'Not found', status: 404 },
  requestTimeout: { type: '/problems/request-timeout', title: 'Request timeout', status: 408 },
  bodyTooLarge: { type: '/problems/body-too-large', title: 'Request body too large', status: 413 },
  unsupportedMediaType: { type: '/problems/unsupported-media-type', title: 'Unsupported media type', status: 415 },
  invalidPlan: { type: '/problems/invalid-plan', title: 'Invalid plan', status: 422 },
  rateLimited: { type: '/problems/rate-limited', title: 'Too many requests', status: 429 },
  headersTooLarge: { type: '/problems/headers-too-large', title: 'Request headers too large', status: 431 },
  internal: { type: '/problems/internal-error', title: 'Internal server error', status: 500 },
  overloaded: { type: '/problems/overloaded', title: 'Service overloaded', status: 503 },
} as const satisfies Record<string, { type: string; title: string; status: number }>

export type ProblemKind = keyof typeof PROBLEM_TYPES

/** A problem of one of the types above, with what this occurrence adds. */
export function problem(kind: ProblemKind, detail: string, extra: Pick<Problem, 'parameter' | 'line' | 'pointer'> = {}): Omit<Problem, 'instance'> {
  return { ...PROBLEM_TYPES[kind], detail, ...extra }
}

/** Every problem carries the API's constant header set (CORS included), whatever route or hook it comes from. */
export function sendProblem(reply: FastifyReply, problem: Omit<Problem, 'instance'>): FastifyReply {
  const body: Problem = { ...problem, instance: reply.request.url }
  return reply.code(problem.status).headers(API_HEADERS).header('cache-control', 'no-store').type('application/problem+json').send(JSON.stringify(body))
}

/** `parameter`: the query parameter that named the id, where it is not the path's. */
export function notFound(reply: FastifyReply, what: string, id: string, parameter?: string): FastifyReply {
  return sendProblem(reply, problem('notFound', `no ${what} with id '${id}'`, parameter === undefined ? {} : { parameter }))
}

/** Fastify's own 4xx error codes (and the rate limit's), as problem types; any other 4xx is a bad request. */
const FRAMEWORK_PROBLEMS: Record<string, ProblemKind> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'bodyTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupportedMediaType',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalidBody',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalidBody',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalidBody',
  RATE_LIMITED: 'rateLimited',
}

function validationProblem(error: FastifyError): Omit<Problem, 'instance'> {
  const first = error.validation![0]
  const where = error.validationContext ?? 'request'
  const params = first.params as Record<string, unknown>
  const parameter =
    typeof params.additionalProperty === 'string'
      ? params.additionalProperty
      : typeof params.missingProperty === 'string'
        ? params.missingProperty
        : first.instancePath.replace(/^\//, '').split('/')[0] || undefined
  // An enum's refusal lists its values (a list's sorts, kinds…), so the client can pick one.
  const allowed = Array.isArray(params.allowedValues) ? `: ${params.allowedValues.join(', ')}` : ''
  const detail =
    typeof params.additionalProperty === 'string'
      ? `unknown ${where} parameter '${params.additionalProperty}'`
      : `${where} parameter '${parameter ?? '?'}' ${first.message ?? 'is invalid'}${allowed}`
  return problem('invalidParameter', detail, parameter ? { parameter } : {})
}

async function problems(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.validation && error.validationContext === 'body') {
      // A body that fails its schema is well-formed but not a valid plan: 422, as for plan texts.
      const first = error.validation[0]
      return sendProblem(reply, problem('invalidPlan', `body${first.instancePath} ${first.message ?? 'is invalid'}`, { pointer: first.instancePath || '/' }))
    }
    if (error.validation) return sendProblem(reply, validationProblem(error))
    if (error instanceof InvalidParameterError) {
      return sendProblem(reply, problem('invalidParameter', error.message, { parameter: error.parameter }))
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) return sendProblem(reply, problem(FRAMEWORK_PROBLEMS[error.code] ?? 'badRequest', error.message))
    request.log.error({ err: error }, 'request failed')
    return sendProblem(reply, problem('internal', 'the server could not answer this request; it has been logged'))
  })
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem('notFound', `no route ${request.method} ${request.url.split('?')[0]}`)))
}

export default fp(problems, { name: 'problems' })
