// The constant header set of every API answer (JSON, CSV, problems), kept in
// one place: protection.ts sets it on each API route, problems.ts on every
// problem, client-errors.ts on the answers it writes on the socket.

/**
 * Nothing in an API answer may run or be framed (OWASP's REST headers), and
 * the data may be read from any origin (CORS). They never vary, so they are
 * set as one constant instead of computed by helmet and @fastify/cors on every
 * request; @fastify/cors still answers the preflight OPTIONS requests and
 * serves the pages.
 */
export const API_HEADERS = {
  'access-control-allow-origin': '*',
  // Paged answers link their next page (RFC 8288), counted ones say what is left of the rate limit, every
  // answer has an ETag (for If-None-Match, and If-Match on writes), a created plan its Location, a file its
  // name: browsers' scripts may read them (X-Request-Id too, to quote in a report).
  'access-control-expose-headers': 'Link, ETag, Location, Content-Disposition, X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'cross-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
} as const
