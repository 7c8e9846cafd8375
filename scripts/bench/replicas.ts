// npm run bench -- --replicas N: N read-only replicas of one snapshot behind nginx
// (deploy/nginx.conf, as test/deploy/nginx.test.ts runs it) against one replica
// loaded directly, in one run: the same snapshot of the seed, response cache off,
// the varied workload of --workers. CPU per request counts every process: nginx's
// master and workers and all the replicas. Needs nginx (skipped, saying so, without).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_DATASET_INFO } from '../../src/dataset-info.js'
import { openDatabase } from '../../src/db/connection.js'
import { seedDatabase } from '../../src/importer/seed.js'
import { writeDownloads } from '../../src/publish/downloads.js'
import { localSiteConf, nginxInstalled, NGINX, startNginx } from '../processes/nginx.js'
import { type SpawnedServer, freePort, serving, spawnServer } from '../processes/server.js'
import { type LoadRow, measureLoad, printLoadRows, variedPaths } from './server-load.js'
import { BENCH_SERVER_ENV } from './workers.js'

/** The snapshot a writer publishes after seeding (/downloads/ward-plans.sqlite), made the same way. */
function publishedSnapshot(dir: string): string {
  const connection = openDatabase(join(dir, 'writer.db'))
  try {
    seedDatabase(connection.db, new URL('../../seed/', import.meta.url).pathname)
    writeDownloads(connection.db, join(dir, 'downloads'), DEFAULT_DATASET_INFO)
  } finally {
    connection.close()
  }
  return join(dir, 'downloads', 'ward-plans.sqlite')
}

export async function compareReplicas(count: number, duration: number, connections: number): Promise<void> {
  if (!nginxInstalled()) {
    console.log(`\n--replicas: no nginx at ${NGINX}; nothing measured`)
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'ward-plans-bench-replicas-'))
  const replicas: SpawnedServer[] = []
  const stopAll = async (servers: SpawnedServer[]) => {
    for (const server of servers) server.process.kill('SIGTERM')
    await Promise.all(servers.map((server) => server.exited))
  }
  /** A replica (one process) serving its own copy of the snapshot. */
  const startReplica = async (i: number): Promise<{ server: SpawnedServer; origin: string; port: number }> => {
    const path = join(dir, `replica-${i}.sqlite`)
    copyFileSync(snapshot, path)
    const port = await freePort()
    const server = spawnServer({ ...BENCH_SERVER_ENV, READ_ONLY: 'true', WORKERS: '1', PORT: String(port), DATABASE_PATH: path, DOWNLOADS_DIR: join(dir, `downloads-${i}`), TRUST_PROXY: '127.0.0.1' })
    replicas.push(server)
    const origin = `http://127.0.0.1:${port}`
    await serving(origin, { exited: server.exited })
    return { server, origin, port }
  }
  const snapshot = publishedSnapshot(dir)
  const rows: LoadRow[] = []
  try {
    const one = await startReplica(0)
    const paths = await variedPaths(one.origin)
    rows.push(await measureLoad('one replica, directly', one.origin, paths, [one.server.process.pid!], { duration, connections }))
    await stopAll([one.server])

    const started = await Promise.all(Array.from({ length: count }, (_, i) => startReplica(i + 1)))
    const port = await freePort()
    // Writes would go to a writer; the bench sends none, so the port is only a placeholder.
    const nginx = await startNginx(dir, port, localSiteConf({ port, replicaPorts: started.map((r) => r.port), writerPort: await freePort() }))
    try {
      const pids = [nginx.process.pid!, ...started.map((r) => r.server.process.pid!)]
      rows.push(await measureLoad(`${count} replicas behind nginx`, nginx.origin, paths, pids, { duration, connections }))
    } finally {
      await nginx.stop()
    }
  } finally {
    await stopAll(replicas.filter((server) => server.process.exitCode === null && server.process.signalCode === null))
    rmSync(dir, { recursive: true, force: true })
  }
  printLoadRows(
    `seed snapshot, READ_ONLY replicas (WORKERS=1 each), response cache off, varied workload; nginx with deploy/nginx.conf, 1 worker process; ${connections} connections, ${duration} s each, autocannon in this process`,
    'served by',
    rows,
  )
}
