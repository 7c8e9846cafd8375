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

/** The answer the socket is writing or will write next, if any (Node's own field: pipelined answers wait their turn behind it). */
type Answer = NodeJS.EventEmitter & { headersSent?: boolean; req?: { complete?: boolean } }
const answerUnderWay = (socket: Socket) => (socket as Socket & { _httpMessage?: Answer | null })._httpMessage ?? undefined

/**
 * Calls `then` once the socket owes no answer to a request read whole before the bytes that failed:
 * pipelined requests are answered in order, and a problem written before their answers would be
 * taken by the client for the answer to its first request (and theirs would be lost). The answer to
 * the request that failed (its body cut by bad chunks or the timeout) is not waited for: the problem
 * replaces it. Node hands the socket to the next answer when one finishes, before that one's 'close'.
 */
function afterAnswersOwed(socket: Socket, then: (waited: boolean) => void, waited = false): void {
  if (socket.destroyed) return
  const owed = answerUnderWay(socket)
  if (owed === undefined || owed.req?.complete !== true) return then(waited)
  owed.once('close', () => setImmediate(() => afterAnswersOwed(socket, then, true)))
}

/** Fastify's clientErrorHandler (`this` is the instance). */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string; reason?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return
  if (!socket.writable) {
    socket.destroy()
    return
  }
  answered.add(socket)
  // Answers owed to the requests read before the failure are written first; the problem after them.
  afterAnswersOwed(socket, (waited) => answerClientError(this, error, socket, waited))
}

/** `afterOthers`: requests read before the failing one were answered first (the bytes that failed then begin with theirs). */
function answerClientError(app: FastifyInstance, error: Error & { code?: string; reason?: string }, socket: Socket, afterOthers: boolean): void {
  // Once the answer to the request that failed has begun, another would corrupt it: only close.
  if (!socket.writable || answerUnderWay(socket)?.headersSent === true) {
    socket.destroy()
    return
  }
  const known = NODE_PROBLEMS[error.code ?? '']
  const { kind, detail } = known ?? { kind: 'malformedRequest' as const, detail: `not valid HTTP/1.1 (${error.code ?? 'unknown'}: ${String(error.reason ?? error.message).slice(0, 100)})` }
  app.log.debug({ err: error }, 'client error')
  const cut = () => setTimeout(() => socket.destroy(), 1000).unref()
  // A URL sent with raw UTF-8 is answered as its percent-encoded form; whatever else fails stays malformed.
  const rawPacket = (error as { rawPacket?: Buffer }).rawPacket
  const unencoded = error.code === 'HPE_INVALID_URL' ? unencodedRequest(rawPacket) : undefined
  if (unencoded) {
    answerUnencoded(app, unencoded, socket).then(cut, (failure: unknown) => {
      app.log.debug({ err: failure }, 'unencoded URL not answered')
      if (socket.writable) socket.end(rawProblemResponse(kind, detail, app.publicUrl))
      cut()
    })
    return
  }
  // end() rather than destroy(): the answer is flushed before the FIN, so the client reads it even
  // while it is still sending; a client that never reads is cut after a second.
  socket.end(rawProblemResponse(kind, detail, app.publicUrl, undefined, !afterOthers && isHead(rawPacket)))
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
