// Some clients send a URL's non-ASCII characters as raw UTF-8 bytes
// (`/v1/search?q=防災`, unencoded). Node's HTTP parser refuses every byte
// above 0x7F in the request line, before Fastify sees a request. Such a GET
// or HEAD is answered as if its URL had been percent-encoded (as browsers
// and curl's --url-query send it): the request goes through the whole app
// (rate limit, validation, caching headers), then the connection closes.
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { pipeline } from 'node:stream/promises'
import type { FastifyInstance } from 'fastify'

/** A request line with raw bytes in its target; method and version are plain ASCII. */
const REQUEST_LINE = /^(GET|HEAD) (\/[\x21-\xff]*) HTTP\/1\.[01]$/
/** A header line, as RFC 9110 spells it (a token, a colon, a value without control characters). */
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([^\x00-\x08\x0a-\x1f\x7f]*?)[ \t]*$/
/** Headers that belong to the original connection or announce a body, which these requests cannot have. */
const NOT_PASSED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade'])

interface UnencodedRequest {
  method: 'GET' | 'HEAD'
  url: string
  headers: Record<string, string>
}

/** Percent-encodes the bytes above 0x7F (UTF-8 or not: the app then refuses what does not decode). */
const encodeHighBytes = (target: string) => target.replace(/[\x80-\xff]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** The request in the bytes the parser refused, if they hold a whole GET or HEAD whose only fault is raw bytes in its target. */
export function unencodedRequest(packet: Buffer | undefined): UnencodedRequest | undefined {
  if (!packet) return undefined
  // latin1 maps each byte to one character: the bytes are kept as they are until encoded.
  const text = packet.toString('latin1')
  const end = text.indexOf('\r\n\r\n')
  if (end < 0 || end + 4 !== text.length) return undefined
  const [requestLine = '', ...lines] = text.slice(0, end).split('\r\n')
  const request = REQUEST_LINE.exec(requestLine)
  if (!request || !/[\x80-\xff]/.test(request[2]!)) return undefined
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const header = HEADER_LINE.exec(line)
    if (!header) return undefined
    const name = header[1]!.toLowerCase()
    if (name === 'content-length' && header[2] !== '0') return undefined
    if (name === 'transfer-encoding' || name === 'upgrade') return undefined
    if (NOT_PASSED.has(name)) continue
    headers[name] = name in headers ? `${headers[name]}, ${header[2]}` : header[2]!
  }
  return { method: request[1] as 'GET' | 'HEAD', url: encodeHighBytes(request[2]!), headers }
}

/** Headers of the app's answer that belong to its own (injected) connection. */
const NOT_ANSWERED = new Set(['connection', 'keep-alive', 'transfer-encoding'])

/**
 * Answers the request through the app on the raw socket, then closes it. The body is
 * streamed as the app writes it, with the socket's backpressure: a download is never
 * held whole in memory. Without the app's Content-Length, the connection's end marks the body's.
 */
export async function answerUnencoded(app: FastifyInstance, request: UnencodedRequest, socket: Socket): Promise<void> {
  const response = await app.inject({ ...request, remoteAddress: socket.remoteAddress, payloadAsStream: true })
  const body = response.stream()
  const headers: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined && !NOT_ANSWERED.has(name)) headers[name] = Array.isArray(value) ? value : String(value)
  }
  headers.connection = 'close'
  const head = Object.entries(headers).flatMap(([name, value]) => [value].flat().map((v) => `${name}: ${v}\r\n`))
  socket.write(Buffer.from(`HTTP/1.1 ${response.statusCode} ${STATUS_CODES[response.statusCode] ?? ''}\r\n${head.join('')}\r\n`, 'latin1'))
  if (request.method === 'HEAD') {
    body.destroy()
    socket.end()
    return
  }
  // A client that goes away ends the app's stream too.
  await pipeline(body, socket).catch(() => socket.destroy())
}
