import type { FastifyInstance } from 'fastify'
import type { Organization } from '../services/entities.js'
import { getOrganization, listOrganizations } from '../services/organizations.js'
import { organizationTable } from '../formats/tables.js'
import { itemRoute } from './item-route.js'
import { listRoute } from './list-route.js'

const tags = ['organizations']

export default async function organizationRoutes(app: FastifyInstance) {
  listRoute<{ kind?: 'ward' | 'bureau' }, Organization>(app, {
    url: '/organizations',
    schema: {
      tags,
      operationId: 'listOrganizations',
      summary: 'Wards and bureaus that publish plans',
      entity: 'Organization',
      query: { kind: { type: 'string', enum: ['ward', 'bureau'], description: 'ward: 区; bureau: 局・室.' } },
    },
    list: ({ kind, limit, cursor }) => listOrganizations(app.db, { kind }, { limit, cursor }),
    table: organizationTable,
  })

  itemRoute(app, {
    url: '/organizations',
    schema: { tags, operationId: 'getOrganization', summary: 'One organization', entity: 'Organization', idDescription: 'e.g. asahi' },
    noun: 'organization',
    find: (id) => getOrganization(app.db, id),
  })
}
