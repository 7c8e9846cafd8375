// Caching, sharing and compression for GET: ETags and Last-Modified (304 on
// If-None-Match, or else on If-Modified-Since), a
// short public Cache-Control, CORS open to every origin, and br/gzip bodies
// for clients that ask (browsers, curl --compressed, Python requests, fetch).
import * as zlib from 'node:zlib'
import { type ZlibOptions, gzipSync } from 'node:zlib'
import { negotiate } from '@fastify/accept-negotiator'
import compress from '@fastify/compress'
import cors from '@fastify/cors'
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { digest } from '../services/digest.js'
import { addRouteHook } from './route-hooks.js'

/**
 * Content codings offered, preferred first. gzip first: on our JSON it is as small as brotli
 * at @fastify/compress's quality 4 in about 60% of the time (a plan document: 3.75 KB in
 * 62 µs against 3.86 KB in 106 µs), and an uncached answer pays it on every request.
 * zstd is left out until Node 22 is the floor.
 */
export const CONTENT_ENCODINGS = ['gzip', 'br'] as const

export type ResponseCoding = (typeof CONTENT_ENCODINGS)[number] | 'identity'

/**
 * The coding a compressible answer to this request goes out in, by @fastify/compress's own rules
 * (case-insensitive, `*` and x-gzip count as gzip, X-No-Compression turns it off): whatever the
 * client sends, one of three values, which is what the response cache keys on.
 */
export function responseCoding(request: FastifyRequest): ResponseCoding {
  const header = request.headers['accept-encoding']
  if (header === undefined || request.headers['x-no-compression'] !== undefined) return 'identity'
  const coding = negotiate(header.toLowerCase().replace(/\*|x-gzip/g, 'gzip'), [...CONTENT_ENCODINGS])
  return coding === 'gzip' || coding === 'br' ? coding : 'identity'
}

/** Bodies shorter than this many bytes go out uncompressed (@fastify/compress's threshold). */
export const COMPRESSION_THRESHOLD = 1024

/**
 * Content types compressed: @fastify/compress's default, with JSON Lines and YAML (text it
 * misses), given to it here so a 304 can tell what the 200 would have been.
 */
const COMPRESSIBLE_TYPES = /^text\/(?!event-stream)|(?:\+|\/)(?:json|jsonl|x-ndjson|yaml|x-yaml)(?:;|$)|(?:\+|\/)text(?:;|$)|(?:\+|\/)xml(?:;|$)|octet-stream(?:;|$)/u

/**
 * What a 304 carries of the 200 it stands for (RFC 9110 §15.4.5): its validators and caching
 * headers. Content headers (type, length, encoding, links) stay off it, cached or computed.
 */
export const NOT_MODIFIED_HEADERS = ['etag', 'cache-control', 'last-modified', 'vary'] as const
const CONTENT_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-disposition', 'link']

/**
 * gzip's options, for @fastify/compress and for the bodies compressed ahead of time alike.
 * Level 3 is the last of zlib's fast levels: on our answers (2-60 KB of JSON) it costs what
 * level 1 costs and 25-60% less CPU than the default 6, for 0-5% more bytes on a page of 20
 * (a page of 20 initiatives, 5.5 KB: 24 µs and 1956 bytes against 31 µs and 1914; a plan
 * document, 11 KB: 43 µs and 4292 bytes against 62 µs and 4128; a page of 100 initiatives,
 * 61 KB: 68 µs and 4271 bytes against 186 µs and 3574). Levels 4-6 search for longer matches.
 */
export const GZIP_OPTIONS: ZlibOptions = Object.freeze({ level: 3 })

/**
 * gzip's options for a body of this many bytes: GZIP_OPTIONS with zlib's window and hash cut to
 * the body (a window at least the body and zlib's 262-byte lookahead, so every match is still
 * found; the same bytes out on our answers). zlib allocates and clears its state, 256 KB at the
 * full window, on every call: a 1.4 KB page of budget totals needs 16 KB of it, which stays in
 * the CPU's caches (6% less CPU on an uncached page of budgets or of 20 initiatives).
 */
export const gzipOptionsFor = (bytes: number): ZlibOptions => {
  const windowBits = Math.max(9, Math.min(15, Math.ceil(Math.log2(bytes + 262))))
  return { ...GZIP_OPTIONS, windowBits, memLevel: Math.max(2, Math.min(8, windowBits - 6)) }
}

/** The gzip of these bytes, with the options for their size: what every compressed answer held in memory is. */
export const gzipBytes = (bytes: Buffer): Buffer => gzipSync(bytes, gzipOptionsFor(bytes.length))

/** The strong ETag of a body (its SHA-1), as the onSend hook computes it: answers serialized ahead of time keep it beside the body. */
export const etagOf = (body: string | Buffer) => `"${digest('sha1', body, 'base64')}"`

/** The gzip body @fastify/compress would send for this one (same zlib, same options), or null below the threshold. */
export function gzipOf(body: string): Buffer | null {
  const bytes = Buffer.from(body)
  return bytes.length < COMPRESSION_THRESHOLD ? null : gzipBytes(bytes)
}

/** If-None-Match against an ETag, by the weak comparison RFC 9110 §13.1.2 asks for (lists and * too). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string | undefined): boolean {
  if (!ifNoneMatch || !etag) return false
  if (ifNoneMatch.trim() === '*') return true
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  const wanted = opaque(etag)
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === wanted)
}

/**
 * Whether a GET may be answered 304, by RFC 9110 §13.2.2: If-None-Match decides when sent;
 * otherwise If-Modified-Since against Last-Modified (an invalid date is ignored). One rule for
 * answers computed and answers from the response cache.
 */
