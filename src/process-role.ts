// What this server process is, from READ_ONLY, SNAPSHOT_URL and WORKERS:
// - the writer (default): migrates, seeds, imports, writes downloads;
// - a replica (READ_ONLY=true): serves a verified snapshot, read-only;
// - with WORKERS>1, a cluster (src/cluster.ts): the primary does the above
//   preparation and takes the writes; its workers serve read-only.
// server.ts builds the app with `appOptions` and, in a primary, hands it to
// `supervise` instead of listening.
import cluster from 'node:cluster'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import type { AppOptions } from './app.js'
import { superviseWorkers } from './cluster.js'
import { createWriteForwarder } from './cluster-writes.js'
import type { Config } from './config.js'
import type { SnapshotInfo } from './replica/snapshot.js'
import { openSnapshotSource } from './replica/source.js'

/** The environment variable a primary hands its workers the snapshot in (later ones come as messages). */
const SNAPSHOT_ENV = 'WARD_PLANS_SNAPSHOT'

export interface ProcessRole {
  appOptions: Partial<AppOptions>
  /** Set in a cluster primary: prepares with the app, then runs the workers until SIGTERM (never returns). */
  supervise?: (app: FastifyInstance) => Promise<never>
}

/** TRUST_PROXY as Fastify takes it: `true`, a hop count, or addresses and CIDRs. */
function trustProxy(value: string | undefined): AppOptions['trustProxy'] {
  if (value === undefined || value === 'false') return false
  if (value === 'true') return true
  // A hop count is a number to Fastify (its types leave it out).
  return /^\d+$/.test(value) ? (Number(value) as unknown as string) : value
}

export async function processRole(config: Config): Promise<ProcessRole> {
  if (config.SNAPSHOT_URL && !config.READ_ONLY) throw new Error('SNAPSHOT_URL is for replicas: set READ_ONLY=true with it')
  const common: Partial<AppOptions> = { trustProxy: trustProxy(config.TRUST_PROXY) }
  const readOnly: Partial<AppOptions> = { ...common, readOnly: true, seedDir: null }

  if (cluster.isWorker) {
    let snapshot = process.env[SNAPSHOT_ENV] ? (JSON.parse(process.env[SNAPSHOT_ENV]) as SnapshotInfo) : undefined
    process.on('message', (message: { snapshot?: SnapshotInfo }) => {
      if (message?.snapshot) snapshot = message.snapshot
    })
    // A replica's workers refuse writes; the writer's hand them to the primary.
    return { appOptions: { ...readOnly, ...(snapshot ? { snapshot: () => snapshot! } : { forwardWrite: createWriteForwarder() }) } }
  }

  const log = pino({ level: config.LOG_LEVEL })
  const clustered = config.WORKERS > 1
  if (!config.READ_ONLY) {
    return { appOptions: common, ...(clustered ? { supervise: (app) => superviseWorkers({ app, workers: config.WORKERS, log, writes: true }) } : {}) }
  }
  const source = await openSnapshotSource({
    path: config.DATABASE_PATH,
    url: config.SNAPSHOT_URL,
    refreshSeconds: config.SNAPSHOT_REFRESH_SECONDS,
    log,
    onChange: (info) => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.send({ snapshot: info })
    },
  })
  if (!clustered) return { appOptions: { ...readOnly, snapshot: source.current } }
  return {
    appOptions: { ...readOnly, snapshot: source.current },
    supervise: (app) => superviseWorkers({ app, workers: config.WORKERS, log, env: () => ({ [SNAPSHOT_ENV]: JSON.stringify(source.current()) }) }),
  }
}
