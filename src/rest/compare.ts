// GET /v1/compare?from=&to=: what changed from one plan to another.
import type { FastifyInstance } from 'fastify'
import { notFound } from '../plugins/problems.js'
import { ARGUMENT_RULES } from '../services/arguments.js'
import { comparePlans } from '../services/compare.js'
import { LAST_MODIFIED_HEADER_DOC, setLastModified } from './last-modified.js'
import { withUrl } from './links.js'
import { problemResponse } from './schemas/common.js'

export default async function compareRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { from: string; to: string } }>(
    '/compare',
    {
      schema: {
        tags: ['plans'],
        operationId: 'comparePlans',
        summary: 'What changed from one plan to another: goals, missions, issues, strategies, initiatives and budgets',
        description:
          'Usually a plan against the same organization\'s plan of another year. Goals and missions are unchanged, reworded, added or removed; issues, strategies and initiatives are matched by number, then by title similarity (NFKC), and carry their budget change. An amount that is `-円` or missing gives a null change, never 0. `parts` and `notCompared` say what an excerpt or attachments-only plan could not compare.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: { from: { ...ARGUMENT_RULES.from, description: 'The earlier plan, e.g. asahi-2016.' }, to: { ...ARGUMENT_RULES.to, description: 'The later plan, e.g. asahi-2017.' } },
        },
        response: {
          200: { description: 'The comparison.', headers: LAST_MODIFIED_HEADER_DOC, content: { 'application/json': { schema: { $ref: 'PlanComparison#' } } } },
          400: problemResponse('A parameter is missing, unknown or has a bad value.'),
          404: problemResponse('No plan with the id of from or to.'),
        },
      },
    },
    async (request, reply) => {
      const result = comparePlans(app.db, request.query.from, request.query.to)
      if ('missing' in result) return notFound(reply, 'plan', result.missing.id, result.missing.parameter)
      const { from, to } = result.comparison
      setLastModified(reply, from.updatedAt > to.updatedAt ? from.updatedAt : to.updatedAt)
      return { ...result.comparison, from: withUrl(app.publicUrl, 'plan', from), to: withUrl(app.publicUrl, 'plan', to) }
    },
  )
}
