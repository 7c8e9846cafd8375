// The server: configuration, listen, and a graceful close on SIGTERM/SIGINT.
import { buildApp } from './app.js'
import { datasetInfo, loadConfig } from './config.js'
import { processRole } from './process-role.js'

const config = loadConfig()
// A replica, a cluster primary or worker, or the writer (src/process-role.ts).
const role = await processRole(config)
const app = await buildApp({
  databasePath: config.DATABASE_PATH,
  seedDir: config.SEED_DIR,
  logger: { level: config.LOG_LEVEL },
  rateLimitMax: config.RATE_LIMIT_MAX,
  adminToken: config.ADMIN_TOKEN ?? null,
  bodyLimit: config.BODY_LIMIT_BYTES,
  requestTimeout: config.REQUEST_TIMEOUT_MS,
  maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
  downloadsDir: config.DOWNLOADS_DIR,
  dataset: datasetInfo(config),
  publicUrl: config.PUBLIC_URL ?? null,
  ...role.appOptions,
})
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

await app.listen({ host: config.HOST, port: config.PORT })
