// Every error leaves as RFC 9457 problem details (application/problem+json)
// with a stable `type`. Client mistakes are 4xx; only our own faults are 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { allowedValues } from '../services/arguments.js'
import { CursorMismatchError, InvalidParameterError } from '../services/errors.js'
import { API_HEADERS } from './api-headers.js'

export interface ProblemType {
  /** Path-absolute; answers carry it under PUBLIC_URL when one is set (problemTypeUrl). */
  type: string
  title: string
  status: number
  /** When it is met (README's words, Markdown code spans). */
  when: string
  /** How a client fixes it. */
  fix: string
}

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
 * Every problem type this API answers with: one title and status each, when it is met and how to
 * fix it (README's table lists the same; /problems/{name} serves each as a page).
 * The node-level ones (malformed HTTP, header overflow, request timeout) are written on
 * the socket by client-errors.ts, before Fastify sees a request.
 */
/** The methods routes are registered for (HEAD goes with GET; OPTIONS answers every path). */
const ROUTED_METHODS = ['GET', 'POST', 'DELETE']
/** Every method some path takes: what CONNECT, taken by none, is told. */
export const ANY_PATH_METHODS = [...ROUTED_METHODS, 'HEAD', 'OPTIONS'].join(', ')

export const PROBLEM_TYPES = {
  invalidParameter: {
    type: '/problems/invalid-parameter',
    title: 'Invalid request parameter',
    status: 400,
    when: 'an unknown query parameter or a bad value; `parameter` names it',
    fix: 'Read `detail` and `parameter`: drop the unknown parameter or send a value within its bounds (the OpenAPI document at `/openapi.json` gives each one\'s type, range and allowed values).',
  },
  cursorMismatch: {
    type: '/problems/cursor-mismatch',
    title: 'Cursor from another query',
    status: 400,
    when: 'a `cursor` reused with another list, other filters or another sort: page with the query that returned it',
    fix: 'Send `page.nextCursor` back with the same list, filters and sort that returned it (only `limit` may change), or drop `cursor` to start the new query from its first page.',
  },
  invalidBody: {
    type: '/problems/invalid-body',
    title: 'Invalid request body',
    status: 400,
    when: 'a request body that is not valid JSON (or nests over 64 deep), or a bad `Content-Length`',
    fix: 'Send a body that is valid JSON (or the plan text), with a `Content-Length` that matches it.',
  },
  badRequest: {
    type: '/problems/bad-request',
    title: 'Bad request',
    status: 400,
    when: 'a URL or header the server cannot read (a malformed `%` escape in the path; no `Host`, or two)',
    fix: 'Percent-encode the URL (RFC 3986) and send well-formed headers, with one `Host`.',
  },
  malformedRequest: {
    type: '/problems/malformed-request',
    title: 'Malformed HTTP request',
    status: 400,
    when: 'bytes that are not HTTP/1.1: `Content-Length` with `Transfer-Encoding`, raw UTF-8 in the method or in a request with a body…',
    fix: 'Use an HTTP/1.1 client library rather than hand-written requests: one framing header (`Content-Length` or `Transfer-Encoding`), ASCII in the request line.',
  },
  unauthorized: {
    type: '/problems/unauthorized',
    title: 'Unauthorized',
    status: 401,
    when: 'a write without the bearer token',
    fix: 'Send `Authorization: Bearer <token>` with the server\'s `ADMIN_TOKEN`.',
  },
  writesDisabled: {
    type: '/problems/writes-disabled',
    title: 'Writes disabled',
    status: 403,
    when: 'a write to a server started without `ADMIN_TOKEN`',
    fix: 'Send writes to the writer, which has an `ADMIN_TOKEN` (a read-only replica never writes).',
  },
  notFound: {
    type: '/problems/not-found',
    title: 'Not found',
    status: 404,
    when: 'no such id or route',
    fix: 'Check the id (lists such as `/v1/plans` give the ids) or the route (`/docs`).',
  },
  methodNotAllowed: {
    type: '/problems/method-not-allowed',
    title: 'Method not allowed',
    status: 405,
    when: 'a method the route does not take (`PUT /v1/plans`, `CONNECT`); `Allow` lists those it takes',
    fix: 'Use one of the methods in the `Allow` header: the API is read with GET (and HEAD); only `/v1/plans` takes writes, with the bearer token.',
  },
  notAcceptable: {
    type: '/problems/not-acceptable',
    title: 'Not acceptable',
    status: 406,
    when: 'an `Accept` header that refuses every type (each `q=0`), or the type of the answer (`application/json;q=0` on a JSON route)',
    fix: 'Accept the type the route answers in (`application/json`; `text/csv` for lists; `*/*` takes any), or send no `Accept` header.',
  },
  requestTimeout: {
    type: '/problems/request-timeout',
    title: 'Request timeout',
    status: 408,
    when: 'headers or body not sent within `REQUEST_TIMEOUT_MS`',
    fix: 'Send the whole request at once, within `REQUEST_TIMEOUT_MS`; retry on a better connection.',
  },
  preconditionFailed: {
    type: '/problems/precondition-failed',
    title: 'Precondition failed',
    status: 412,
    when: 'a write whose `If-Match` (the ETag read) or `If-None-Match: *` does not hold: the plan changed since, or exists',
    fix: 'GET the plan again, check what changed, and send the write with its new ETag (or without the condition).',
  },
  expectationFailed: {
    type: '/problems/expectation-failed',
    title: 'Expectation failed',
    status: 417,
    when: 'an `Expect` header other than `100-continue`',
    fix: 'Drop the `Expect` header, or send `Expect: 100-continue` (the only expectation the server meets).',
  },
  bodyTooLarge: {
    type: '/problems/body-too-large',
    title: 'Request body too large',
    status: 413,
    when: 'a body over `BODY_LIMIT_BYTES`',
    fix: 'Send a smaller body: one plan at a time.',
  },
  unsupportedMediaType: {
    type: '/problems/unsupported-media-type',
    title: 'Unsupported media type',
    status: 415,
    when: 'a write that is none of `text/plain` (a plan text, in the charset its `Content-Type` names), `text/html` (a saved plan page) and `application/json` (a plan document); any body with a `Content-Encoding` (send it uncompressed), or JSON not in UTF-8',
    fix: 'Set `Content-Type` to `text/plain`, `text/html` or `application/json`, matching the body; send the body uncompressed, and JSON in UTF-8.',
  },
  invalidPlan: {
    type: '/problems/invalid-plan',
    title: 'Invalid plan',
    status: 422,
    when: 'a body that is not a valid plan, or a text or page not read within 5 s; `line` or `pointer` says where',
    fix: 'Fix the plan where `line` or `pointer` says, then send it again; nothing was written. A page that takes over 5 s to read is not a plan page as published: send its text (`text/plain`) instead.',
  },
  rateLimited: {
    type: '/problems/rate-limited',
    title: 'Too many requests',
    status: 429,
    when: 'over `RATE_LIMIT_MAX` requests a minute, unknown routes included, or answers that took over `RATE_LIMIT_SERVER_MS` of server time a minute; see `Retry-After`',
    fix: 'Wait the seconds `Retry-After` gives, and pace requests by the `X-RateLimit-Remaining` and `X-RateLimit-Reset` headers; narrow broad searches and filters; for whole lists use the `.csv`/`.jsonl` routes or `/downloads/`. A venue sharing one address can ask its operator for `RATE_LIMIT_VENUES`.',
  },
  headersTooLarge: {
    type: '/problems/headers-too-large',
    title: 'Request headers too large',
    status: 431,
    when: 'a request line and headers over 16 KiB',
    fix: 'Send shorter URLs and fewer or smaller headers (at most 16 KiB together).',
  },
  internal: {
    type: '/problems/internal-error',
    title: 'Internal server error',
    status: 500,
    when: 'our fault; logged',
    fix: 'Retry later; if it persists, report the `x-request-id` header of the answer.',
  },
  overloaded: {
    type: '/problems/overloaded',
    title: 'Service overloaded',
    status: 503,
    when: 'load shedding; see `Retry-After`',
    fix: 'Retry after the seconds `Retry-After` gives.',
  },
} as const satisfies Record<string, ProblemType>

export type ProblemKind = keyof typeof PROBLEM_TYPES

/** A problem of one of the types above, with what this occurrence adds. */
export function problem(kind: ProblemKind, detail: string, extra: Pick<Problem, 'parameter' | 'line' | 'pointer'> = {}): Omit<Problem, 'instance'> {
  const { type, title, status } = PROBLEM_TYPES[kind]
  return { type, title, status, detail, ...extra }
}

/** A problem type's URL as answers carry it: absolute under PUBLIC_URL, else path-absolute (never from Host). */
export function problemTypeUrl(type: string, publicUrl: string | null): string {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${type}` : type
}

/** Every problem carries the API's constant header set (CORS included), whatever route or hook it comes from. */
export function sendProblem(reply: FastifyReply, problem: Omit<Problem, 'instance'>): FastifyReply {
  return reply.send(problemBody(reply, problem))
}

/** Sets the problem's status and headers on the reply and returns its body: what sendProblem sends, for a hook that replaces an answer. */
export function problemBody(reply: FastifyReply, problem: Omit<Problem, 'instance'>): string {
  const body: Problem = { ...problem, type: problemTypeUrl(problem.type, reply.server.publicUrl), instance: reply.request.url }
  reply.code(problem.status).headers(API_HEADERS).header('cache-control', 'no-store').type('application/problem+json; charset=utf-8')
  return JSON.stringify(body)
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
  JSON_TOO_DEEP: 'invalidBody',
  JSON_PROTOTYPE_KEY: 'invalidBody',
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
  // An enumerated value names what is allowed (AJV's own words only say there is a list).
  const detail =
    typeof params.additionalProperty === 'string'
      ? `unknown ${where} parameter '${params.additionalProperty}'`
      : Array.isArray(params.allowedValues)
        ? `${where} parameter '${parameter ?? '?'}' must be one of the allowed values (${allowedValues(params.allowedValues)})`
        : `${where} parameter '${parameter ?? '?'}' ${first.message ?? 'is invalid'}`
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
    if (error instanceof CursorMismatchError) return sendProblem(reply, problem('cursorMismatch', error.message, { parameter: error.parameter }))
    if (error instanceof InvalidParameterError) {
      return sendProblem(reply, problem('invalidParameter', error.message, { parameter: error.parameter }))
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) return sendProblem(reply, problem(FRAMEWORK_PROBLEMS[error.code] ?? 'badRequest', error.message))
    request.log.error({ err: error }, 'request failed')
    return sendProblem(reply, problem('internal', 'the server could not answer this request; it has been logged'))
  })
  // An unknown route is answered before its body is read: no parsing (nor 413/415) for nothing.
  app.addHook('preParsing', (request, reply, payload, done) => {
    if (!request.is404) return done(null, payload)
    answerNotFound(app, request, reply)
  })
  app.setNotFoundHandler((request, reply) => answerNotFound(app, request, reply))
}

/** 405 with Allow for a path other methods take, else 404. */
function answerNotFound(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0]
  // A path that exists for other methods: 405 with what it takes, not a 404.
  const allowed = ROUTED_METHODS.filter((method) => method !== request.method && app.findRoute({ method, url: path }) !== null)
  if (allowed.length > 0) {
    reply.header('allow', [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', '))
    return sendProblem(reply, problem('methodNotAllowed', `${request.method} is not a method of ${path}; it takes ${allowed.join(', ')}`))
  }
  return sendProblem(reply, problem('notFound', `no route ${request.method} ${path}`))
}

export default fp(problems, { name: 'problems' })
