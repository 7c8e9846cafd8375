// Caching, sharing and compression for GET: ETags and Last-Modified (304 on
// If-None-Match, or else on If-Modified-Since), a
// short public Cache-Control, CORS open to every origin, and br/gzip bodies
// for clients that ask (browsers, curl --compressed, Python requests, fetch).
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { negotiate } from '@fastify/accept-negotiator'
import compress from '@fastify/compress'
import cors from '@fastify/cors'
import etag from '@fastify/etag'
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify'
import fp from 'fastify-plugin'
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

/** The hash an ETag quotes: SHA-1 of the published bytes, in base64 (@fastify/etag's own, passed to it). */
const etagHash = (payload: string | Buffer) => createHash('sha1').update(payload).digest('base64')

/** The strong ETag of a body, as the onSend hook computes it: answers serialized ahead of time keep it beside the body. */
export const etagOf = (body: string | Buffer) => `"${etagHash(body)}"`

/** The gzip body @fastify/compress would send for this one (same zlib, same default options), or null below the threshold. */
export function gzipOf(body: string): Buffer | null {
  const bytes = Buffer.from(body)
  return bytes.length < COMPRESSION_THRESHOLD ? null : gzipSync(bytes)
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
  const since = Date.parse(request.headers['if-modified-since'] ?? '')
  const modified = typeof lastModified === 'string' ? Date.parse(lastModified) : Number.NaN
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since
}

/** 304 with no body for a GET or HEAD the client already holds (after the ETag is computed, before compression). */
const answerNotModified: onSendHookHandler = (request, reply, payload, done) => {
  if ((request.method === 'GET' || request.method === 'HEAD') && reply.statusCode === 200 && notModified(request, reply.getHeader('etag'), reply.getHeader('last-modified'))) {
    reply.code(304)
    if (payload instanceof Readable) payload.destroy()
    return done(null, '')
  }
  done(null, payload)
}

/**
 * The ETag is the hash of the published bytes; a compressed body is the same
 * representation in other bytes, so its ETag becomes weak (as nginx does),
 * and If-None-Match still matches by the weak comparison.
 */
const weakenEtagOfEncodedBody: onSendHookHandler = (_request: FastifyRequest, reply: FastifyReply, payload, done) => {
  const tag = reply.getHeader('etag')
  if (reply.hasHeader('content-encoding') && typeof tag === 'string' && !tag.startsWith('W/')) reply.header('etag', `W/${tag}`)
  done(null, payload)
}

async function httpCaching(app: FastifyInstance) {
  await app.register(cors, { origin: '*', methods: ['GET', 'HEAD', 'OPTIONS'] })
  // Its own 304 compares If-None-Match exactly; answerNotModified does both conditions, lists of tags too.
  await app.register(etag, { hashFn: etagHash, replyWith304: false })
  app.addHook('onSend', answerNotModified)
  await app.register(compress, {
    encodings: [...CONTENT_ENCODINGS],
    threshold: COMPRESSION_THRESHOLD,
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
  app.addHook('onSend', (request, reply, payload, done) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && reply.statusCode < 400 && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'public, max-age=300')
    }
    done(null, payload)
  })
}

export default fp(httpCaching, { name: 'http-caching' })
