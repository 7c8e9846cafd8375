// CSV answers for lists (the table formats live in formats/tables.ts).
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db/connection.js'
import { CSV_MEDIA_TYPE, acceptedTypes, withCharset } from '../formats/media-types.js'
import { type ListQuery, type Table, tableRows, toCsv } from '../formats/tables.js'

/** ?format=csv, or an Accept header that prefers text/csv to JSON. */
export function wantsCsv(request: FastifyRequest): boolean {
  const format = (request.query as { format?: string } | undefined)?.format
  if (format !== undefined) return format === 'csv'
  const accept = acceptedTypes(request.headers.accept ?? '')
  return /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept)
}

export function sendCsv<Entity>(reply: FastifyReply, db: Db, filename: string, table: Table<Entity, any>, entities: Entity[], query: ListQuery): FastifyReply {
  const csv = toCsv(table, tableRows(db, table, entities, query))
  return reply.type(withCharset(CSV_MEDIA_TYPE)).header('content-disposition', `attachment; filename="${filename}.csv"`).send(csv)
}
