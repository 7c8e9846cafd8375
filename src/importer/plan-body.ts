// A plan sent in a request body (a plan text or a saved page) read on a worker
// thread, within a time limit. Reading is the HTML converter and the parser;
// some bodies of a megabyte cost them seconds (lists nested a hundred deep, each
// line indented once per level; a thousand <br> a line), and on the server's
// thread that stalled every other request meanwhile. On the worker the server
// keeps answering, and a body still unread at the limit is refused as a plan
// that cannot be read (the worker is stopped and started afresh for the next).
import { Worker } from 'node:worker_threads'
import { PlanParseError } from '../plans/errors.js'
import { parsePlan } from '../plans/parse.js'
import type { PlanDocument } from '../plans/types.js'
import { SourceError } from '../sources/errors.js'
import { planTextOf } from '../sources/page-text.js'

export interface PlanBody {
  bytes: Uint8Array
  /** The request's Content-Type: the charset, and whether it is a page. */
  contentType: string | null
}

/** What a worker answers: the plan, or why it is not one (the errors the route tells the client). */
export type PlanBodyOutcome =
  | { ok: true; plan: PlanDocument }
  | { ok: false; error: { name: 'PlanParseError'; message: string; file: string; line: number; expected: string } | { name: 'SourceError' | 'Error'; message: string } }

/** Longest a body may take to read: a plan page takes some 10–50 ms, a whole megabyte of plan text well under a second. */
export const PLAN_BODY_READ_MS = 5_000

/** The plan in a body, read on this thread; the errors are those of the parser and the page reader. */
export function readPlanBody(body: PlanBody): PlanDocument {
  const page = { bytes: body.bytes, contentType: body.contentType, url: null, name: 'request body' }
  return parsePlan(planTextOf(page).text, 'request body')
}

/** readPlanBody as a worker answers it: errors as data, since they cross threads. */
export function planBodyOutcome(body: PlanBody): PlanBodyOutcome {
  try {
    return { ok: true, plan: readPlanBody(body) }
  } catch (error) {
    if (error instanceof PlanParseError) return { ok: false, error: { name: 'PlanParseError', message: error.message, file: error.file, line: error.line, expected: error.expected } }
    if (error instanceof SourceError) return { ok: false, error: { name: 'SourceError', message: error.message } }
    return { ok: false, error: { name: 'Error', message: error instanceof Error ? error.message : String(error) } }
  }
}

/** The error a worker's outcome stands for, as readPlanBody would have thrown it. */
function errorOf(error: Extract<PlanBodyOutcome, { ok: false }>['error']): Error {
  if (error.name === 'PlanParseError') return Object.assign(Object.create(PlanParseError.prototype) as PlanParseError, { ...error, name: 'PlanParseError' })
  if (error.name === 'SourceError') {
    const refused = new SourceError('request body', '')
    return Object.assign(refused, { message: error.message, reason: error.message.replace(/^request body: /, '') })
  }
  return new Error(error.message)
}

function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./plan-body-worker.js', import.meta.url))
  // From TypeScript sources (tsx: the server, the tests), as the downloads writer does (publish/publisher.ts).
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'))
  const entry = JSON.stringify(new URL('./plan-body-worker.ts', import.meta.url).href)
  return new Worker(`import(${tsx}).then(({ register }) => { register(); return import(${entry}) })`, { eval: true })
}

export interface PlanBodyReader {
  /** The plan in the body; throws PlanParseError or SourceError (a body not read within the limit is a SourceError). */
  read(body: PlanBody): Promise<PlanDocument>
  close(): Promise<void>
}

/** Reads bodies one at a time on one worker, started when first needed and kept (unreferenced) between bodies. */
export function createPlanBodyReader(options: { timeoutMs?: number } = {}): PlanBodyReader {
  const timeoutMs = options.timeoutMs ?? PLAN_BODY_READ_MS
  let worker: Worker | undefined
  let queue: Promise<unknown> = Promise.resolve()

  const readOnWorker = (body: PlanBody): Promise<PlanBodyOutcome> => {
    worker ??= startWorker()
    const current = worker
    current.ref()
    return new Promise<PlanBodyOutcome>((resolve) => {
      const stop = (outcome: PlanBodyOutcome) => {
        clearTimeout(timer)
        current.off('message', onMessage).off('exit', onExit).off('error', onError)
        current.unref()
        resolve(outcome)
      }
      const onMessage = (outcome: PlanBodyOutcome) => stop(outcome)
      let failure: string | undefined
      const onError = (error: Error) => {
        failure = error.message
      }
      const onExit = (code: number) => {
        if (worker === current) worker = undefined
        stop({ ok: false, error: { name: 'Error', message: `the plan reader stopped (exit code ${code})${failure ? `: ${failure}` : ''}` } })
      }
      const timer = setTimeout(() => {
        if (worker === current) worker = undefined
        current.off('exit', onExit)
        void current.terminate()
        stop({ ok: false, error: { name: 'SourceError', message: `request body: it was not read within ${timeoutMs / 1000} s (a plan page takes well under one); nothing was written` } })
      }, timeoutMs)
      current.on('message', onMessage).on('exit', onExit).on('error', onError)
      current.postMessage(body)
    })
  }

  return {
    async read(body) {
      const outcome = (queue = queue.then(() => readOnWorker(body), () => readOnWorker(body))) as Promise<PlanBodyOutcome>
      const result = await outcome
      if (result.ok) return result.plan
      throw errorOf(result.error)
    },
    async close() {
      const current = worker
      worker = undefined
      await current?.terminate()
    },
  }
}
