// RFC 8288 Link headers of paged answers: the request's own path and query
// with the next cursor, under PUBLIC_URL when one is configured, else
// path-absolute. Never built from the Host header: answers are cached for everyone.
import type { FastifyReply, FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyInstance {
    /** PUBLIC_URL: the base of absolute links; null: links are path-absolute. */
    publicUrl: string | null
  }
}

export function nextPageLink(publicUrl: string | null, requestUrl: string, nextCursor: string): string {
  const url = new URL(requestUrl, 'http://localhost')
  url.searchParams.set('cursor', nextCursor)
  return `<${(publicUrl ?? '').replace(/\/+$/, '')}${url.pathname}${url.search}>; rel="next"`
}

/** Sets the Link header when there is a next page. */
export function linkNextPage(request: FastifyRequest, reply: FastifyReply, nextCursor: string | null): void {
  if (nextCursor !== null) reply.header('link', nextPageLink(request.server.publicUrl, request.url, nextCursor))
}

/** The header as OpenAPI documents it on every paged answer. */
export const LINK_HEADER_DOC = {
  Link: { type: 'string', description: 'RFC 8288: <URL of the next page>; rel="next", when there is one.' },
} as const
