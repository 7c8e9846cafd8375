// GET /v1/catalogue: the plan pages known to be published, each saying
// whether its plan is loaded and how complete it is. Entries are not plans.
import type { FastifyInstance } from 'fastify'
import { catalogueTable } from '../formats/tables.js'
import { type CatalogueEntry, type CatalogueFilter, type CatalogueSort, catalogueFacets, listCatalogue } from '../services/catalogue.js'
import { listRoute } from './list-route.js'
import { scopeQueryProperties } from './schemas/common.js'

export default async function catalogueRoutes(app: FastifyInstance) {
  listRoute<CatalogueFilter & { sort: CatalogueSort }, CatalogueEntry>(app, {
    url: '/catalogue',
    schema: {
      tags: ['plans'],
      operationId: 'listCatalogue',
      summary: 'The catalogue of known plan pages, loaded or not (seed/catalogue.csv)',
      entity: 'CatalogueEntry',
      query: {
        organization: scopeQueryProperties.organization,
        fiscalYear: scopeQueryProperties.fiscalYear,
        isDraft: { type: 'boolean', description: 'true: drafts (案, 素案) only; false: final plans only.' },
        loaded: { type: 'boolean', description: 'true: pages whose plan is loaded; false: known but not loaded.' },
      },
    },
    sorts: 'organization: by organization, then fiscal year; fiscalYear: by fiscal year, then organization; then by page address.',
    list: ({ sort, limit, cursor, ...filter }) => listCatalogue(app.db, filter, { limit, cursor }, sort),
    facets: (filter, names) => catalogueFacets(app.db, filter, names),
    table: catalogueTable,
    // Entries change with the catalogue file too, which no plan event records.
    lastModified: false,
  })
}
