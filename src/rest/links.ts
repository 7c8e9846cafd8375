// Links in answers: RFC 8288 Link headers of paged answers (the request's own
// path and query with the next cursor) and each entity's own `url`. Under
// PUBLIC_URL when one is configured, else path-absolute. Never built from the
// Host header: answers are cached for everyone.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { PlanDocument } from '../plans/types.js'
import type { SearchHit } from '../services/search.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** PUBLIC_URL: the base of absolute links; null: links are path-absolute. */
    publicUrl: string | null
  }
}

/** A path of this service as answers give it: absolute under PUBLIC_URL, else as it is. */
export function publicLink(publicUrl: string | null, path: string): string {
  return `${(publicUrl ?? '').replace(/\/+$/, '')}${path}`
}

export function nextPageLink(publicUrl: string | null, requestUrl: string, nextCursor: string): string {
  const url = new URL(requestUrl, 'http://localhost')
  url.searchParams.set('cursor', nextCursor)
  return `<${publicLink(publicUrl, `${url.pathname}${url.search}`)}>; rel="next"`
}

/** The REST collection of each kind of entity: /v1/{collection}/{id} is one. */
export const COLLECTIONS = { organization: 'organizations', plan: 'plans', issue: 'issues', strategy: 'strategies', initiative: 'initiatives' } as const
export type EntityKind = keyof typeof COLLECTIONS

/** The URL of one entity. */
export function entityUrl(publicUrl: string | null, kind: EntityKind, id: string): string {
  return publicLink(publicUrl, `/v1/${COLLECTIONS[kind]}/${encodeURIComponent(id)}`)
}

/** The entity with its own url (last, as the schemas list it). */
export function withUrl<T extends { id: string }>(publicUrl: string | null, kind: EntityKind, entity: T): T & { url: string } {
  return { ...entity, url: entityUrl(publicUrl, kind, entity.id) }
}

/** A plan document with the url of the plan, its organization, and each of its issues, strategies and initiatives. */
export function planDocumentWithUrls<T extends PlanDocument>(publicUrl: string | null, plan: T): T & { url: string } {
  return {
    ...withUrl(publicUrl, 'plan', plan),
    organization: withUrl(publicUrl, 'organization', plan.organization),
    issues: plan.issues.map((issue) => ({
      ...withUrl(publicUrl, 'issue', issue),
      strategies: issue.strategies.map((strategy) => ({
        ...withUrl(publicUrl, 'strategy', strategy),
        initiatives: strategy.initiatives.map((initiative) => withUrl(publicUrl, 'initiative', initiative)),
      })),
    })),
  }
}

/** A search hit's entity; goals, missions, the policy and reform items are parts of their plan, whose url they get. */
export function searchHitUrl(publicUrl: string | null, hit: SearchHit): string {
  const kind = hit.kind === 'plan' || hit.kind === 'issue' || hit.kind === 'strategy' || hit.kind === 'initiative' ? hit.kind : null
  return kind ? entityUrl(publicUrl, kind, hit.id) : entityUrl(publicUrl, 'plan', hit.planId)
}

/** Sets the Link header when there is a next page. */
export function linkNextPage(request: FastifyRequest, reply: FastifyReply, nextCursor: string | null): void {
  if (nextCursor !== null) reply.header('link', nextPageLink(request.server.publicUrl, request.url, nextCursor))
}

/** The header as OpenAPI documents it on every paged answer. */
export const LINK_HEADER_DOC = {
  Link: { type: 'string', description: 'RFC 8288: <URL of the next page>; rel="next", when there is one.' },
} as const
