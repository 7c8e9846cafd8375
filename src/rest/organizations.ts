import type { FastifyInstance } from 'fastify'
import type { Organization } from '../services/entities.js'
import { type OrganizationFilter, type OrganizationSort, getOrganization, listOrganizations, organizationFacets } from '../services/organizations.js'
import { organizationTable } from '../formats/tables.js'
import { itemRoute } from './item-route.js'
import { withUrl } from './links.js'
import { datasetChangedAt } from '../services/changes.js'
import { listRoute } from './list-route.js'

const tags = ['organizations']

export default async function organizationRoutes(app: FastifyInstance) {
  listRoute<OrganizationFilter & { sort: OrganizationSort }, Organization>(app, {
    url: '/organizations',
    schema: {
      tags,
      operationId: 'listOrganizations',
      summary: 'Wards and bureaus that publish plans',
      entity: 'Organization',
      query: { kind: { type: 'string', enum: ['ward', 'bureau'], description: 'ward: 区; bureau: 局・室.' } },
    },
    sorts: 'id: by id; name: by name; kind: by kind (bureau, then ward), each by name.',
    list: ({ kind, sort, limit, cursor }) => listOrganizations(app.db, { kind }, { limit, cursor }, sort),
    facets: ({ kind }, names) => organizationFacets(app.db, { kind }, names),
    table: organizationTable,
    answerRow: (organization) => withUrl(app.publicUrl, 'organization', organization),
  })

  itemRoute(app, {
    url: '/organizations',
    schema: { tags, operationId: 'getOrganization', summary: 'One organization', entity: 'Organization', idDescription: 'e.g. asahi' },
    noun: 'organization',
    find: (id) => {
      const organization = getOrganization(app.db, id)
      return organization && withUrl(app.publicUrl, 'organization', organization)
    },
    // Its name and kind come with any of its plans.
    changedAt: () => datasetChangedAt(app.db),
  })
}
