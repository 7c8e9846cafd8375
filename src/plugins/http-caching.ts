// Caching and sharing for GET: strong ETags (304 on If-None-Match), a short
// public Cache-Control, and CORS open to every origin.
import cors from '@fastify/cors'
import etag from '@fastify/etag'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

async function httpCaching(app: FastifyInstance) {
  await app.register(cors, { origin: '*', methods: ['GET', 'HEAD', 'OPTIONS'] })
  await app.register(etag)
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && reply.statusCode < 400 && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'public, max-age=300')
    }
    return payload
  })
}

export default fp(httpCaching, { name: 'http-caching' })
