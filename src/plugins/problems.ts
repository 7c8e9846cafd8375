// Every error leaves as RFC 9457 problem details (application/problem+json)
// with a stable `type`. Client mistakes are 4xx; only our own faults are 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { InvalidParameterError } from '../services/errors.js'

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

/** The stable problem types this API answers with. */
export const PROBLEM_TYPES = {
  invalidParameter: { type: '/problems/invalid-parameter', title: 'Invalid request parameter' },
  notFound: { type: '/problems/not-found', title: 'Not found' },
  badRequest: { type: '/problems/bad-request', title: 'Bad request' },
  internal: { type: '/problems/internal-error', title: 'Internal server error' },
} as const

export function sendProblem(reply: FastifyReply, problem: Omit<Problem, 'instance'>): FastifyReply {
  const body: Problem = { ...problem, instance: reply.request.url }
  return reply.code(problem.status).header('cache-control', 'no-store').type('application/problem+json').send(JSON.stringify(body))
}

export function notFound(reply: FastifyReply, what: string, id: string): FastifyReply {
  return sendProblem(reply, { ...PROBLEM_TYPES.notFound, status: 404, detail: `no ${what} with id '${id}'` })
}

/** Fastify's own 4xx error codes, as stable problem types. */
const FRAMEWORK_PROBLEMS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid-body',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-body',
  RATE_LIMITED: 'rate-limited',
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
  const detail =
    typeof params.additionalProperty === 'string'
      ? `unknown ${where} parameter '${params.additionalProperty}'`
      : `${where} parameter '${parameter ?? '?'}' ${first.message ?? 'is invalid'}`
  return { ...PROBLEM_TYPES.invalidParameter, status: 400, detail, ...(parameter ? { parameter } : {}) }
}

async function problems(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.validation && error.validationContext === 'body') {
      // A body that fails its schema is well-formed but not a valid plan: 422, as for plan texts.
      const first = error.validation[0]
      return sendProblem(reply, { type: '/problems/invalid-plan', title: 'Invalid plan', status: 422, detail: `body${first.instancePath} ${first.message ?? 'is invalid'}`, pointer: first.instancePath || '/' })
    }
    if (error.validation) return sendProblem(reply, validationProblem(error))
    if (error instanceof InvalidParameterError) {
      return sendProblem(reply, { ...PROBLEM_TYPES.invalidParameter, status: 400, detail: error.message, parameter: error.parameter })
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      const slug = FRAMEWORK_PROBLEMS[error.code] ?? error.code?.replace(/^FST_ERR_/, '').toLowerCase().replace(/_/g, '-') ?? 'bad-request'
      return sendProblem(reply, { type: `/problems/${slug}`, title: PROBLEM_TYPES.badRequest.title, status, detail: error.message })
    }
    request.log.error({ err: error }, 'request failed')
    return sendProblem(reply, { ...PROBLEM_TYPES.internal, status: 500, detail: 'the server could not answer this request; it has been logged' })
  })
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, { ...PROBLEM_TYPES.notFound, status: 404, detail: `no route ${request.method} ${request.url.split('?')[0]}` }),
  )
}

export default fp(problems, { name: 'problems' })
