// Conditional writes (RFC 9110 §13.1): a system that read a plan sends its
// ETag back in If-Match, so a plan changed since is neither replaced nor
// deleted unseen; If-None-Match: * adds a plan only where none has its id.
// A condition that fails is a 412 and nothing is written.
import type { FastifyInstance, FastifyRequest } from 'fastify'

/** A tag without its weakness mark. */
const opaque = (tag: string) => tag.replace(/^W\//, '')

/** The entity tags of a header's list, as sent ("*" alone, or quoted tags, weak or not). */
const tagsOf = (header: string) => header.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '')

/**
 * Why the request's preconditions fail against the plan's current ETag (undefined: no plan), or
 * undefined when they hold. A weak tag matches too, in If-Match as well: this server's are weak only
 * because the answer was compressed (http-caching.ts), the same bytes once decoded, so the ETag a
 * client read works whatever Accept-Encoding it sent.
 */
export function failedPrecondition(request: FastifyRequest, current: string | undefined): string | undefined {
  const ifMatch = request.headers['if-match']
  if (ifMatch !== undefined) {
    if (current === undefined) return 'If-Match: there is no such plan'
    const tags = tagsOf(ifMatch)
    if (!tags.includes('*') && !tags.some((tag) => opaque(tag) === current)) return `If-Match: the plan's ETag is now ${current}`
  }
  const ifNoneMatch = request.headers['if-none-match']
  if (ifNoneMatch !== undefined && current !== undefined) {
    const tags = tagsOf(ifNoneMatch)
    if (tags.includes('*')) return 'If-None-Match: *: a plan with this id exists'
    if (tags.some((tag) => opaque(tag) === current)) return `If-None-Match: the plan's ETag is ${current}`
  }
  return undefined
}

/** Whether the request states a precondition at all (most writes do not: no lookup for them). */
export const hasPrecondition = (request: FastifyRequest) => request.headers['if-match'] !== undefined || request.headers['if-none-match'] !== undefined

/** The ETag GET /v1/plans/{id} answers now (identity, so strong), or undefined when there is no such plan. */
export async function currentPlanEtag(app: FastifyInstance, id: string): Promise<string | undefined> {
  const answer = await app.inject({ method: 'GET', url: `/v1/plans/${encodeURIComponent(id)}` })
  return answer.statusCode === 200 && typeof answer.headers.etag === 'string' ? answer.headers.etag : undefined
}

/** Runs writes one after another, so a precondition checked still holds when its write is made. */
export function oneAtATime(): <T>(write: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve()
  return <T>(write: () => Promise<T>) => {
    const next = last.then(write, write)
    last = next.catch(() => undefined)
    return next
  }
}
