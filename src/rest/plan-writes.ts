// POST /v1/plans and DELETE /v1/plans/{id}: other ward systems push plans.
// Only holders of ADMIN_TOKEN may write; without a token set, writes are off.
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { deletePlan } from '../importer/delete-plan.js'
import { type ImportSummary, importPlans } from '../importer/import-plans.js'
import { PlanDocumentError, validatePlanDocument } from '../importer/validate-document.js'
import { createPlanBodyReader } from '../importer/plan-body.js'
import { PlanParseError } from '../plans/errors.js'
import type { PlanDocument } from '../plans/types.js'
import { notFound, problem, sendProblem } from '../plugins/problems.js'
import { SourceError } from '../sources/errors.js'
import { HTML_MEDIA_TYPES } from '../sources/page-text.js'
import { problemResponse } from './schemas/common.js'
import { currentPlanEtag, failedPrecondition, hasPrecondition, oneAtATime } from './write-preconditions.js'

const tags = ['plans']
const security = [{ bearerAuth: [] }]
const authResponses = {
  401: problemResponse('No or a wrong bearer token.'),
  403: problemResponse('Writes are off on this server: no ADMIN_TOKEN set, or a read-only replica (READ_ONLY=true).'),
}

const LOCATION = { Location: { type: 'string', description: 'The plan: /v1/plans/{id}.' } }

/** A plan the parser, the document check or the importer refused: 422 naming where; anything else is ours. */
function refuseInvalid(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof PlanParseError) return sendProblem(reply, problem('invalidPlan', error.message, { line: error.line }))
  if (error instanceof SourceError) return sendProblem(reply, problem('invalidPlan', error.message))
  if (error instanceof PlanDocumentError) return sendProblem(reply, problem('invalidPlan', error.message, { pointer: error.pointer }))
  throw error
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The conditional-write headers, as the OpenAPI document shows them. */
const PRECONDITION_HEADERS = {
  'if-match': { type: 'string', description: 'Write only if the plan is as read: its ETag from GET /v1/plans/{id}, weak or not (or `*`: only if it exists); otherwise 412.' },
  'if-none-match': { type: 'string', description: '`*`: write only if no plan has this id (add, never replace); otherwise 412.' },
}

export default async function planWriteRoutes(app: FastifyInstance, options: { adminToken: string | null }) {
  const serially = oneAtATime()
  // Plan texts and pages are read on a worker thread, within a time limit (importer/plan-body.ts).
  const bodies = createPlanBodyReader()
  app.addHook('onClose', async () => bodies.close())
  /** Why the request's If-Match / If-None-Match fail against the plan as it is now; undefined when they hold. */
  const failedCondition = async (request: FastifyRequest, id: string) => (hasPrecondition(request) ? failedPrecondition(request, await currentPlanEtag(app, id)) : undefined)
  // (A reply is never a promise's value here: Fastify's reply is a thenable, which `await` would wait on.)
  const preconditionFailed = (reply: FastifyReply, failed: string) => sendProblem(reply, problem('preconditionFailed', `${failed}; nothing was written`))

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
        headers: { type: 'object', properties: PRECONDITION_HEADERS },
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
          412: problemResponse('If-Match or If-None-Match failed: the plan changed since it was read, or exists; nothing was written.'),
          413: problemResponse('The body is larger than the limit.'),
          415: problemResponse('The body is neither text/plain, text/html nor application/json.'),
          422: problemResponse('The body is not a valid plan, or a text or page not read within 5 s; the database is unchanged. `line` or `pointer` says where.'),
        },
      },
    },
    async (request, reply) => {
      // No body (and so no Content-Type for it): nothing of a plan was sent.
      if (request.body === undefined || request.body === null) {
        return sendProblem(reply, problem('unsupportedMediaType', 'the request has no body: send the plan as text/plain, text/html or application/json'))
      }
      let plan: PlanDocument
      try {
        if (Buffer.isBuffer(request.body)) {
          plan = await bodies.read({ bytes: request.body, contentType: request.headers['content-type'] ?? null })
        } else {
          plan = request.body as PlanDocument
          validatePlanDocument(plan)
        }
      } catch (error) {
        return refuseInvalid(reply, error)
      }
      const written = await serially(async (): Promise<{ failed: string } | { error: unknown } | { summary: ImportSummary }> => {
        const failed = await failedCondition(request, plan.id)
        if (failed !== undefined) return { failed }
        try {
          // The importer refuses facts it may not write (a non-http source URL, an organization renamed).
          return { summary: importPlans(app.writer, [{ plan, sourceFile: 'POST /v1/plans' }])[0] }
        } catch (error) {
          return { error }
        }
      })
      if ('failed' in written) return preconditionFailed(reply, written.failed)
      if ('error' in written) return refuseInvalid(reply, written.error)
      const { summary } = written
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
        headers: { type: 'object', properties: { 'if-match': PRECONDITION_HEADERS['if-match'] } },
        response: {
          204: { description: 'Deleted.', type: 'null' },
          ...authResponses,
          404: problemResponse('No such plan.'),
          412: problemResponse('If-Match failed: the plan changed since it was read (or is gone); nothing was deleted.'),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const deleted = await serially(async () => (await failedCondition(request, id)) ?? deletePlan(app.writer, id))
      if (typeof deleted === 'string') return preconditionFailed(reply, deleted)
      if (!deleted) return notFound(reply, 'plan', id)
      await app.publish()
      request.log.info({ planId: id }, 'plan deleted')
      return reply.code(204).send()
    },
  )
}
