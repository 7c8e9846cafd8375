// buildApp(): the whole service as one Fastify instance, used by the server and the tests.
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { ARGUMENT_RULES } from './services/arguments.js'
import { DEFAULT_DATASET_INFO, type DatasetInfo } from './dataset-info.js'
import type { RateLimitVenue } from './rate-limit-venues.js'
import { clientErrorHandler, refuseConnect, serverTimeouts } from './plugins/client-errors.js'
import { defaultMaxConnections, limitConnections } from './plugins/connections.js'
import { venueLimit } from './rate-limit-venues.js'
import acceptable from './plugins/acceptable.js'
import database from './plugins/database.js'
import docs from './plugins/docs.js'
import downloads from './plugins/downloads.js'
import graphql from './plugins/graphql.js'
import graphqlMediaType from './plugins/graphql-media-type.js'
import pages from './plugins/pages.js'
import httpCaching from './plugins/http-caching.js'
import problems, { problem, sendProblem } from './plugins/problems.js'
import requestBodies from './plugins/request-bodies.js'
import requestHead from './plugins/request-head.js'
import protection from './plugins/protection.js'
import readOnly, { type ReadOnlyOptions } from './plugins/read-only.js'
import responseCache from './plugins/response-cache.js'
import strictQueryNumbers from './plugins/strict-query-numbers.js'
import budgetRoutes from './rest/budgets.js'
import catalogueRoutes from './rest/catalogue.js'
import compareRoutes from './rest/compare.js'
import feedRoutes from './rest/feed.js'
import healthRoutes from './rest/health.js'
import type { SnapshotInfo } from './replica/snapshot.js'
import initiativeRoutes from './rest/initiatives.js'
import metaRoutes from './rest/meta.js'
import issueRoutes from './rest/issues.js'
import organizationRoutes from './rest/organizations.js'
import planWriteRoutes from './rest/plan-writes.js'
import planRoutes from './rest/plans.js'
import searchRoutes from './rest/search.js'
import serviceIndexRoutes from './rest/service-index.js'
import strategyRoutes from './rest/strategies.js'

export interface AppOptions {
  /** SQLite file, or ':memory:'. */
  databasePath: string
  /** Seed an empty database from this directory; null leaves it empty. */
  seedDir?: string | null
  logger?: FastifyServerOptions['logger']
  /** Requests per minute per client (default 600). */
  rateLimitMax?: number
  /**
   * Milliseconds of server time per client a minute; 0 (the default here) turns the budget off.
   * The server passes RATE_LIMIT_SERVER_MS (15000 unless set).
   */
  rateLimitServerMs?: number
  /** Addresses many people share, each with its own limit (RATE_LIMIT_VENUES). */
  rateLimitVenues?: RateLimitVenue[]
  /** Connections held at once (MAX_CONNECTIONS); default: below the process's open-file limit. */
  maxConnections?: number
  /** Connections one client address may hold (MAX_CONNECTIONS_PER_CLIENT, default 256; a venue's grows with its limit); 0: no such limit. */
  maxConnectionsPerClient?: number
  /** Bearer token for POST and DELETE /v1/plans; writes are refused without one. */
  adminToken?: string | null
  bodyLimit?: number
  requestTimeout?: number
  /** A socket idle (nothing sent or read) this long is closed; default 60 s, at least requestTimeout. */
  idleSocketTimeout?: number
  /**
   * Event loop delay (ms) that sheds load with 503; 0 (the default here) turns shedding off.
   * The server passes MAX_EVENT_LOOP_DELAY_MS (1000 unless set); tests on a busy machine would read
   * the machine's own load as overload.
   */
  maxEventLoopDelay?: number
  /** Answer repeated reads from memory (default true; RESPONSE_CACHE=false turns it off, to measure the queries). */
  cacheResponses?: boolean
  /** Where bulk downloads are written after each import; null (default): no downloads. */
  downloadsDir?: string | null
  /** Title, publisher, licence and attribution of the dataset. */
  dataset?: DatasetInfo
  /** Where the public reaches the server (PUBLIC_URL): the base of absolute links; null (default): relative links. */
  publicUrl?: string | null
  /** Serve the database read-only: no migrations, seeding, writes or downloads written (replicas, cluster workers). */
  readOnly?: boolean
  /** A replica's snapshot, for /healthz; absent on the writer. */
  snapshot?: () => SnapshotInfo
  /** A cluster worker's: hands writes to the primary (src/cluster-writes.ts). */
  forwardWrite?: ReadOnlyOptions['forwardWrite']
  /** Fastify's trustProxy: the load balancers whose X-Forwarded-For names the client (rate limits, logs). */
  trustProxy?: FastifyServerOptions['trustProxy']
}

