import type { FastifyInstance } from 'fastify'
import { countPlans } from '../services/health.js'
import { problemResponse } from './schemas/common.js'

export default async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['service'],
        operationId: 'health',
        summary: 'Whether the service and its database answer',
        description:
          'For load balancers and monitors: 200 with the number of plans when the database answers, 503 when it does not or the server is overloaded. Never cached (Cache-Control: no-store).',
        response: {
          200: {
            description: 'The database answered.',
            type: 'object',
            required: ['status', 'plans', 'role'],
            additionalProperties: false,
            properties: {
              status: { type: 'string', enum: ['ok'] },
              plans: { type: 'integer' },
              role: { type: 'string', enum: ['writer', 'replica'], description: 'A replica serves a read-only snapshot the writer published.' },
              snapshot: {
                description: "A replica's snapshot: its content hash, last import, and where it came from.",
                type: 'object',
                required: ['sha256', 'importedAt', 'source', 'loadedAt'],
                additionalProperties: false,
                properties: {
                  sha256: { type: 'string', description: 'SHA-256 (hex) of the snapshot file as published.' },
                  importedAt: { type: ['string', 'null'], format: 'date-time', description: 'The last import in the snapshot.' },
                  source: { type: 'string', description: 'The URL or file it was loaded from.' },
                  loadedAt: { type: 'string', format: 'date-time' },
                },
              },
            },
          },
          503: problemResponse('The database did not answer.'),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store')
      return { status: 'ok' as const, plans: countPlans(app.db), ...app.serving() }
    },
  )
}
