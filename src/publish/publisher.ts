// Runs the downloads writer off the event loop and coalesces requests: a
// publish asked for while one runs is done once, right after it, so a burst
// of imports costs two writes, not one per import.
import { Worker } from 'node:worker_threads'
import type { Db } from '../db/connection.js'
import type { DownloadsJob, DownloadsOutcome } from './downloads-worker.js'
import { type Licence, writeDownloads } from './downloads.js'

export interface Publisher {
  /** Resolves once the downloads on disk include every write made before the call. */
  publish(): Promise<DownloadsOutcome>
  close(): Promise<void>
}

// Under tsx (the server, the tests) the sources are .ts; a compiled build would have .js.
const WORKER_FILE = new URL(import.meta.url.endsWith('.ts') ? './downloads-worker.ts' : './downloads-worker.js', import.meta.url)

export function createPublisher(options: { databasePath: string; dir: string; licence: Licence; db: Db }): Publisher {
  const job: DownloadsJob = { dir: options.dir, licence: options.licence }
  // An in-memory database exists only in its one connection: there the write stays on this thread.
  const inline = options.databasePath === ':memory:'
  let worker: Worker | undefined
  let running: Promise<DownloadsOutcome> | undefined
  let queued: Promise<DownloadsOutcome> | undefined

  const runOnce = (): Promise<DownloadsOutcome> => {
    if (inline) {
      const started = performance.now()
      try {
        const manifest = writeDownloads(options.db, job.dir, job.licence)
        return Promise.resolve({ ok: true, files: manifest.files.length, ms: Math.round(performance.now() - started) })
      } catch (error) {
        return Promise.resolve({ ok: false, message: error instanceof Error ? error.message : String(error) })
      }
    }
    if (!worker) {
      worker = new Worker(WORKER_FILE, { workerData: { databasePath: options.databasePath } })
      worker.unref() // an idle writer does not keep the process alive
    }
    const current = worker
    return new Promise((resolve) => {
      const onExit = (code: number) => {
        worker = undefined
        resolve({ ok: false, message: `the downloads writer stopped (exit code ${code})` })
      }
      current.once('exit', onExit)
      current.once('message', (outcome: DownloadsOutcome) => {
        current.off('exit', onExit)
        resolve(outcome)
      })
      current.postMessage(job)
    })
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
