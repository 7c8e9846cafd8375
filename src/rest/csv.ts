// CSV answers for lists (the table formats live in formats/tables.ts).
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db/connection.js'
import { CSV_MEDIA_TYPE, mediaRanges, namedWeight, weightFor, withCharset } from '../formats/media-types.js'
import { type ListQuery, type Table, tableRows, toCsv } from '../formats/tables.js'

/**
 * ?format=csv, or an Accept header that names text/csv and weighs it above JSON (at least as
 * much, when JSON is only matched by a wider range: text/csv, *\/* is CSV; a browser's *\/* alone is not).
 */
export function wantsCsv(request: FastifyRequest): boolean {
  const format = (request.query as { format?: string } | undefined)?.format
  if (format !== undefined) return format === 'csv'
  const accept = request.headers.accept
  if (accept === undefined || !/text\/csv/i.test(accept)) return false
  const ranges = mediaRanges(accept)
  const csv = weightFor(ranges, CSV_MEDIA_TYPE) ?? 0
  if (namedWeight(ranges, CSV_MEDIA_TYPE) === undefined || csv === 0) return false
  const json = weightFor(ranges, 'application/json') ?? 0
  return namedWeight(ranges, 'application/json') !== undefined ? csv > json : csv >= json
}

export function sendCsv<Entity>(reply: FastifyReply, db: Db, filename: string, table: Table<Entity, any>, entities: Entity[], query: ListQuery): FastifyReply {
  const csv = toCsv(table, tableRows(db, table, entities, query))
  return reply.type(withCharset(CSV_MEDIA_TYPE)).header('content-disposition', `attachment; filename="${filename}.csv"`).send(csv)
}
