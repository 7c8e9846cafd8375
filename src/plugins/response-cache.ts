// Answers repeated reads from memory. The data only changes on import, so a
// response is valid until the database changes: every entry carries the data
// version (db/data-version.ts) and is dropped once it has moved. Entries are
// kept as sent (compressed, with their ETag), keyed by URL, representation
// and Accept-Encoding; GraphQL POSTs by their body.
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import { versionClock } from '../db/data-version.js'
import { wantsCsv } from '../rest/csv.js'
import { etagMatches } from './http-caching.js'
import { addRouteHook } from './route-hooks.js'

interface CachedResponse {
  version: number
  /** Encoded once: a hit writes the bytes without re-encoding or re-measuring the text. */
  payload: Buffer
  headers: Record<string, string>
}

const KEPT_HEADERS = ['content-type', 'content-encoding', 'etag', 'cache-control', 'content-disposition', 'vary']

export interface ResponseCacheOptions {
  /** Bytes of response bodies kept (default 64 MiB). */
  maxBytes?: number
  /** How stale a write by another process may be served (default 1 s; Cache-Control allows 300 s anyway). */
  maxVersionAgeMs?: number
}

async function responseCache(app: FastifyInstance, options: ResponseCacheOptions) {
  const cache = new LRUCache<string, CachedResponse>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (entry) => Math.max(1, entry.payload.length),
  })
  // Asking SQLite on every hit cost more than the rest of the hit together; this
  // process's own imports are seen at once, another process's within a second.
  const version = versionClock(app.db, options.maxVersionAgeMs ?? 1000)
  const keys = new WeakMap<FastifyRequest, { key: string; version: number }>()

  // The body's coding follows from Accept-Encoding alone (http-caching.ts), so the header is part
  // of the key as sent: a handful of distinct values in practice, and the LRU bounds the rest.
  const keyOf = (request: FastifyRequest): string | undefined => {
    const coding = `${request.headers['accept-encoding'] ?? ''}${request.headers['x-no-compression'] === undefined ? '' : ' x-no-compression'}`
    if (request.method === 'GET' && !request.url.startsWith('/docs') && request.url !== '/healthz') {
      return `GET ${request.url} ${wantsCsv(request) ? 'csv' : 'json'} ${coding}`
    }
    if (request.method === 'POST' && request.url === '/graphql' && request.body !== undefined) return `POST /graphql ${coding} ${JSON.stringify(request.body)}`
    return undefined
  }

  // A callback hook: a hit sends and never calls done(), so the request goes no further.
  const answerFromCache = (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const key = keyOf(request)
    if (!key) return done()
    const current = version()
    const hit = cache.get(key)
    if (hit && hit.version === current) {
      if (etagMatches(request.headers['if-none-match'], hit.headers.etag)) {
        const { etag, 'cache-control': cacheControl, vary } = hit.headers
        reply.code(304).headers({ etag, 'cache-control': cacheControl, ...(vary ? { vary } : {}) }).send()
        return
      }
      reply.headers(hit.headers).send(hit.payload)
      return
    }
    keys.set(request, { key, version: current })
    done()
  }

  // Kept as sent, so after compression and the ETag it ends with: a route's own onSend
  // hooks run after the global ones, and this one is added last to every route.
  const keep: onSendHookHandler = (request, reply, payload, done) => {
    const pending = keys.get(request)
    const storable = reply.statusCode === 200 && !String(reply.getHeader('cache-control') ?? '').includes('no-store')
    if (pending && storable && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      const headers: Record<string, string> = {}
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name)
        if (value !== undefined) headers[name] = String(value)
      }
      const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload
      cache.set(pending.key, { version: pending.version, payload: bytes, headers })
      return done(null, bytes)
    }
    done(null, payload)
  }
  // A GET is answered as its last onRequest hook (after the rate limit and the API headers,
  // before anything reads its query); a GraphQL POST once its body is parsed.
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat()
    if (methods.includes('GET')) addRouteHook(route, 'onRequest', answerFromCache)
    else if (methods.includes('POST') && route.url === '/graphql') addRouteHook(route, 'preValidation', answerFromCache)
    addRouteHook(route, 'onSend', keep)
  })
}

export default fp(responseCache, { name: 'response-cache', dependencies: ['database', 'http-caching'] })
