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
        response: {
          200: {
            description: 'The database answered.',
            type: 'object',
            required: ['status', 'plans'],
            additionalProperties: false,
            properties: { status: { type: 'string', enum: ['ok'] }, plans: { type: 'integer' } },
          },
          503: problemResponse('The database did not answer.'),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store')
      return { status: 'ok' as const, plans: countPlans(app.db) }
    },
  )
}
