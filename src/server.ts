// The server: configuration and paths checked before anything is written,
// listen, and a graceful close on SIGTERM/SIGINT. A server that cannot start
// says why in one line on stderr and exits 1.
import cluster from 'node:cluster'
import { buildApp } from './app.js'
import { type Config, ConfigError, allowed, datasetInfo, loadConfig } from './config.js'
import { PlanDocumentError } from './importer/validate-document.js'
import { PlanParseError } from './plans/errors.js'
import { type ProcessRole, processRole } from './process-role.js'
import { parseRateLimitVenues } from './rate-limit-venues.js'
import { checkStartup, listenError } from './startup-checks.js'

function stop(error: unknown): never {
  process.stderr.write(`${startError(error).replace(/\s*\n\s*/g, ' ')}\n`)
  process.exit(1)
}

/** The line for a failed start, naming the variable at fault where it is known. */
function startError(error: unknown): string {
  if (error instanceof ConfigError) return error.message
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof PlanParseError || error instanceof PlanDocumentError) return new ConfigError('SEED_DIR', config.SEED_DIR, allowed('SEED_DIR'), message).message
  if (/^SQLITE_/.test((error as { code?: string }).code ?? '')) return new ConfigError('DATABASE_PATH', config.DATABASE_PATH, allowed('DATABASE_PATH'), message).message
  return `cannot start: ${message}`
}

let config: Config
let role: ProcessRole
try {
  config = loadConfig()
  // A cluster's workers start after their primary checked everything and prepared the database.
  if (!cluster.isWorker) await checkStartup(config)
  // A replica, a cluster primary or worker, or the writer (src/process-role.ts).
  role = await processRole(config)
} catch (error) {
  stop(error)
}

const app = await buildApp({
  databasePath: config.DATABASE_PATH,
  seedDir: config.SEED_DIR,
  logger: { level: config.LOG_LEVEL },
  rateLimitMax: config.RATE_LIMIT_MAX,
  rateLimitServerMs: config.RATE_LIMIT_SERVER_MS,
  maxConnections: config.MAX_CONNECTIONS,
  maxConnectionsPerClient: config.MAX_CONNECTIONS_PER_CLIENT,
  rateLimitVenues: config.RATE_LIMIT_VENUES === undefined ? [] : parseRateLimitVenues(config.RATE_LIMIT_VENUES),
  adminToken: config.ADMIN_TOKEN ?? null,
  bodyLimit: config.BODY_LIMIT_BYTES,
  requestTimeout: config.REQUEST_TIMEOUT_MS,
  maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
  downloadsDir: config.DOWNLOADS_DIR,
  dataset: datasetInfo(config),
  publicUrl: config.PUBLIC_URL ?? null,
  cacheResponses: config.RESPONSE_CACHE,
  ...role.appOptions,
}).catch(stop)
// WORKERS>1: the primary prepares with the app, then only supervises the workers that listen (src/cluster.ts).
if (role.supervise) await role.supervise(app)

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'closing')
    // close() stops accepting connections, lets in-flight requests finish, then closes the database.
    app.close().then(
      () => process.exit(0),
      (error) => {
        app.log.error(error, 'close failed')
        process.exit(1)
      },
    )
  })
}

// checkStartup bound the address a moment ago; another process could still take it meanwhile.
await app.listen({ host: config.HOST, port: config.PORT }).catch((error) => stop(listenError(config.HOST, config.PORT, error)))
