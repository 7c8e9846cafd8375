import type { FastifyInstance } from 'fastify'
import { notFound } from '../plugins/problems.js'
import type { Organization } from '../services/entities.js'
import { getOrganization, listOrganizations } from '../services/organizations.js'
import { organizationTable } from '../formats/tables.js'
import { lastModifiedByDataset } from './last-modified.js'
import { withUrl } from './links.js'
import { listRoute } from './list-route.js'
import { selectFields } from './fields.js'
import { itemRouteSchema } from './schemas/common.js'

const tags = ['organizations']

export default async function organizationRoutes(app: FastifyInstance) {
  listRoute<{ kind?: 'ward' | 'bureau' }, Organization>(app, {
    url: '/organizations',
    schema: {
      tags,
      operationId: 'listOrganizations',
      summary: 'Wards and bureaus that publish plans',
      entity: 'Organization',
      query: { kind: { type: 'string', enum: ['ward', 'bureau'] } },
    },
    list: ({ kind, limit, cursor }) => listOrganizations(app.db, { kind }, { limit, cursor }),
    table: organizationTable,
    answerRow: (organization) => withUrl(app.publicUrl, 'organization', organization),
  })

  app.get<{ Params: { id: string } }>(
    '/organizations/:id',
    { schema: itemRouteSchema({ tags, operationId: 'getOrganization', summary: 'One organization', entity: 'Organization', idDescription: 'e.g. asahi' }), preSerialization: selectFields },
    async (request, reply) => {
      const organization = getOrganization(app.db, request.params.id)
      if (!organization) return notFound(reply, 'organization', request.params.id)
      // Its name and kind come with any of its plans.
      lastModifiedByDataset(reply, app.db)
      return withUrl(app.publicUrl, 'organization', organization)
    },
  )
}
