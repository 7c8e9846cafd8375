// The downloads writer on its own thread: writing every file of 1000 plans
// takes about a second, which on the server's thread would stall every
// request meanwhile. It reads through its own read-only connection.
import { parentPort, workerData } from 'node:worker_threads'
import { openReadOnly } from '../db/connection.js'
import { type DownloadsOutcome, type Licence, tryWriteDownloads } from './downloads.js'

export interface DownloadsJob {
  dir: string
  licence: Licence
}

// A database that cannot be opened is reported with each job, not thrown: the server keeps running.
let connection: ReturnType<typeof openReadOnly> | undefined
let openError: string | undefined
try {
  connection = openReadOnly((workerData as { databasePath: string }).databasePath, { snapshots: true })
} catch (error) {
  openError = `cannot open the database: ${error instanceof Error ? error.message : String(error)}`
}

parentPort!.on('message', (job: DownloadsJob) => {
  const outcome: DownloadsOutcome = connection ? tryWriteDownloads(connection.db, job.dir, job.licence) : { ok: false, message: openError! }
  parentPort!.postMessage(outcome)
})
