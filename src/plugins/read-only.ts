// Read-only serving: a replica (READ_ONLY=true) or a cluster worker
// (WORKERS>1) opens the database read-only, so every write route answers
// 403 before it is authenticated or parsed. /healthz says what this server
// is: a replica names the snapshot it serves.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
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
      detail: snapshot ? 'this server is a read-only replica: send writes to the writer' : 'this server process is read-only (WORKERS>1): import with the CLI, or run the writer with WORKERS=1',
    })
  }
  app.addHook('onRoute', (route) => {
    // GraphQL reads by POST; the schema has no mutations.
    if (route.url === '/graphql' || ![route.method].flat().some((method) => WRITE_METHODS.has(method))) return
    addRouteHook(route, 'onRequest', refuse, 'first')
  })
}

export default fp(readOnly, { name: 'read-only' })
