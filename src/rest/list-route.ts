// One list route: validated query -> service page -> JSON or CSV.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type ListName, checkArguments, facetNames, withYearRange } from '../services/arguments.js'
import type { Facets } from '../services/facets.js'
import { type Page, pageOfQuery, queryFingerprint } from '../services/pagination.js'
import type { Table } from '../formats/tables.js'
import { sendCsv, wantsCsv } from './csv.js'
import { fieldPicker, selectFields } from './fields.js'
import { lastModifiedByDataset } from './last-modified.js'
import { linkNextPage } from './links.js'
import { listRouteSchema, sortProperty, wholeListRouteSchema } from './schemas/common.js'
import { WHOLE_FORMATS, type WholeFormat, sendWhole } from './whole-list.js'

export interface ListRouteOptions<Query, Entity> {
  url: string
  schema: Parameters<typeof listRouteSchema>[0]
  /** The query holds `sort`: one of the list's (services/arguments.ts LIST_SORTS), the first by default. */
  list: (query: Query & { limit: number; cursor?: string }) => Page<Entity>
  /** What the list's sorts mean, for the `sort` parameter's description. */
  sorts: string
  /** The counts of ?facets= over the whole filtered result (the query without its sort and page); a list without facets has no such parameter. */
  facets?: (filter: Omit<Query, 'sort'>, names: string[]) => Facets
  /** The flat table of the CSV and JSON Lines answers. */
  table: Table<Entity, any>
  /** The row as JSON answers it: with its own url (links.ts). */
  answerRow?: (entity: Entity) => Entity
  /** false: the rows change with more than plan imports (the catalogue), so no Last-Modified. */
  lastModified?: false
}

export function listRoute<Query, Entity>(app: FastifyInstance, options: ListRouteOptions<Query, Entity>): void {
  const name = options.url.split('/').filter(Boolean).pop() as ListName
  const schema = { ...options.schema, query: { ...options.schema.query, sort: sortProperty(name, options.sorts) } }
  /** The service's page with each row as JSON answers it. */
  const list = (query: Query & { limit: number; cursor?: string }) => {
    const page = options.list(query)
    return options.answerRow ? { ...page, data: page.data.map(options.answerRow) } : page
  }
  const dated = (reply: FastifyReply) => {
    if (options.lastModified !== false) lastModifiedByDataset(reply, app.db)
  }
  app.get(options.url, { schema: listRouteSchema(schema, options.facets ? name : undefined), preSerialization: selectFields }, async (request: FastifyRequest, reply) => {
    // format and fields choose the representation, not the rows; facets add counts beside them.
    const { format: _format, fields: _fields, facets, ...query } = withYearRange(request.query as Query & { limit: number; cursor?: string; format?: string; fields?: string; facets?: string })
    // The schema has the bounds; this adds what JSON schema cannot say (words in a search, facet names), as GraphQL does.
    checkArguments({ ...query, facets }, name)
    // Cursors are bound to the list, filters and sort that made them.
    const { limit, cursor } = query as { limit: number; cursor?: string }
    const page = pageOfQuery(queryFingerprint(name, query), { limit, cursor }, (request) => list({ ...(query as Query), ...request }))
    // The same URL answers JSON or CSV by Accept: shared caches must keep them apart.
    reply.header('vary', 'Accept')
    linkNextPage(request, reply, page.page.nextCursor)
    dated(reply)
    if (wantsCsv(request)) {
      return sendCsv(reply, app.db, name, options.table, page.data, query)
    }
    if (facets === undefined || !options.facets) return page
    const { limit: _limit, cursor: _cursor, sort: _sort, ...filter } = query as Query & { limit: number; cursor?: string; sort?: string }
    return { ...page, facets: options.facets(filter as Omit<Query, 'sort'>, facetNames(facets)) }
  })

  // The whole filtered result: {url}.csv and {url}.jsonl.
  for (const [format, { suffix, contentType, name: formatName }] of Object.entries(WHOLE_FORMATS) as [WholeFormat, (typeof WHOLE_FORMATS)[WholeFormat]][]) {
    app.get(`${options.url}.${format}`, { schema: wholeListRouteSchema(schema, { suffix, contentType, name: formatName }) }, async (request: FastifyRequest, reply) => {
      const { fields, ...query } = withYearRange(request.query as Query & { fields?: string })
      checkArguments(query as Record<string, unknown>, name)
      dated(reply)
      return sendWhole(reply, app.db, format, name, options.table, query, (page) => list({ ...(query as Query), ...page }), fieldPicker(fields))
    })
  }
}
