// Read-only serving: a replica (READ_ONLY=true) or a cluster worker
// (WORKERS>1) opens the database read-only. A replica answers every write
// 403 before it is authenticated or parsed; a worker of the writer hands
// writes to its primary. /healthz says what this server is: a replica names
// the snapshot it serves.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { FORWARDED_HEADERS, type ForwardedAnswer, type ForwardedWrite } from '../cluster-writes.js'
import type { SnapshotInfo } from '../replica/snapshot.js'
import { sendProblem } from './problems.js'
import { addRouteHook } from './route-hooks.js'

export interface Serving {
  role: 'writer' | 'replica'
  /** The snapshot a replica serves; undefined on the writer. */
  snapshot?: SnapshotInfo
}

declare module 'fastify' {
  interface FastifyInstance {
    /** What this server is, for /healthz. */
    serving(): Serving
  }
}

export interface ReadOnlyOptions {
  /** Refuse writes (a replica, or a cluster worker whose primary holds the writes). */
  readOnly: boolean
  /** A replica's current snapshot; absent on the writer and its workers. */
  snapshot?: () => SnapshotInfo
  /** A cluster worker's: hands a write to the primary, which holds the writer (src/cluster-writes.ts). */
  forwardWrite?: (write: ForwardedWrite) => Promise<ForwardedAnswer>
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

async function readOnly(app: FastifyInstance, options: ReadOnlyOptions) {
  const snapshot = options.snapshot
  app.decorate('serving', (): Serving => (snapshot ? { role: 'replica', snapshot: snapshot() } : { role: 'writer' }))
  if (!options.readOnly) return
  // Answers without calling its callback: the request goes no further.
  const refuse = (_request: FastifyRequest, reply: FastifyReply, _done: () => void) => {
    sendProblem(reply, {
      type: '/problems/writes-disabled',
      title: 'Writes disabled',
      status: 403,
      detail: 'this server is a read-only replica: send writes to the writer',
    })
  }
  const forward = options.forwardWrite
  // After the body is parsed (and limited) here; the primary validates, authenticates and imports it.
  const forwardToWriter = async (request: FastifyRequest, reply: FastifyReply) => {
    const headers: Record<string, string> = {}
    for (const name of FORWARDED_HEADERS) if (typeof request.headers[name] === 'string') headers[name] = request.headers[name]
    const body = request.body
    const payload = body === undefined ? {} : Buffer.isBuffer(body) ? { payload: body.toString('base64'), payloadEncoding: 'base64' as const } : { payload: typeof body === 'string' ? body : JSON.stringify(body) }
    const answer = await forward!({ method: request.method, url: request.url, headers, ...payload, ip: request.ip })
    return reply.code(answer.statusCode).headers(answer.headers).send(answer.body)
  }
  app.addHook('onRoute', (route) => {
    // GraphQL reads by POST; the schema has no mutations.
    if (route.url === '/graphql' || ![route.method].flat().some((method) => WRITE_METHODS.has(method))) return
    if (forward) addRouteHook(route, 'preValidation', forwardToWriter, 'first')
    else addRouteHook(route, 'onRequest', refuse, 'first')
  })
}

export default fp(readOnly, { name: 'read-only' })