export function notModified(request: FastifyRequest, etag: unknown, lastModified: unknown): boolean {
  const ifNoneMatch = request.headers['if-none-match']
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, typeof etag === 'string' ? etag : undefined)
  // Most requests ask neither: no date parsed for them.
  const ifModifiedSince = request.headers['if-modified-since']
  if (ifModifiedSince === undefined) return false
  const since = Date.parse(ifModifiedSince)
  const modified = typeof lastModified === 'string' ? Date.parse(lastModified) : Number.NaN
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since
}

/**
 * What every answer gets before compression, in one hook: its ETag (the hash of the
 * published bytes, unless the route set one; streams have none), a short public
 * Cache-Control on a GET or HEAD that did not fail and says nothing else, and 304 with
 * no body when the client already holds it.
 */
const validateAndCache: onSendHookHandler = (request, reply, payload, done) => {
  let etag = reply.getHeader('etag')
  if (!etag && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
    etag = etagOf(payload)
    reply.header('etag', etag)
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return done(null, payload)
  if (reply.statusCode < 400 && !reply.hasHeader('cache-control')) reply.header('cache-control', 'public, max-age=300')
  if (reply.statusCode === 200 && notModified(request, etag, reply.getHeader('last-modified'))) {
    if (payload instanceof Readable) payload.destroy()
    else if (goesOutEncoded(request, reply, payload)) {
      // The 200 would have gone out compressed, with the weak ETag that comes with it.
      if (!String(etag).startsWith('W/')) reply.header('etag', `W/${etag}`)
    }
    varyByCoding(reply)
    for (const name of CONTENT_HEADERS) reply.removeHeader(name)
    // null, not '': no Content-Length for a 304 (an empty body's 0 would misstate the 200's). A HEAD's
    // goes on to Fastify's own HEAD hook, which reads what it is given: an empty stream leaves no
    // Content-Length either (null would throw there, a 500).
    reply.code(304)
    return done(null, request.method === 'HEAD' ? Readable.from([]) : null)
  }
  done(null, payload)
}

/** Whether this answer goes out compressed: already (a route's gzip kept ahead), or by @fastify/compress's rules. */
function goesOutEncoded(request: FastifyRequest, reply: FastifyReply, payload: unknown): boolean {
  const encoding = reply.getHeader('content-encoding')
  if (encoding !== undefined) return encoding !== 'identity'
  return (
    (typeof payload === 'string' || Buffer.isBuffer(payload)) &&
    Buffer.byteLength(payload) >= COMPRESSION_THRESHOLD &&
    COMPRESSIBLE_TYPES.test(String(reply.getHeader('content-type') ?? 'application/json')) &&
    responseCoding(request) !== 'identity'
  )
}

/**
 * The ETag is the hash of the published bytes; a compressed body is the same
 * representation in other bytes, so its ETag becomes weak (as nginx does),
 * and If-None-Match still matches by the weak comparison.
 */
const weakenEtagOfEncodedBody: onSendHookHandler = (_request: FastifyRequest, reply: FastifyReply, payload, done) => {
  const tag = reply.getHeader('etag')
  if (reply.hasHeader('content-encoding') && typeof tag === 'string' && !tag.startsWith('W/')) reply.header('etag', `W/${tag}`)
  varyByCoding(reply)
  done(null, payload)
}

/**
 * Vary: accept-encoding on every answer of a compressible type, compressed or not: a shared cache
 * must not give the identity body kept for one client to another that asked for gzip, nor the
 * reverse (@fastify/compress says it only on the answers it compresses).
 */
function varyByCoding(reply: FastifyReply): void {
  if (!COMPRESSIBLE_TYPES.test(String(reply.getHeader('content-type') ?? ''))) return
  const vary = reply.getHeader('vary')
  if (!/accept-encoding|\*/i.test(String(vary ?? ''))) reply.header('vary', vary ? `${vary}, accept-encoding` : 'accept-encoding')
}

async function httpCaching(app: FastifyInstance) {
  // An OPTIONS without Origin or Access-Control-Request-Method (not a preflight) is answered as one, not as a text/plain 400.
  // Writes are allowed from other origins too: they carry a bearer token, never a cookie, so a page
  // cannot make them on its visitor's behalf (the preflight allows the headers asked for: Authorization, If-Match).
  await app.register(cors, { origin: '*', methods: ['GET', 'HEAD', 'OPTIONS', 'POST', 'DELETE'], strictPreflight: false })
  app.addHook('onSend', validateAndCache)
  await app.register(compress, {
    encodings: [...CONTENT_ENCODINGS],
    threshold: COMPRESSION_THRESHOLD,
    zlibOptions: GZIP_OPTIONS,
    // Node's zlib, but a body held in memory gets options fitted to its size (gzipBytes); streams
    // (bodies past syncThreshold) keep GZIP_OPTIONS. @fastify/compress calls the sync methods given here.
    zlib: { ...zlib, gzipSync: (payload: Buffer) => gzipBytes(payload) },
    customTypes: COMPRESSIBLE_TYPES,
    // Bodies up to 256 KiB (every JSON and CSV page) are compressed in one synchronous call,
    // so the response cache can keep the compressed bytes; bigger ones (downloads) stream.
    syncThreshold: 256 * 1024,
    // Request bodies are plan texts of a few KB: not worth a hook on every request to inflate them.
    globalDecompression: false,
  })
  // Runs after compression's own onSend, which it adds to every route as it is declared.
  app.addHook('onRoute', (route) => {
    addRouteHook(route, 'onSend', weakenEtagOfEncodedBody)
  })
}

export default fp(httpCaching, { name: 'http-caching' })
