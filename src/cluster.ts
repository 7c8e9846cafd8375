// WORKERS>1: node:cluster runs that many HTTP workers on one port, each
// running server.ts with a read-only database. The primary prepares first
// (migrations, seeding and downloads, by readying the app it built), then
// listens on no port: it answers the writes its workers hand it
// (src/cluster-writes.ts), replaces a worker that dies and, on SIGTERM or
// SIGINT, has every worker drain its requests, closes its app, and exits 0.
import cluster, { type Worker } from 'node:cluster'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { answerWrites } from './cluster-writes.js'

export interface SuperviseOptions {
  /** The app the primary built: readied (which prepares the database and downloads). */
  app: FastifyInstance
  /** Answer the workers' writes with `app` (the writer); otherwise it is closed once ready (a replica's). */
  writes?: boolean
  workers: number
  log: Logger
  /** Environment for each new worker (a replica's current snapshot). */
  env?: () => Record<string, string>
  /** How long workers may take to drain before they are killed (default 30 s). */
  drainMs?: number
}

/** Workers that die before they listen this many times in a row: the configuration is wrong, so stop. */
const MAX_FAILED_STARTS = 5

export async function superviseWorkers(options: SuperviseOptions): Promise<never> {
  const { log } = options
  await options.app.ready()
  if (options.writes) answerWrites(options.app)
  else await options.app.close()

  let stopping = false
  let failedStarts = 0
  const listening = new WeakSet<Worker>()
  const fork = () => {
    const worker = cluster.fork(options.env?.() ?? {})
    worker.once('listening', () => {
      listening.add(worker)
      failedStarts = 0
    })
  }
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    if (!listening.has(worker) && ++failedStarts >= MAX_FAILED_STARTS) {
      log.fatal({ code, signal }, `${MAX_FAILED_STARTS} workers in a row stopped before listening; stopping`)
      process.exit(1)
    }
    log.error({ worker: worker.process.pid, code, signal }, 'worker stopped; starting another')
    fork()
  })
  for (let i = 0; i < options.workers; i++) fork()
  log.info({ workers: options.workers }, 'cluster started')

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopping = true
      log.info({ signal }, 'closing')
      const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined)
      let clean = true
      const exits = workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', (code) => {
              if (code !== 0) clean = false
              resolve()
            })
            // Each worker's own SIGTERM handler (server.ts) stops accepting, finishes its requests, closes the database.
            worker.process.kill('SIGTERM')
          }),
      )
      const timeout = setTimeout(() => {
        log.error({}, 'workers did not drain in time; killing them')
        for (const worker of workers) worker.process.kill('SIGKILL')
        process.exit(1)
      }, options.drainMs ?? 30_000)
      void Promise.all(exits)
        .then(() => {
          clearTimeout(timeout)
          log.info({ clean }, 'workers drained')
          // The writer's app: downloads under way finish. (A replica's was closed once ready.)
          return options.writes ? options.app.close() : undefined
        })
        .then(
          () => process.exit(clean ? 0 : 1),
          (error: Error) => {
            log.error({ err: error }, 'close failed')
            process.exit(1)
          },
        )
    })
  }
  // The primary serves nothing more; it exits from its signal handler.
  return new Promise<never>(() => {})
}