function requestIds(): () => string {
  const boot = randomUUID().slice(0, 13)
  let count = 0
  return () => `${boot}-${(++count).toString(36)}`
}

const MAX_ENCODED_ID = ARGUMENT_RULES.id.maxLength * 9

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const timeouts = serverTimeouts(options.requestTimeout ?? 10_000, options.idleSocketTimeout)
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    requestTimeout: timeouts.requestTimeout,
    connectionTimeout: timeouts.connectionTimeout,
    // A missing Host is refused by request-head.ts, as a problem rather than Node's bare 400.
    http: { ...timeouts.http, requireHostHeader: false },
    // Errors of Node's HTTP parser (431, 400, 408), as problems.
    clientErrorHandler,
    // A client's X-Request-Id is kept for tracing; otherwise each request gets this process's
    // random prefix and a counter: unique across restarts and replicas, and cheaper than a UUID each.
    requestIdHeader: 'x-request-id',
    genReqId: requestIds(),
    trustProxy: options.trustProxy ?? false,
    ajv: {
      // Unknown query parameters are errors, not silently dropped; "limit=5" is a number.
      customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false },
    },
    // An id may be 200 characters (ARGUMENT_RULES.id), each up to 9 bytes percent-encoded: the route's
    // schema refuses a longer one by name, rather than the router as a bad request.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_ENCODED_ID },
    // Errors Fastify meets before any route (a malformed URL, a bad Content-Type header) are problems too.
    frameworkErrors: (error, request, reply) => {
      sendProblem(reply, problem('badRequest', error.message))
    },
  })

  // Hooks on every request take a callback rather than return a promise: one allocation and microtask less each.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id)
    done(null, payload)
  })
  // Links in answers (Link: rel="next") are built on PUBLIC_URL, never on the request's Host.
  app.decorate('publicUrl', options.publicUrl ?? null)
  refuseConnect(app)
  const perClient = options.maxConnectionsPerClient ?? 256
  const venues = options.rateLimitVenues ?? []
  const rateLimitMax = options.rateLimitMax ?? 600
  limitConnections(app, {
    max: options.maxConnections || defaultMaxConnections(),
    // Behind a proxy every client is the proxy: no limit per address there.
    perClient: (address) => (options.trustProxy ? 0 : Math.ceil((perClient * (venueLimit(venues, address) ?? rateLimitMax)) / rateLimitMax)),
  })
  await app.register(problems)
  await app.register(requestHead)
  await app.register(strictQueryNumbers)
  await app.register(requestBodies)
  await app.register(readOnly, { readOnly: options.readOnly ?? false, snapshot: options.snapshot, forwardWrite: options.forwardWrite })
  // Opening (and seeding) the database blocks the event loop for a while: done before load
  // shedding starts to watch the loop, so the start is not taken for overload.
  await app.register(database, { databasePath: options.databasePath, seedDir: options.seedDir ?? null, readOnly: options.readOnly })
  await app.register(protection, { rateLimitMax, rateLimitVenues: venues, maxEventLoopDelay: options.maxEventLoopDelay ?? 0, serverMsPerMinute: options.rateLimitServerMs ?? 0 })
  // GraphQL's answer gets its type before the Accept check reads it.
  await app.register(graphqlMediaType)
  // After the rate limit counts the request; its onSend before the ETag, compression and the response cache's.
  await app.register(acceptable)
  await app.register(httpCaching)
  if (options.cacheResponses !== false) await app.register(responseCache)
  const dataset = options.dataset ?? DEFAULT_DATASET_INFO
  await app.register(docs, { dataset, publicUrl: options.publicUrl ?? null })
  await app.register(downloads, { databasePath: options.databasePath, dir: options.downloadsDir ?? null, dataset, readOnly: options.readOnly })
  await app.register(graphql)
  await app.register(pages, { dataset, publicUrl: options.publicUrl ?? null })
  await app.register(healthRoutes)
  await app.register(feedRoutes, { dataset })
  await app.register(
    async (v1) => {
      await v1.register(serviceIndexRoutes, { dataset })
      await v1.register(organizationRoutes)
      await v1.register(planRoutes)
      await v1.register(planWriteRoutes, { adminToken: options.adminToken ?? null })
      await v1.register(catalogueRoutes)
      await v1.register(compareRoutes)
      await v1.register(issueRoutes)
      await v1.register(strategyRoutes)
      await v1.register(initiativeRoutes)
      await v1.register(budgetRoutes)
      await v1.register(searchRoutes)
      await v1.register(metaRoutes, { dataset })
    },
    { prefix: '/v1' },
  )
  return app
}
