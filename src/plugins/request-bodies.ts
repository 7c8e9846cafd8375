// What a request body may be sent as: uncompressed (no server here decodes a
// Content-Encoding, so a gzip body would be read as its compressed bytes), and
// JSON in UTF-8 (RFC 8259 §8.1: a JSON text exchanged between systems is
// UTF-8; a Shift_JIS one would be read as mojibake). Either is a 415 before the
// body is read. A preParsing hook: a route's own onRequest checks (the token of
// a write) come first.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { charsetOf } from '../sources/decode.js'
import { problem, sendProblem } from './problems.js'

async function requestBodies(app: FastifyInstance) {
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
    done(null, payload)
  })
}

export default fp(requestBodies, { name: 'request-bodies' })
