// GET /v1/catalogue: the plan pages known to be published, each saying
// whether its plan is loaded and how complete it is. Entries are not plans.
import type { FastifyInstance } from 'fastify'
import { catalogueTable } from '../formats/tables.js'
import { type CatalogueEntry, type CatalogueFilter, listCatalogue } from '../services/catalogue.js'
import { listRoute } from './list-route.js'
import { scopeQueryProperties } from './schemas/common.js'

export default async function catalogueRoutes(app: FastifyInstance) {
  listRoute<CatalogueFilter, CatalogueEntry>(app, {
    url: '/catalogue',
    schema: {
      tags: ['plans'],
      operationId: 'listCatalogue',
      summary: 'The catalogue of known plan pages, loaded or not (seed/catalogue.csv)',
      entity: 'CatalogueEntry',
      query: {
        organization: scopeQueryProperties.organization,
        fiscalYear: scopeQueryProperties.fiscalYear,
        isDraft: { type: 'boolean' },
        loaded: { type: 'boolean', description: 'true: pages whose plan is loaded; false: known but not loaded.' },
      },
    },
    list: ({ limit, cursor, ...filter }) => listCatalogue(app.db, filter, { limit, cursor }),
    table: catalogueTable,
    // Entries change with the catalogue file too, which no plan event records.
    lastModified: false,
  })
}
