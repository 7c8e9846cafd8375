// Answers repeated reads from memory. The data only changes on import, so a
// response is valid until the database changes: every entry carries the data
// version (db/data-version.ts) and is dropped once it has moved. Entries are
// kept as sent (compressed, with their ETag), keyed by URL, representation
// and the coding sent; GraphQL POSTs by their body, type and coding. The bound counts keys,
// headers and bodies alike, and requests with unusually large keys (a long
// URL, a GraphQL body of several KB) are answered but never kept.
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import { versionClock } from '../db/data-version.js'
import { graphqlMediaTypeOf, representationOf } from '../rest/negotiation.js'
import { refuses } from './acceptable.js'
import { NOT_MODIFIED_HEADERS, notModified, responseCoding } from './http-caching.js'
import { addRouteHook } from './route-hooks.js'
import { digest } from '../services/digest.js'

interface CachedResponse {
  version: number
  /** Encoded once: a hit writes the bytes without re-encoding or re-measuring the text. */
  payload: Buffer
  headers: Record<string, string>
}

const KEPT_HEADERS = ['content-type', 'content-encoding', 'etag', 'last-modified', 'cache-control', 'content-disposition', 'vary', 'link']

/** A URL or GraphQL body longer than this is not kept: real ones are a few hundred characters. */
export const MAX_KEYED_REQUEST_CHARS = 4096
/** Keys longer than this are kept as their SHA-256. */
const MAX_PLAIN_KEY_CHARS = 256
/** What an entry costs beyond its key, headers and body (objects, the LRU's own bookkeeping). */
const ENTRY_OVERHEAD_BYTES = 512

declare module 'fastify' {
  interface FastifyInstance {
    /** What the response cache holds and its bound (tests, diagnostics). */
    responseCacheSize(): { entries: number; bytes: number; maxBytes: number }
  }
}

export interface ResponseCacheOptions {
  /** Bytes kept: keys, headers and bodies (default 64 MiB). */
  maxBytes?: number
  /** How stale a write by another process may be served (default 1 s; Cache-Control allows 300 s anyway). */
  maxVersionAgeMs?: number
}

async function responseCache(app: FastifyInstance, options: ResponseCacheOptions) {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024
  const cache = new LRUCache<string, CachedResponse>({
    maxSize: maxBytes,
    // Strings count two bytes a character: what V8 may hold them in.
    sizeCalculation: (entry, key) =>
      ENTRY_OVERHEAD_BYTES + 2 * key.length + entry.payload.length + Object.entries(entry.headers).reduce((sum, [name, value]) => sum + 2 * (name.length + value.length), 0),
  })
  app.decorate('responseCacheSize', () => ({ entries: cache.size, bytes: cache.calculatedSize, maxBytes }))
  // Asking SQLite on every hit cost more than the rest of the hit together; this
  // process's own imports are seen at once, another process's within a second.
  const version = versionClock(app.db, options.maxVersionAgeMs ?? 1000)
  const keys = new WeakMap<FastifyRequest, { key: string; version: number }>()

  // Only what the answer depends on: the route (URL, and the body for GraphQL), the
  // representation (CSV, JSON-LD, JSON or the route's default; GraphQL's type or JSON) and the
  // coding sent. Never Host or any other header.
  const keyOf = (request: FastifyRequest): string | undefined => {
    let key: string
    if (request.method === 'GET' && !request.url.startsWith('/docs') && request.url !== '/healthz') {
      if (request.url.length > MAX_KEYED_REQUEST_CHARS) return undefined
      const representation = request.routeOptions.url === '/graphql' ? graphqlMediaTypeOf(request) : representationOf(request)
      key = `GET ${request.url} ${representation} ${responseCoding(request)}`
    } else if (request.method === 'POST' && request.url === '/graphql' && request.body !== undefined) {
      // The announced length spares serializing a large body only to find it too large.
      if (!(Number(request.headers['content-length']) <= MAX_KEYED_REQUEST_CHARS)) return undefined
      const body = JSON.stringify(request.body)
      if (body.length > MAX_KEYED_REQUEST_CHARS) return undefined
      key = `POST /graphql ${graphqlMediaTypeOf(request)} ${responseCoding(request)} ${body}`
    } else return undefined
    return key.length > MAX_PLAIN_KEY_CHARS ? `sha256 ${digest('sha256', key, 'base64url')}` : key
  }

  // A callback hook: a hit sends and never calls done(), so the request goes no further.
  const answerFromCache = (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const key = keyOf(request)
    if (!key) return done()
    const current = version()
    const hit = cache.get(key)
    // An Accept refusing the kept type goes the way of a miss, to the 406 the route's answer
    // becomes (plugins/acceptable.ts): neither the body nor a 304 may stand for it. Nothing is
    // kept from that way, so the entry stays for the clients that take it.
    if (hit && refuses(request, hit.headers['content-type'] ?? 'application/json')) return done()
    if (hit && hit.version === current) {
      if (notModified(request, hit.headers.etag, hit.headers['last-modified'])) {
        reply.code(304)
        for (const name of NOT_MODIFIED_HEADERS) if (hit.headers[name] !== undefined) reply.header(name, hit.headers[name])
        reply.send()
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

export default fp(responseCache, { name: 'response-cache', dependencies: ['database', 'acceptable', 'http-caching'] })
