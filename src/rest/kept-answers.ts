// Answers kept whole per data version: the data changes only on import, so an
// answer that depends on nothing but the data (an entity by id, a plan
// document, an HTML page of a plan, organization, year or comparison) is
// built once, with its ETag and gzip body beside it. An uncached request then
// neither rebuilds, serializes, hashes nor compresses it; the bytes are those
// the route's serializer, the ETag hook and @fastify/compress would produce.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db/connection.js'
import { recentDataVersion } from '../db/data-version.js'
import { etagOf, gzipOf, responseCoding } from '../plugins/http-caching.js'
import { memoByDataVersion } from '../services/memo.js'

/** An answer as sent: the body, its strong ETag, its gzip (null when too short to compress), when its data last changed. */
export interface KeptAnswer {
  body: string
  etag: string
  gzip: Buffer | null
  lastModified: string | null
}

/** Strings count two bytes a character (what V8 may hold them in), plus the entry's own objects. */
const bytesOf = (answer: KeptAnswer, key: string) => 256 + 2 * (key.length + answer.body.length + answer.etag.length) + (answer.gzip?.length ?? 0)

/**
 * Answers kept, each set within its own bound, so pages never push out entities. Whole answers
 * follow the data version as the response cache does (another process's import within a second).
 */
export function keptAnswers(maxBytes: number) {
  const kept = memoByDataVersion<KeptAnswer>({ maxBytes, bytesOf }, recentDataVersion)
  /** The answer for `key`, built by `build` once per data version; undefined (not kept) when `build` finds nothing. */
  return (db: Db, key: string, build: () => { body: string; lastModified?: string | null } | undefined): KeptAnswer | undefined =>
    kept(db, key, () => {
      const built = build()
      return built && { body: built.body, etag: etagOf(built.body), gzip: gzipOf(built.body), lastModified: built.lastModified ?? null }
    })
}

/** Sends a kept answer as `contentType`, gzipped when the client asks; a conditional request's 304 is the hooks' (http-caching.ts). */
export function sendKept(request: FastifyRequest, reply: FastifyReply, answer: KeptAnswer, contentType: string): string | Buffer {
  // A string with this type goes out as it is; the ETag set here is not hashed again.
  reply.header('content-type', contentType).header('etag', answer.etag)
  if (answer.gzip !== null && responseCoding(request) === 'gzip') {
    // As @fastify/compress sends it (which leaves an encoded body alone).
    reply.header('vary', 'accept-encoding').header('content-encoding', 'gzip')
    return answer.gzip
  }
  return answer.body
}
