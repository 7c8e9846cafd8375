// Protection under load and abuse: security headers, a per-client rate limit
// (429 with Retry-After) and load shedding (503) when the event loop lags.
import rateLimit from '@fastify/rate-limit'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance, FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import { sendProblem } from './problems.js'
import { addRouteHook } from './route-hooks.js'

export interface ProtectionOptions {
  /** Requests per minute per client address. */
  rateLimitMax: number
  /** Event loop delay (ms) above which requests are shed with 503; 0 turns shedding off. */
  maxEventLoopDelay: number
}

/**
 * Headers of every JSON/CSV API answer: nothing in it may run or be framed
 * (OWASP's REST headers), and the data may be read from any origin (CORS).
 * They never vary, so they are set as one constant instead of computed by
 * helmet and @fastify/cors on every request; @fastify/cors still answers the
 * preflight OPTIONS requests and serves the pages.
 */
const API_HEADERS = {
  'access-control-allow-origin': '*',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'cross-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
}

/** HTML pages (Swagger UI, GraphiQL, the landing page) get helmet's full set instead (plugins/pages.ts). */
const isPage = (url: string) => url === '/' || url.startsWith('/docs') || url.startsWith('/graphiql')

async function protection(app: FastifyInstance, options: ProtectionOptions) {
  app.addHook('onRoute', (route) => {
    if (isPage(route.url) || [route.method].flat().includes('OPTIONS')) return
    route.config = { ...route.config, cors: false } as typeof route.config
    const setApiHeaders = (_request: unknown, reply: FastifyReply, done: () => void) => {
      reply.headers(API_HEADERS)
      done()
    }
    addRouteHook(route, 'onRequest', setApiHeaders, 'first')
  })
  await app.register(rateLimit, {
    max: options.rateLimitMax,
    // The plugin's own key: the client address, IPv6 clients by their /64 subnet (so rotating
    // addresses within one's allocation does not escape the limit), IPv4-mapped as IPv4.
    // The x-ratelimit-* headers come with 429s only: three headers less on every answer.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`more than ${context.max} requests in ${context.after}; retry after ${Math.ceil(context.ttl / 1000)} s`), {
        statusCode: 429,
        code: 'RATE_LIMITED',
      }),
  })
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelay,
    retryAfter: 10,
    pressureHandler: (_request, reply, type, value) => {
      reply.header('retry-after', '10')
      sendProblem(reply, { type: '/problems/overloaded', title: 'Service overloaded', status: 503, detail: `the server is overloaded (${type} ${value}); retry in 10 s` })
    },
  })
}

export default fp(protection, { name: 'protection' })
