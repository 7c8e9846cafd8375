// HTTP writes in a cluster (WORKERS>1): workers hold a read-only connection,
// so a worker hands each POST/DELETE to the primary over the cluster's IPC
// channel, and the primary, which holds the one writer app (migrations,
// importer, downloads), answers it with app.inject(). Writes thus run one at
// a time in one process, as with WORKERS=1; the workers see them within a
// second through their data-version clocks.
import cluster from 'node:cluster'
import type { FastifyInstance } from 'fastify'

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

/** The request headers a write needs: who may write, what the body is, and on what condition. */
export const FORWARDED_HEADERS = ['authorization', 'content-type', 'if-match', 'if-none-match']
/** The answer's headers a client needs (the worker sets its own security headers and request id). */
const ANSWER_HEADERS = ['content-type', 'location', 'www-authenticate', 'cache-control', 'retry-after']

/** In a worker: sends a write to the primary and resolves with its answer. */
export function createWriteForwarder(timeoutMs = 60_000): (write: ForwardedWrite) => Promise<ForwardedAnswer> {
  let next = 0
  const pending = new Map<number, (answer: ForwardedAnswer) => void>()
  process.on('message', (message: AnswerMessage) => {
    if (message?.kind !== 'ward-plans:written') return
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
        if (worker.isConnected()) worker.send({ kind: 'ward-plans:written', id: message.id, answer } satisfies AnswerMessage)
      },
      (error: Error) => app.log.error({ err: error }, 'forwarded write failed'),
    )
  })
}
