// Errors Node's HTTP parser meets before Fastify has a request (headers over
// 16 KiB, bytes that are not HTTP, a request not sent in time) are answered
// on the raw socket, as problems like every other error.
import { type ServerOptions, maxHeaderSize } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { API_HEADERS } from './api-headers.js'
import { ANY_PATH_METHODS, PROBLEM_TYPES, type ProblemKind, problemTypeUrl } from './problems.js'
import { answerUnencoded, unencodedRequest } from './unencoded-urls.js'

/** The parser's errors that are not malformed HTTP; the others say what is wrong in their own words (llhttp's reason). */
const NODE_PROBLEMS: Record<string, { kind: ProblemKind; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { kind: 'requestTimeout', detail: 'the request was not sent in time' },
  HPE_HEADER_OVERFLOW: { kind: 'headersTooLarge', detail: `the request line and headers are over ${maxHeaderSize / 1024} KiB` },
}

/** A problem's status, headers and body as written outside Fastify: the API's headers, never stored. */
export function bareProblem(kind: ProblemKind, detail: string, publicUrl: string | null, allow?: string) {
  const { type, title, status } = PROBLEM_TYPES[kind]
  const body = JSON.stringify({ type: problemTypeUrl(type, publicUrl), title, status, detail })
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    connection: 'close',
    ...(allow === undefined ? {} : { allow }),
    ...API_HEADERS,
  }
  return { status, title, headers, body }
}

/** A raw HTTP/1.1 answer: the problem, the API's headers, and the connection closed after it; to a HEAD, no body. */
function rawProblemResponse(kind: ProblemKind, detail: string, publicUrl: string | null, allow?: string, head = false): string {
  const { status, title, headers, body } = bareProblem(kind, detail, publicUrl, allow)
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`)
  return `HTTP/1.1 ${status} ${title}\r\n${lines.join('')}\r\n${head ? '' : body}`
}

/** Whether the bytes the parser failed on begin a HEAD request (a client reading the answer to one expects no body). */
const isHead = (rawPacket: Buffer | undefined) => rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD '

/**
 * CONNECT (a proxy's tunnel): Node hands it to a 'connect' listener, without which it
 * closes the socket unanswered. This server is no proxy: a 405 problem, and the end.
 */
export function refuseConnect(app: FastifyInstance): void {
  app.server.on('connect', (request: { url?: string }, socket: Socket) => {
    socket.end(rawProblemResponse('methodNotAllowed', `CONNECT ${String(request.url ?? '').slice(0, 100)}: this server is not a proxy; its paths take ${ANY_PATH_METHODS}`, app.publicUrl, ANY_PATH_METHODS))
  })
}

/** Sockets already answered: the parser may report more errors on bytes still arriving. */
const answered = new WeakSet<Socket>()

/** Fastify's clientErrorHandler (`this` is the instance). */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string; reason?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return
  // Once a response has begun on this connection, another would corrupt it: only close.
  const responding = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true
  if (!socket.writable || responding) {
    socket.destroy()
    return
  }
  const known = NODE_PROBLEMS[error.code ?? '']
  const { kind, detail } = known ?? { kind: 'malformedRequest' as const, detail: `not valid HTTP/1.1 (${error.code ?? 'unknown'}: ${String(error.reason ?? error.message).slice(0, 100)})` }
  this.log.debug({ err: error }, 'client error')
  answered.add(socket)
  const cut = () => setTimeout(() => socket.destroy(), 1000).unref()
  // A URL sent with raw UTF-8 is answered as its percent-encoded form; whatever else fails stays malformed.
  const rawPacket = (error as { rawPacket?: Buffer }).rawPacket
  const unencoded = error.code === 'HPE_INVALID_URL' ? unencodedRequest(rawPacket) : undefined
  if (unencoded) {
    answerUnencoded(this, unencoded, socket).then(cut, (failure: unknown) => {
      this.log.debug({ err: failure }, 'unencoded URL not answered')
      if (socket.writable) socket.end(rawProblemResponse(kind, detail, this.publicUrl))
      cut()
    })
    return
  }
  // end() rather than destroy(): the answer is flushed before the FIN, so the client reads it even
  // while it is still sending; a client that never reads is cut after a second.
  socket.end(rawProblemResponse(kind, detail, this.publicUrl, undefined, isHead(rawPacket)))
  cut()
}

/** A socket that neither sends nor takes a byte for this long is closed (an answer its client never reads would hold its memory). */
export const IDLE_SOCKET_MS = 60_000

/**
 * The timeouts of the Node server, from the request timeout: the headers must arrive within it
 * too (Node's default is 60 s), and connections are checked often enough to cut a slow request
 * near its deadline (Node checks every 30 s by default). An idle socket is closed after
 * IDLE_SOCKET_MS (Node never closes one whose answer is not read), at least the request timeout.
 */
export function serverTimeouts(requestTimeout: number, idleSocket = IDLE_SOCKET_MS): { requestTimeout: number; connectionTimeout: number; http: ServerOptions } {
  return {
    requestTimeout,
    connectionTimeout: Math.max(idleSocket, requestTimeout),
    http: { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.floor(requestTimeout / 5))) },
  }
}
