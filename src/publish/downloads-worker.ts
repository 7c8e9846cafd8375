// The downloads writer on its own thread: writing every file of 1000 plans
// takes about a second, which on the server's thread would stall every
// request meanwhile. It reads through its own read-only connection.
import { parentPort, workerData } from 'node:worker_threads'
import { openReadOnly } from '../db/connection.js'
import { type Licence, writeDownloads } from './downloads.js'

export interface DownloadsJob {
  dir: string
  licence: Licence
}

export type DownloadsOutcome = { ok: true; files: number; ms: number } | { ok: false; message: string }

// A database that cannot be opened is reported with each job, not thrown: the server keeps running.
let connection: ReturnType<typeof openReadOnly> | undefined
let openError: string | undefined
try {
  connection = openReadOnly((workerData as { databasePath: string }).databasePath, { snapshots: true })
} catch (error) {
  openError = `cannot open the database: ${error instanceof Error ? error.message : String(error)}`
}

parentPort!.on('message', (job: DownloadsJob) => {
  const started = performance.now()
  let outcome: DownloadsOutcome
  try {
    if (!connection) throw new Error(openError)
    const manifest = writeDownloads(connection.db, job.dir, job.licence)
    outcome = { ok: true, files: manifest.files.length, ms: Math.round(performance.now() - started) }
  } catch (error) {
    outcome = { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
  parentPort!.postMessage(outcome)
})
