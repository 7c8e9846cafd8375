// GraphQL answers in the type the client prefers (GraphQL over HTTP):
// application/graphql-response+json where Accept asks for it, errors included,
// application/json otherwise (rest/negotiation.ts graphqlMediaTypeOf). The two
// are the same bytes, so they are told apart by Vary: Accept and by their ETags.
// A hook on every request, before the Accept check (a client refusing JSON but
// taking GraphQL's type is answered), the ETag and the response cache: mercurius
// sends its JSON with no say in the type, and Fastify's error handler resets any
// type set before it.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { GRAPHQL_RESPONSE_MEDIA_TYPE, withCharset } from '../formats/media-types.js'
import { graphqlMediaTypeOf } from '../rest/negotiation.js'
import { etagOf } from './http-caching.js'

async function graphqlMediaType(app: FastifyInstance) {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.routeOptions.url !== '/graphql' || !String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return done(null, payload)
    const vary = reply.getHeader('vary')
    // An answer from the response cache comes with the Vary it was kept with.
    if (!/(^|,)\s*accept\s*(,|$)/i.test(String(vary ?? ''))) reply.header('vary', vary ? `${vary}, Accept` : 'Accept')
    if (graphqlMediaTypeOf(request) !== GRAPHQL_RESPONSE_MEDIA_TYPE) return done(null, payload)
    reply.header('content-type', withCharset(GRAPHQL_RESPONSE_MEDIA_TYPE))
    // The JSON answer's ETag is the hash of the bytes alone; this one hashes its type too, so a
    // cache holding both never takes a 304 for one as standing for the other.
    if (!reply.hasHeader('etag') && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      reply.header('etag', etagOf(Buffer.concat([Buffer.from(`${GRAPHQL_RESPONSE_MEDIA_TYPE}\n`), Buffer.from(payload)])))
    }
    done(null, payload)
  })
}

export default fp(graphqlMediaType, { name: 'graphql-media-type' })
