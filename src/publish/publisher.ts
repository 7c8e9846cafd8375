// Runs the downloads writer off the event loop and coalesces requests: a
// publish asked for while one runs is done once, right after it, so a burst
// of imports costs two writes, not one per import.
import { Worker } from 'node:worker_threads'
import type { Db } from '../db/connection.js'
import type { DownloadsJob } from './downloads-worker.js'
import { type DownloadsOutcome, type Licence, tryWriteDownloads } from './downloads.js'

export interface Publisher {
  /** Resolves once the downloads on disk include every write made before the call. */
  publish(): Promise<DownloadsOutcome>
  close(): Promise<void>
}

function startWorker(databasePath: string): Worker {
  const workerData = { databasePath }
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./downloads-worker.js', import.meta.url), { workerData })
  // Run from TypeScript sources (tsx: the server, the tests). Node 20 loads a worker's entry
  // before any --import hook runs in it, so the worker registers tsx and then loads the entry.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'))
  const entry = JSON.stringify(new URL('./downloads-worker.ts', import.meta.url).href)
  return new Worker(`import(${tsx}).then(({ register }) => { register(); return import(${entry}) })`, { eval: true, workerData })
}

export function createPublisher(options: { databasePath: string; dir: string; licence: Licence; db: Db }): Publisher {
  const job: DownloadsJob = { dir: options.dir, licence: options.licence }
  // An in-memory database exists only in its one connection: there the write stays on this thread.
  const inline = options.databasePath === ':memory:'
  let worker: Worker | undefined
  let workerError: string | undefined
  let running: Promise<DownloadsOutcome> | undefined
  let queued: Promise<DownloadsOutcome> | undefined

  const runOnce = (): Promise<DownloadsOutcome> => {
    if (inline) return Promise.resolve(tryWriteDownloads(options.db, job.dir, job.licence))
    if (!worker) {
      worker = startWorker(options.databasePath)
      // A worker that throws outside a job (it could not start, say) exits after this event.
      worker.on('error', (error) => {
        workerError = error.message
      })
    }
    const current = worker
    current.ref() // a job under way keeps the process alive; an idle writer does not
    return new Promise<DownloadsOutcome>((resolve) => {
      const onExit = (code: number) => {
        worker = undefined
        // The worker's 'error' may come just after its 'exit'.
        setImmediate(() => {
          resolve({ ok: false, message: `the downloads writer stopped (exit code ${code})${workerError ? `: ${workerError}` : ''}` })
          workerError = undefined
        })
      }
      current.once('exit', onExit)
      current.once('message', (outcome: DownloadsOutcome) => {
        current.off('exit', onExit)
        resolve(outcome)
      })
      current.postMessage(job)
    }).finally(() => current.unref())
  }

  const publish = (): Promise<DownloadsOutcome> => {
    if (!running) {
      running = runOnce().finally(() => {
        running = undefined
      })
      return running
    }
    // One run after the current covers every call made while it runs.
    queued ??= running.then(() => {
      queued = undefined
      return publish()
    })
    return queued
  }

  return {
    publish,
    async close() {
      await queued
      await running
      await worker?.terminate()
      worker = undefined
    },
  }
}
