// HTTP writes in a cluster (WORKERS>1): workers hold a read-only connection,
// so a worker hands each POST/DELETE to the primary over the cluster's IPC
// channel, and the primary, which holds the one writer app (migrations,
// importer, downloads), answers it with app.inject(). Writes thus run one at
// a time in one process, as with WORKERS=1. Before it answers, the primary
// tells every worker that the data changed, so a read after a write's answer
// sees it on any worker (their snapshots and version clocks are otherwise
// renewed once a second, which is how a CLI import beside the server is seen).
import cluster from 'node:cluster'
import type { FastifyInstance } from 'fastify'
import { noteWrite } from './db/data-version.js'

export interface ForwardedWrite {
  method: string
  url: string
  headers: Record<string, string>
  /** The body as read: text, or bytes (a plan text or page, read in its own charset) in base64, which the IPC channel's JSON carries. */
  payload?: string
  payloadEncoding?: 'base64'
  /** The client's address, so the primary's rate limit counts it, not the worker. */
  ip: string
}

export interface ForwardedAnswer {
  statusCode: number
  headers: Record<string, string>
  body: string
}

interface WriteMessage {
  kind: 'ward-plans:write'
  id: number
  write: ForwardedWrite
}

interface AnswerMessage {
  kind: 'ward-plans:written'
  id: number
  answer: ForwardedAnswer
}

/** From the primary to every worker: a write was made; read the database again at the next request. */
interface ChangedMessage {
  kind: 'ward-plans:changed'
}

/** The request headers a write needs: who may write, what the body is, and on what condition. */
export const FORWARDED_HEADERS = ['authorization', 'content-type', 'if-match', 'if-none-match']
/** The answer's headers a client needs (the worker sets its own security headers and request id). */
const ANSWER_HEADERS = ['content-type', 'location', 'www-authenticate', 'cache-control', 'retry-after']

/** In a worker: sends a write to the primary and resolves with its answer. */
export function createWriteForwarder(timeoutMs = 60_000): (write: ForwardedWrite) => Promise<ForwardedAnswer> {
  let next = 0
  const pending = new Map<number, (answer: ForwardedAnswer) => void>()
  process.on('message', (message: AnswerMessage | ChangedMessage) => {
    // Another worker's write (or this one's): this worker's snapshot and version clock look again.
    if (message?.kind === 'ward-plans:changed') return noteWrite()
    if (message?.kind !== 'ward-plans:written') return
    // The write's own worker too, whichever of the two messages comes first.
    noteWrite()
    pending.get(message.id)?.(message.answer)
    pending.delete(message.id)
  })
  return (write) =>
    new Promise<ForwardedAnswer>((resolve, reject) => {
      const id = ++next
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new Error(`the primary did not answer the write in ${timeoutMs} ms`))
      }, timeoutMs)
      pending.set(id, (answer) => {
        clearTimeout(timer)
        resolve(answer)
      })
      process.send!({ kind: 'ward-plans:write', id, write } satisfies WriteMessage)
    })
}

/** In the primary: answers the workers' writes with the writer app. */
export function answerWrites(app: FastifyInstance): void {
  cluster.on('message', (worker, message: WriteMessage) => {
    if (message?.kind !== 'ward-plans:write') return
    void app.inject({ method: message.write.method as 'POST', url: message.write.url, headers: message.write.headers, payload: message.write.payloadEncoding === 'base64' ? Buffer.from(message.write.payload ?? '', 'base64') : message.write.payload, remoteAddress: message.write.ip }).then(
      (response) => {
        const headers: Record<string, string> = {}
        for (const name of ANSWER_HEADERS) if (response.headers[name] !== undefined) headers[name] = String(response.headers[name])
        const answer: ForwardedAnswer = { statusCode: response.statusCode, headers, body: response.body }
        // Every worker hears of a write that was made before its client has the answer.
        if (response.statusCode < 300) {
          for (const other of Object.values(cluster.workers ?? {})) {
            if (other && other !== worker && other.isConnected()) other.send({ kind: 'ward-plans:changed' } satisfies ChangedMessage)
          }
        }
        if (worker.isConnected()) worker.send({ kind: 'ward-plans:written', id: message.id, answer } satisfies AnswerMessage)
      },
      (error: Error) => app.log.error({ err: error }, 'forwarded write failed'),
    )
  })
}
