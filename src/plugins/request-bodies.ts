// What a request body may be sent as: uncompressed (no server here decodes a
// Content-Encoding, so a gzip body would be read as its compressed bytes), and
// JSON in UTF-8 (RFC 8259 §8.1: a JSON text exchanged between systems is
// UTF-8; a Shift_JIS one would be read as mojibake). Either is a 415 before the
// body is read. A preParsing hook: a route's own onRequest checks (the token of
// a write) come first. JSON is parsed only when it nests at most 64 deep: no
// request of this API needs more, and half a million nested brackets took
// half a second of parsing (and of the prototype-poisoning scan after it).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { charsetOf } from '../sources/decode.js'
import { problem, sendProblem } from './problems.js'

/** How deep JSON bodies may nest: a plan document is about 8 deep, a GraphQL request's variables less. */
export const MAX_JSON_DEPTH = 64

/** Whether a JSON text nests deeper than `limit` (a linear scan, brackets within strings not counted). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 0x5c) i++ // a backslash: the next character is escaped
      else if (code === 0x22) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return true
    } else if (code === 0x5d || code === 0x7d) depth--
  }
  return false
}

async function requestBodies(app: FastifyInstance) {
  // Fastify's own JSON parser (prototype poisoning refused), after the depth check.
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(Object.assign(new Error(`the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`), { statusCode: 400, code: 'JSON_TOO_DEEP' }), undefined)
      return
    }
    parseJson(request, body as string, (error, parsed) => {
      // Fastify says only "not valid JSON"; a body JSON.parse reads was refused for its keys.
      if (error && (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY' && parsesAsJson(body as string)) {
        done(Object.assign(new Error('the JSON body holds a __proto__ key or a constructor.prototype, which are refused (prototype poisoning)'), { statusCode: 400, code: 'JSON_PROTOTYPE_KEY' }), undefined)
        return
      }
      done(error, parsed)
    })
  })
  app.addHook('preParsing', (request: FastifyRequest, reply: FastifyReply, payload, done) => {
    const hasBody = request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] ?? '0') !== '0'
    if (!hasBody) return done(null, payload)
    const encoding = request.headers['content-encoding']?.trim().toLowerCase()
    if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
      sendProblem(reply, problem('unsupportedMediaType', `Content-Encoding ${JSON.stringify(encoding.slice(0, 40))} is not accepted: send the body uncompressed`))
      return
    }
    const contentType = request.headers['content-type'] ?? ''
    const charset = charsetOf(contentType)?.toLowerCase()
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8' && /^\s*application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
      sendProblem(reply, problem('unsupportedMediaType', `JSON is sent in UTF-8 (RFC 8259), not ${JSON.stringify(charset.slice(0, 40))}`))
      return
    }
    // A plan text is read in the charset it names (an HTML page's unknown one gives way to its <meta>).
    if (charset !== undefined && /^\s*text\/plain\b/i.test(contentType) && !knownCharset(charset)) {
      sendProblem(reply, problem('unsupportedMediaType', `charset ${JSON.stringify(charset.slice(0, 40))} is unknown: send the text in UTF-8, Shift_JIS, EUC-JP or another WHATWG encoding`))
      return
    }
    done(null, payload)
  })
}

/** Whether JSON.parse reads the text (only asked of a body already refused). */
function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** Whether a charset label names an encoding a TextDecoder reads (the WHATWG Encoding Standard's labels). */
function knownCharset(label: string): boolean {
  try {
    new TextDecoder(label)
    return true
  } catch {
    return false
  }
}

export default fp(requestBodies, { name: 'request-bodies' })
