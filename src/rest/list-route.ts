// One list route: validated query -> service page -> JSON or CSV.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type ListName, checkRestArguments, facetNames, withYearRange } from '../services/arguments.js'
import type { Facets } from '../services/facets.js'
import { type Page, pageOfQuery, queryFingerprint } from '../services/pagination.js'
import type { Table } from '../formats/tables.js'
import { sendCsv, wantsCsv } from './csv.js'
import { selectFields, wholeListFieldNames } from './fields.js'
import { JSON_TYPE } from './item-route.js'
import { lastModifiedByDataset } from './last-modified.js'
import { memoByDataVersion } from '../services/memo.js'
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
  /**
   * JSON pages from the rows' answers kept per data version: the page as rowids, read from the
   * sort's index alone (services' list…Rowids), and the entities of rowids not kept yet (…ByRowids).
   */
  rowids?: {
    page: (query: Query & { limit: number; cursor?: string }) => Page<number>
    entities: (rowids: number[]) => Map<number, Entity>
  }
}

/** What every JSON page starts with: its rows go right after it. */
const DATA_OPENING = '{"data":['
const OPENING_BYTES = Buffer.from(DATA_OPENING)
const COMMA_BYTES = Buffer.from(',')
/** A row's answer is a few hundred characters: rows of every list of 1000 plans fit. */
const MAX_ROW_ANSWER_BYTES = 32 * 1024 * 1024

export function listRoute<Query, Entity>(app: FastifyInstance, options: ListRouteOptions<Query, Entity>): void {
  const name = options.url.split('/').filter(Boolean).pop() as ListName
  const schema = { ...options.schema, query: { ...options.schema.query, sort: sortProperty(name, options.sorts) } }
  /** The service's page with each row as JSON answers it. */
  const answerRow = options.answerRow ?? ((entity: Entity) => entity)
  const list = (query: Query & { limit: number; cursor?: string }) => {
    const page = options.list(query)
    return { ...page, data: page.data.map(answerRow) }
  }
  const dated = (reply: FastifyReply) => {
    if (options.lastModified !== false) lastModifiedByDataset(reply, app.db)
  }
  // Each row's JSON, by rowid, as the page's own serializer writes it (the schema's ref to the entity),
  // kept as UTF-8 bytes: a page is then copied together, where joining the serializer's strings
  // (ropes of many pieces) cost more than the page's query, and its bytes are what gzip and the ETag read.
  const rowSchema = { $ref: `${options.schema.entity}#` }
  const rowAnswers = memoByDataVersion<{ json: Buffer }>({ maxBytes: MAX_ROW_ANSWER_BYTES, bytesOf: (row, key) => 64 + 2 * key.length + row.json.length })
  /** The JSON page of these rowids, or undefined when a row is gone (then the page is built from its entities). */
  const jsonPage = (reply: FastifyReply, page: Page<number>, entities: (rowids: number[]) => Map<number, Entity>): Buffer | undefined => {
    const serializeRow = reply.compileSerializationSchema(rowSchema) as (row: unknown) => string
    const rows = rowAnswers.many(app.db, page.data.map(String), (keys) => {
      const found = entities(keys.map(Number))
      return new Map([...found].map(([rowid, entity]) => [String(rowid), { json: Buffer.from(serializeRow(answerRow(entity))) }]))
    })
    if (rows.some((row) => row === undefined)) return undefined
    // The page's own serializer writes the rest: `{"data":[],"page":{…}}` with the rows put in.
    const serializePage = reply.getSerializationFunction('200', 'application/json') as (page: unknown) => string
    const rest = serializePage({ ...page, data: [] })
    if (!rest.startsWith(`${DATA_OPENING}]`)) return undefined
    const parts: Buffer[] = [OPENING_BYTES]
    rows.forEach((row, i) => (i === 0 ? parts.push(row!.json) : parts.push(COMMA_BYTES, row!.json)))
    parts.push(Buffer.from(rest.slice(DATA_OPENING.length)))
    return Buffer.concat(parts)
  }
  app.get(options.url, { schema: listRouteSchema(schema, options.facets ? name : undefined), preSerialization: selectFields }, async (request: FastifyRequest, reply) => {
    // format and fields choose the representation, not the rows; facets add counts beside them.
    const { format: _format, fields, facets, ...query } = withYearRange(request.query as Query & { limit: number; cursor?: string; format?: string; fields?: string; facets?: string })
    // The schema has the bounds; this adds what JSON schema cannot say (words in a search, facet names), as GraphQL does.
    checkRestArguments({ ...query, facets }, name)
    // Cursors are bound to the list, filters and sort that made them.
    const { limit, cursor } = query as { limit: number; cursor?: string }
    const fingerprint = queryFingerprint(name, query)
    // The same URL answers JSON or CSV by Accept: shared caches must keep them apart.
    reply.header('vary', 'Accept')
    const csv = wantsCsv(request)
    if (options.rowids && !csv && facets === undefined && fields === undefined) {
      const { page: rowidsOf, entities } = options.rowids
      const keys = pageOfQuery(fingerprint, { limit, cursor }, (request) => rowidsOf({ ...(query as Query), ...request }))
      const body = jsonPage(reply, keys, entities)
      if (body !== undefined) {
        linkNextPage(request, reply, keys.page.nextCursor)
        dated(reply)
        // Bytes with a JSON type go out as they are.
        reply.header('content-type', JSON_TYPE)
        return body
      }
    }
    const page = pageOfQuery(fingerprint, { limit, cursor }, (request) => list({ ...(query as Query), ...request }))
    linkNextPage(request, reply, page.page.nextCursor)
    dated(reply)
    if (csv) {
      return sendCsv(reply, app.db, name, options.table, page.data, query)
    }
    if (facets === undefined || !options.facets) return page
    const { limit: _limit, cursor: _cursor, sort: _sort, ...filter } = query as Query & { limit: number; cursor?: string; sort?: string }
    return { ...page, facets: options.facets(filter as Omit<Query, 'sort'>, facetNames(facets)) }
  })

  // The whole filtered result: {url}.csv and {url}.jsonl.
  for (const [format, { suffix, contentType, name: formatName }] of Object.entries(WHOLE_FORMATS) as [WholeFormat, (typeof WHOLE_FORMATS)[WholeFormat]][]) {
    const fieldNames = wholeListFieldNames(options.schema.entity, options.table, format)
    app.get(`${options.url}.${format}`, { schema: wholeListRouteSchema(schema, { suffix, contentType, name: formatName, fieldNames }) }, async (request: FastifyRequest, reply) => {
      const { fields, ...query } = withYearRange(request.query as Query & { fields?: string })
      checkRestArguments(query as Record<string, unknown>, name)
      dated(reply)
      return sendWhole(reply, app.db, format, name, options.table, query, (page) => list({ ...(query as Query), ...page }), fields)
    })
  }
}
