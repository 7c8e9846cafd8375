// Protection under load and abuse: security headers, a per-client rate limit
// (429 with Retry-After) and load shedding (503) when the event loop lags.
import rateLimit from '@fastify/rate-limit'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type RateLimitVenue, venueLimit } from '../rate-limit-venues.js'
import { API_HEADERS } from './api-headers.js'
import { problem, sendProblem } from './problems.js'
import { addRouteHook } from './route-hooks.js'
import serverTime from './server-time.js'

export interface ProtectionOptions {
  /** Requests per minute per client address. */
  rateLimitMax: number
  /** Addresses many people share, each with its own limit. */
  rateLimitVenues: RateLimitVenue[]
  /** Event loop delay (ms) above which requests are shed with 503; 0 turns shedding off. */
  maxEventLoopDelay: number
  /** Milliseconds of server time per client a minute (server-time.ts); 0 turns the budget off. */
  serverMsPerMinute: number
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An HTML page (src/pages/): helmet's headers, not the API's. */
    page?: boolean
  }
}

/**
 * HTML pages get helmet's full set instead (plugins/pages.ts): Swagger UI, GraphiQL, and
 * the routes of src/pages/, which say so in their config (`page: true`).
 */
const isPage = (route: { url: string; config?: { page?: boolean } }) =>
  route.config?.page === true || route.url === '/' || route.url.startsWith('/docs') || route.url.startsWith('/graphiql')

/**
 * Routes not counted: the health check (probes), downloads (a few large files, read by the writer's
 * clients and replicas alike), the docs and the pages' static assets, and the problem types' pages.
 * Matched on the route, never on the URL's text; unknown routes are counted.
 */
const UNCOUNTED = /^\/(healthz$|downloads\/|docs(\/|$)|openapi\.json$|graphiql(\/|$)|problems(\/|$))/
// With a query string they are counted: each new query would be another answer built, compressed and cached.
const uncounted = (request: FastifyRequest) => request.method !== 'POST' && !request.url.includes('?') && UNCOUNTED.test(request.routeOptions.url ?? '')

async function protection(app: FastifyInstance, options: ProtectionOptions) {
  app.addHook('onRoute', (route) => {
    if (isPage(route) || [route.method].flat().includes('OPTIONS')) return
    route.config = { ...route.config, cors: false } as typeof route.config
    const setApiHeaders = (_request: unknown, reply: FastifyReply, done: () => void) => {
      reply.headers(API_HEADERS)
      done()
    }
    addRouteHook(route, 'onRequest', setApiHeaders, 'first')
  })
  const venues = options.rateLimitVenues
  await app.register(rateLimit, {
    // A venue's address has its own limit; the function is only asked when there are venues.
    max: venues.length === 0 ? options.rateLimitMax : (request) => venueLimit(venues, request.ip) ?? options.rateLimitMax,
    // Counted by one hook on every request (below), unknown routes included, rather than one per route.
    global: false,
    // The plugin's own key: the client address, IPv6 clients by their /64 subnet (so rotating
    // addresses within one's allocation does not escape the limit), IPv4-mapped as IPv4.
    // Every counted answer carries x-ratelimit-limit, -remaining and -reset (seconds), a 429 also retry-after.
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`more than ${context.max} requests in ${context.after}; retry after ${Math.ceil(context.ttl / 1000)} s`), {
        statusCode: 429,
        code: 'RATE_LIMITED',
      }),
  })
  // fastify-plugin makes this hook the root's: it runs for every route and for the not-found
  // handler, which no onRoute hook reaches. A request is counted once however many hooks ask.
  // The routes not counted are passed over here rather than by the plugin's allowList, which it
  // asks only after working out the client's key, in promises (about 2 µs a request).
  const countRequest = app.rateLimit()
  app.addHook('onRequest', (request, reply, done) => {
    if (uncounted(request)) return done()
    countRequest.call(app, request, reply).then(() => done(), done)
  })
  await app.register(serverTime, { msPerMinute: options.serverMsPerMinute, rateLimitMax: options.rateLimitMax, rateLimitVenues: venues, uncharged: uncounted })
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelay,
    retryAfter: 10,
    pressureHandler: (_request, reply, type, value) => {
      reply.header('retry-after', '10')
      sendProblem(reply, problem('overloaded', `the server is overloaded (${type} ${value}); retry in 10 s`))
    },
  })
}

export default fp(protection, { name: 'protection' })
