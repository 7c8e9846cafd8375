// Accept headers that refuse what the server would answer (RFC 9110 §12.5.1,
// §15.5.7): 406 Not Acceptable rather than the very type the client said it
// cannot take. Two cases. Every range of the header weighs q=0 (`Accept:
// application/json;q=0`): nothing is acceptable, whatever the route, and the
// request is refused before any work. Or the answer's own type is refused by
// the most specific range that names it (`application/json;q=0, text/html` on
// a JSON route; `text/*;q=0` on a CSV file): found once the answer is made,
// whatever route or cache made it. A type the header does not name at all
// (`Accept: image/png` on JSON) is answered anyway, as RFC 9110 allows: a
// client that lists a wrong type by mistake still gets the data.
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type MediaRange, mediaRanges, weightFor } from '../formats/media-types.js'
import { problem, problemBody, sendProblem } from './problems.js'

/** The ranges of a request's Accept when it refuses something (a q=0 somewhere); else nothing to check. */
const refusing = new WeakMap<FastifyRequest, MediaRange[]>()

/** Headers of the 2xx answer that do not belong on the problem that replaces it. */
const ANSWER_HEADERS = ['etag', 'last-modified', 'content-disposition', 'content-encoding', 'content-length', 'link']

/**
 * Whether the request's Accept refuses an answer of this type (its most specific range for it
 * weighs 0): such an answer becomes a 406, and nothing may stand for it (a cached copy, a 304).
 */
export function refuses(request: FastifyRequest, contentType: string): boolean {
  const ranges = refusing.get(request)
  return ranges !== undefined && weightFor(ranges, contentType) === 0
}

const shown = (accept: string) => JSON.stringify(accept.length > 100 ? `${accept.slice(0, 100)}…` : accept)

async function acceptable(app: FastifyInstance) {
  app.addHook('onRequest', (request, reply, done) => {
    const accept = request.headers.accept
    // Only a header with a zero weight in it can refuse anything: most requests stop at this test.
    if (accept === undefined || !/q\s*=\s*"?0/i.test(accept)) return done()
    const ranges = mediaRanges(accept)
    if (ranges.length === 0) return done()
    if (ranges.every((range) => range.q === 0)) {
      sendProblem(reply, problem('notAcceptable', `Accept ${shown(accept)} gives every type q=0: no answer is acceptable; accept application/json (or */*), or drop the header`))
      return
    }
    refusing.set(request, ranges)
    done()
  })
  // Before the ETag, compression and the response cache's hooks: the answer is still as the route made it.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode < 200 || reply.statusCode >= 300) return done(null, payload)
    const contentType = String(reply.getHeader('content-type') ?? 'application/json')
    if (!refuses(request, contentType)) return done(null, payload)
    if (payload instanceof Readable) payload.destroy()
    for (const name of ANSWER_HEADERS) reply.removeHeader(name)
    const mediaType = contentType.split(';', 1)[0].trim()
    done(null, problemBody(reply, problem('notAcceptable', `this answer is ${mediaType}, which Accept ${shown(request.headers.accept ?? '')} refuses (q=0); accept it, or drop the header`)))
  })
}

export default fp(acceptable, { name: 'acceptable' })
