// What a request's head must be before any route reads it: HTTP/1.1 names
// exactly one Host (RFC 9112 §3.2: anything else is a 400), an Expect header
// other than 100-continue is one this server cannot meet (RFC 9110 §10.1.1:
// 417), and the query is percent-encoded UTF-8 (a broken escape would
// otherwise be read as its literal characters). Node answers the first two
// itself with bare, bodiless statuses; here they are problems like any other.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { bareProblem } from './client-errors.js'
import { problem, sendProblem } from './problems.js'

/** How many Host headers the request carries (Node keeps only the first in `headers`). */
function hostCount(rawHeaders: string[]): number {
  let count = 0
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].length === 4 && rawHeaders[i].toLowerCase() === 'host') count++
  return count
}

/** The first `name=value` pair of a query whose % escapes are not UTF-8, if any. */
export function brokenEscape(query: string): string | undefined {
  if (!query.includes('%')) return undefined
  for (const pair of query.split('&')) {
    if (!pair.includes('%')) continue
    try {
      decodeURIComponent(pair.replace(/\+/g, ' '))
    } catch {
      return pair
    }
  }
  return undefined
}

/** The parameter a broken pair names, readable where its name is. */
function parameterOf(pair: string): string {
  const name = pair.split('=', 1)[0]
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '))
  } catch {
    return name
  }
}

function checkHead(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const raw = request.raw
  const hosts = hostCount(raw.rawHeaders)
  // HTTP/1.0 predates Host: it may go without one.
  if (hosts > 1 || (hosts === 0 && raw.httpVersion !== '1.0')) {
    sendProblem(reply, problem('badRequest', `an HTTP/1.1 request carries exactly one Host header, not ${hosts} (RFC 9112 §3.2)`))
    return
  }
  const url = raw.url ?? ''
  const mark = url.indexOf('?')
  const broken = mark === -1 ? undefined : brokenEscape(url.slice(mark + 1))
  if (broken !== undefined) {
    const parameter = parameterOf(broken).slice(0, 100)
    sendProblem(reply, problem('invalidParameter', `query parameter '${parameter}' is not percent-encoded UTF-8: ${JSON.stringify(broken.slice(0, 100))}`, { parameter }))
    return
  }
  done()
}

async function requestHead(app: FastifyInstance) {
  app.addHook('onRequest', checkHead)
  // Node emits this for an Expect other than 100-continue, instead of its own bodiless 417.
  app.server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const expect = String(request.headers.expect ?? '').slice(0, 100)
    const { status, headers, body } = bareProblem('expectationFailed', `Expect ${JSON.stringify(expect)} cannot be met: only 100-continue is`, app.publicUrl)
    response.writeHead(status, headers).end(body)
  })
}

export default fp(requestHead, { name: 'request-head' })
