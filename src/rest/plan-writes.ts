// POST /v1/plans and DELETE /v1/plans/{id}: other ward systems push plans.
// Only holders of ADMIN_TOKEN may write; without a token set, writes are off.
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { deletePlan } from '../importer/delete-plan.js'
import { type ImportSummary, importPlans } from '../importer/import-plans.js'
import { PlanDocumentError, validatePlanDocument } from '../importer/validate-document.js'
import { PlanParseError } from '../plans/errors.js'
import { parsePlan } from '../plans/parse.js'
import type { PlanDocument } from '../plans/types.js'
import { notFound, problem, sendProblem } from '../plugins/problems.js'
import { SourceError } from '../sources/errors.js'
import { HTML_MEDIA_TYPES, planTextOf } from '../sources/page-text.js'
import { problemResponse } from './schemas/common.js'

const tags = ['plans']
const security = [{ bearerAuth: [] }]
const authResponses = {
  401: problemResponse('No or a wrong bearer token.'),
  403: problemResponse('Writes are off on this server: no ADMIN_TOKEN set, or a read-only replica (READ_ONLY=true).'),
}

const LOCATION = { Location: { type: 'string', description: 'The plan: /v1/plans/{id}.' } }

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export default async function planWriteRoutes(app: FastifyInstance, options: { adminToken: string | null }) {
  // A plan text or a saved page arrives as its bytes, read in the charset its Content-Type
  // (or, for a page, the page itself) declares: a Shift_JIS text is not taken for UTF-8.
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser([...HTML_MEDIA_TYPES, 'text/plain'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body))

  const requireAdmin = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!options.adminToken) {
      return sendProblem(reply, problem('writesDisabled', 'this server takes no writes: it was started without ADMIN_TOKEN'))
    }
    const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
    if (!given || !sameToken(given, options.adminToken)) {
      reply.header('www-authenticate', 'Bearer realm="ward-plans"')
      return sendProblem(reply, problem('unauthorized', 'send Authorization: Bearer <ADMIN_TOKEN>'))
    }
  }

  app.post(
    '/plans',
    {
      // Before the body is read or checked: a stranger learns nothing about what would be accepted.
      onRequest: requireAdmin,
      schema: {
        tags,
        operationId: 'importPlan',
        summary: 'Import a plan (its published text, a saved page of it, or a plan document), replacing any plan with the same id',
        description:
          'For the systems that publish plans: the body is parsed and checked as the importer does for the seed, then stored in one transaction, and the downloads are rewritten before the answer. 201 adds a plan, 200 replaces one; Location names it. A body that is not a valid plan is a 422 and leaves the database unchanged. Needs the bearer token (ADMIN_TOKEN).',
        security,
        body: {
          content: {
            'text/plain': { schema: { description: 'The plan text as published, in the charset its Content-Type names (UTF-8 when none); a first line `source: URL` is its source.' } },
            'application/json': { schema: { $ref: 'PlanDocument#' } },
            ...Object.fromEntries(
              HTML_MEDIA_TYPES.map((type) => [
                type,
                {
                  schema: {
                    description:
                      "A saved plan page. Its charset comes from the Content-Type header or the page's <meta charset>; its <link rel=\"canonical\"> is the plan's source.",
                  },
                },
              ]),
            ),
          },
        },
        response: {
          200: { description: 'The plan replaced one with the same id.', headers: LOCATION, content: { 'application/json': { schema: { $ref: 'ImportResult#' } } } },
          201: { description: 'The plan was added.', headers: LOCATION, content: { 'application/json': { schema: { $ref: 'ImportResult#' } } } },
          ...authResponses,
          413: problemResponse('The body is larger than the limit.'),
          415: problemResponse('The body is neither text/plain, text/html nor application/json.'),
          422: problemResponse('The body is not a valid plan; the database is unchanged. `line` or `pointer` says where.'),
        },
      },
    },
    async (request, reply) => {
      // No body (and so no Content-Type for it): nothing of a plan was sent.
      if (request.body === undefined || request.body === null) {
        return sendProblem(reply, problem('unsupportedMediaType', 'the request has no body: send the plan as text/plain, text/html or application/json'))
      }
      let plan: PlanDocument
      let summary: ImportSummary
      try {
        if (Buffer.isBuffer(request.body)) {
          const page = { bytes: request.body, contentType: request.headers['content-type'] ?? null, url: null, name: 'request body' }
          plan = parsePlan(planTextOf(page).text, 'request body')
        } else {
          plan = request.body as PlanDocument
          validatePlanDocument(plan)
        }
        // The importer refuses facts it may not write (a non-http source URL, an organization renamed).
        summary = importPlans(app.writer, [{ plan, sourceFile: 'POST /v1/plans' }])[0]
      } catch (error) {
        if (error instanceof PlanParseError) {
          return sendProblem(reply, problem('invalidPlan', error.message, { line: error.line }))
        }
        if (error instanceof SourceError) {
          return sendProblem(reply, problem('invalidPlan', error.message))
        }
        if (error instanceof PlanDocumentError) {
          return sendProblem(reply, problem('invalidPlan', error.message, { pointer: error.pointer }))
        }
        throw error
      }
      // The answer waits for the downloads to include the plan, without holding up other requests.
      await app.publish()
      request.log.info({ planId: summary.planId, replaced: summary.replaced }, 'plan imported')
      return reply
        .code(summary.replaced ? 200 : 201)
        .header('location', `/v1/plans/${encodeURIComponent(summary.planId)}`)
        .send({ ...summary, warnings: plan.warnings })
    },
  )

  app.delete<{ Params: { id: string } }>(
    '/plans/:id',
    {
      // Before the body is read or checked: a stranger learns nothing about what would be accepted.
      onRequest: requireAdmin,
      schema: {
        tags,
        operationId: 'deletePlan',
        summary: 'Delete a plan and everything in it',
        description: 'Removes the plan with its issues, strategies, initiatives, budgets and search entries, then rewrites the downloads. Needs the bearer token (ADMIN_TOKEN).',
        security,
        params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', minLength: 1, maxLength: 200, description: 'The plan id, e.g. asahi-2017.' } } },
        response: { 204: { description: 'Deleted.', type: 'null' }, ...authResponses, 404: problemResponse('No such plan.') },
      },
    },
    async (request, reply) => {
      if (!deletePlan(app.writer, request.params.id)) return notFound(reply, 'plan', request.params.id)
      await app.publish()
      request.log.info({ planId: request.params.id }, 'plan deleted')
      return reply.code(204).send()
    },
  )
}
