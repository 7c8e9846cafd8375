// One list route: validated query -> service page -> JSON or CSV.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { checkArguments, withYearRange } from '../services/arguments.js'
import type { Page } from '../services/pagination.js'
import type { Table } from '../formats/tables.js'
import { sendCsv, wantsCsv } from './csv.js'
import { fieldPicker, selectFields } from './fields.js'
import { lastModifiedByDataset } from './last-modified.js'
import { linkNextPage } from './links.js'
import { listRouteSchema, wholeListRouteSchema } from './schemas/common.js'
import { WHOLE_FORMATS, type WholeFormat, sendWhole } from './whole-list.js'

export interface ListRouteOptions<Query, Entity> {
  url: string
  schema: Parameters<typeof listRouteSchema>[0]
  list: (query: Query & { limit: number; cursor?: string }) => Page<Entity>
  /** The flat table of the CSV answer. */
  table: Table<Entity>
  /** The row as JSON answers it: with its own url (links.ts). */
  answerRow?: (entity: Entity) => Entity
  /** false: the rows change with more than plan imports (the catalogue), so no Last-Modified. */
  lastModified?: false
}

export function listRoute<Query, Entity>(app: FastifyInstance, options: ListRouteOptions<Query, Entity>): void {
  const filename = options.url.split('/').filter(Boolean).pop() ?? 'rows'
  const answerRow = options.answerRow ?? ((entity: Entity) => entity)
  const dated = (reply: FastifyReply) => {
    if (options.lastModified !== false) lastModifiedByDataset(reply, app.db)
  }
  app.get(options.url, { schema: listRouteSchema(options.schema), preSerialization: selectFields }, async (request: FastifyRequest, reply) => {
    // format and fields choose the representation, not the rows.
    const { format: _format, fields: _fields, ...query } = withYearRange(request.query as Query & { limit: number; cursor?: string; format?: string; fields?: string })
    // The schema has the bounds; this adds what JSON schema cannot say (words in a search), as GraphQL does.
    checkArguments(query)
    const page = options.list(query as Query & { limit: number; cursor?: string })
    // The same URL answers JSON or CSV by Accept: shared caches must keep them apart.
    reply.header('vary', 'Accept')
    linkNextPage(request, reply, page.page.nextCursor)
    dated(reply)
    if (wantsCsv(request)) {
      return sendCsv(reply, filename, options.table, page.data)
    }
    return { ...page, data: page.data.map(answerRow) }
  })

  // The whole filtered result: {url}.csv and {url}.jsonl.
  for (const [format, { suffix, contentType, name }] of Object.entries(WHOLE_FORMATS) as [WholeFormat, (typeof WHOLE_FORMATS)[WholeFormat]][]) {
    app.get(`${options.url}.${format}`, { schema: wholeListRouteSchema(options.schema, { suffix, contentType, name }) }, async (request: FastifyRequest, reply) => {
      const { fields, ...query } = withYearRange(request.query as Query & { fields?: string })
      checkArguments(query as Record<string, unknown>)
      dated(reply)
      const pick = fieldPicker(fields)
      return sendWhole(reply, format, filename, options.table, (page) => options.list({ ...(query as Query), ...page }), (entity) => pick(answerRow(entity) as Entity & object))
    })
  }
}
