// What every operation answers besides its own responses, added to the
// generated OpenAPI document in one place rather than to each route: the
// headers set by the hooks of src/plugins (request id, caching, ETags, rate
// limit) and the problems any route may meet (429, 500, 503). A route that
// declares a status or a header itself keeps its own.

export interface OpenApiHeader {
  description: string
  required?: boolean
  schema: { type: 'string' | 'integer' }
}

export interface OpenApiResponse {
  description: string
  headers?: Record<string, OpenApiHeader>
  content?: Record<string, { schema?: unknown; example?: unknown }>
}

export interface OpenApiOperation {
  operationId?: string
  parameters?: { in: string; name: string; example?: unknown }[]
  responses?: Record<string, OpenApiResponse>
}

export type OpenApiPaths = Record<string, Record<string, OpenApiOperation>>

const header = (description: string, type: OpenApiHeader['schema']['type'] = 'string'): OpenApiHeader => ({ description, required: true, schema: { type } })

/** The headers as the plugins set them (api-headers.ts and app.ts, http-caching.ts, protection.ts). */
export const HEADERS = {
  requestId: { 'X-Request-Id': header("The request's id: the client's X-Request-Id if it sent one, else this server's; it is in the server's log.") },
  cacheControl: { 'Cache-Control': header('public, max-age=300 for data (shared caches may keep it 5 minutes); no-store for problems and /healthz.') },
  etag: { ETag: header('The hash of the body (weak, W/, when compressed). Send it as If-None-Match: an unchanged answer is a 304 without a body.') },
  rateLimit: {
    'X-RateLimit-Limit': header('Requests a client address may make per minute (RATE_LIMIT_MAX).', 'integer'),
    'X-RateLimit-Remaining': header('Requests left in the current minute.', 'integer'),
    'X-RateLimit-Reset': header('Seconds until the current minute ends.', 'integer'),
  },
  retryAfter: (when: string) => ({ 'Retry-After': header(`Seconds to wait: ${when}.`, 'integer') }),
} as const

/** X-RateLimit-* on the answers the rate limit counts: documented on each, promised (required) on a 429 only. */
const OPTIONAL_RATE_LIMIT = Object.fromEntries(Object.entries(HEADERS.rateLimit).map(([name, doc]) => [name, { ...doc, required: false }]))
/** Reads of these paths are not counted by the rate limit (protection.ts keeps the list the server applies). */
const UNCOUNTED_READS = /^\/(healthz$|downloads\/)/

/** The components path the Problem schema is exported under (fastify-swagger turns `Problem#` into it). */
const PROBLEM_REF = '#/components/schemas/Problem'
const problemContent = { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } }

/** Answers any operation may give, whatever its route declares. */
const STANDARD_RESPONSES: Record<string, OpenApiResponse> = {
  406: { description: 'The Accept header refuses every type (each q=0), or the type of this answer.', content: problemContent },
  429: { description: 'Too many requests from this client address in the current minute; the headers say when to come back.', content: problemContent },
  500: { description: 'A fault of the server (never a mistake of the request); it is logged.', content: problemContent },
  503: { description: 'The server is overloaded and sheds load; retry later.', content: problemContent },
}

/** Headers by status, whoever declared the response (a 429 of /graphql is GraphQL JSON, not a problem, with the same headers). */
const HEADERS_BY_STATUS: Record<string, Record<string, OpenApiHeader>> = {
  429: { ...HEADERS.retryAfter('until the current minute ends'), ...HEADERS.rateLimit },
  503: HEADERS.retryAfter('10'),
}

const NOT_MODIFIED: OpenApiResponse = {
  description: 'Not modified: If-None-Match named the current ETag, or (without If-None-Match) nothing changed since If-Modified-Since.',
  headers: { ...HEADERS.etag, ...HEADERS.cacheControl },
}

/** Every answer sent whole is hashed (plugins/http-caching.ts); the streamed whole lists (.csv, .jsonl) are not. */
const STREAMED_TYPES = new Set(['text/csv', 'application/jsonl'])
const isHashed = (response: OpenApiResponse | undefined) => {
  const types = Object.keys(response?.content ?? {})
  return types.length > 0 && !types.some((type) => STREAMED_TYPES.has(type))
}

/** Adds the standard responses and headers to every operation of the document (in place). */
export function withStandardResponses(paths: OpenApiPaths): void {
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const responses = (operation.responses ??= {})
      const read = method === 'get'
      const counted = !(read && UNCOUNTED_READS.test(path))
      for (const [status, response] of Object.entries(STANDARD_RESPONSES)) responses[status] ??= structuredClone(response)
      for (const [status, response] of Object.entries(responses)) {
        const code = Number(status)
        const problem = response.content?.['application/problem+json'] !== undefined
        response.headers = {
          ...HEADERS.requestId,
          ...(problem || (read && code < 300) ? HEADERS.cacheControl : {}),
          ...(read && code === 200 && isHashed(response) ? HEADERS.etag : {}),
          ...(counted ? OPTIONAL_RATE_LIMIT : {}),
          ...HEADERS_BY_STATUS[status],
          ...response.headers,
        }
      }
      // An answer with an ETag is a 304 to a client that has it (JSON: plugins/http-caching.ts; downloads: their own).
      // It keeps the answer's Last-Modified, where the answer has one.
      const lastModified = responses['200']?.headers?.['Last-Modified']
      if (read && responses['200']?.headers?.ETag && !responses['304']) {
        responses['304'] = { ...NOT_MODIFIED, headers: { ...HEADERS.requestId, ...NOT_MODIFIED.headers, ...(lastModified ? { 'Last-Modified': lastModified } : {}), ...(counted ? OPTIONAL_RATE_LIMIT : {}) } }
      }
    }
  }
}
