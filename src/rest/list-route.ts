// One list route: validated query -> service page -> JSON or CSV.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { checkArguments, withYearRange } from '../services/arguments.js'
import { type Page, pageOfQuery, queryFingerprint } from '../services/pagination.js'
import type { Table } from '../formats/tables.js'
import { sendCsv, wantsCsv } from './csv.js'
import { fieldPicker, selectFields } from './fields.js'
import { linkNextPage } from './links.js'
import { listRouteSchema, wholeListRouteSchema } from './schemas/common.js'
import { WHOLE_FORMATS, type WholeFormat, sendWhole } from './whole-list.js'

export interface ListRouteOptions<Query, Entity> {
  url: string
  schema: Parameters<typeof listRouteSchema>[0]
  list: (query: Query & { limit: number; cursor?: string }) => Page<Entity>
  /** The flat table of the CSV and JSON Lines answers. */
  table: Table<Entity, any>
}

export function listRoute<Query, Entity>(app: FastifyInstance, options: ListRouteOptions<Query, Entity>): void {
  const filename = options.url.split('/').filter(Boolean).pop() ?? 'rows'
  app.get(options.url, { schema: listRouteSchema(options.schema), preSerialization: selectFields }, async (request: FastifyRequest, reply) => {
    // format and fields choose the representation, not the rows.
    const { format: _format, fields: _fields, ...query } = withYearRange(request.query as Query & { limit: number; cursor?: string; format?: string; fields?: string })
    // The schema has the bounds; this adds what JSON schema cannot say (words in a search), as GraphQL does.
    checkArguments(query)
    // Cursors are bound to the list, filters and sort that made them.
    const { limit, cursor } = query as { limit: number; cursor?: string }
    const page = pageOfQuery(queryFingerprint(filename, query), { limit, cursor }, (request) => options.list({ ...(query as Query), ...request }))
    // The same URL answers JSON or CSV by Accept: shared caches must keep them apart.
    reply.header('vary', 'Accept')
    linkNextPage(request, reply, page.page.nextCursor)
    if (wantsCsv(request)) {
      return sendCsv(reply, app.db, filename, options.table, page.data, query)
    }
    return page
  })

  // The whole filtered result: {url}.csv and {url}.jsonl.
  for (const [format, { suffix, contentType, name }] of Object.entries(WHOLE_FORMATS) as [WholeFormat, (typeof WHOLE_FORMATS)[WholeFormat]][]) {
    app.get(`${options.url}.${format}`, { schema: wholeListRouteSchema(options.schema, { suffix, contentType, name }) }, async (request: FastifyRequest, reply) => {
      const { fields, ...query } = withYearRange(request.query as Query & { fields?: string })
      checkArguments(query as Record<string, unknown>)
      return sendWhole(reply, app.db, format, filename, options.table, query, (page) => options.list({ ...(query as Query), ...page }), fieldPicker(fields))
    })
  }
}
