// GET /feed.xml: an Atom feed of plan imports, so ward systems can follow
// changes without reading every plan again.
import type { FastifyInstance } from 'fastify'
import type { DatasetInfo } from '../dataset-info.js'
import { atomFeed } from '../formats/atom.js'
import { datasetChangedAt, recentPlanEvents } from '../services/changes.js'
import { LAST_MODIFIED_HEADER_DOC, setLastModified } from './last-modified.js'
import { entityUrl, publicLink } from './links.js'

/** Entries in the feed: the newest events; older ones are in each plan's updatedAt and the lists' updatedSince. */
export const FEED_ENTRIES = 100

export const FEED_CONTENT_TYPE = 'application/atom+xml; charset=utf-8'

export default async function feedRoutes(app: FastifyInstance, options: { dataset: DatasetInfo }) {
  // Without PUBLIC_URL the links are path-absolute (Atom allows references); the ids need an absolute IRI.
  const id = app.publicUrl ? publicLink(app.publicUrl, '/feed.xml') : 'urn:ward-plans:feed'
  app.get(
    '/feed.xml',
    {
      schema: {
        tags: ['service'],
        operationId: 'importFeed',
        summary: `Atom feed of plan imports: the last ${FEED_ENTRIES} plans added, replaced or deleted, newest first`,
        description: "Each entry links the plan's page (text/html) and its JSON document (application/json); a re-import of the same content is no entry.",
        querystring: { type: 'object', additionalProperties: false, properties: {} },
        response: { 200: { description: 'An Atom feed (RFC 4287).', headers: LAST_MODIFIED_HEADER_DOC, content: { 'application/atom+xml': { schema: { type: 'string' } } } } },
      },
    },
    async (_request, reply) => {
      const changedAt = datasetChangedAt(app.db)
      setLastModified(reply, changedAt)
      return reply.type(FEED_CONTENT_TYPE).send(
        atomFeed(recentPlanEvents(app.db, FEED_ENTRIES), {
          id,
          title: `${options.dataset.title}: imports`,
          author: options.dataset.publisher,
          selfUrl: publicLink(app.publicUrl, '/feed.xml'),
          pageUrl: (planId) => publicLink(app.publicUrl, `/plans/${encodeURIComponent(planId)}`),
          documentUrl: (planId) => entityUrl(app.publicUrl, 'plan', planId),
          updated: changedAt ?? new Date(0).toISOString(),
        }),
      )
    },
  )
}
