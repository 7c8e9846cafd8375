// CSV answers for lists (the table formats live in formats/tables.ts).
import type { FastifyReply, FastifyRequest } from 'fastify'
import { CSV_MEDIA_TYPE, withCharset } from '../formats/media-types.js'
import { type Table, toCsv } from '../formats/tables.js'

/** ?format=csv, or an Accept header that prefers text/csv to JSON. */
export function wantsCsv(request: FastifyRequest): boolean {
  const format = (request.query as { format?: string } | undefined)?.format
  if (format !== undefined) return format === 'csv'
  const accept = request.headers.accept ?? ''
  return /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept)
}

export function sendCsv<Entity>(reply: FastifyReply, filename: string, table: Table<Entity>, entities: Entity[]): FastifyReply {
  return reply.type(withCharset(CSV_MEDIA_TYPE)).header('content-disposition', `attachment; filename="${filename}.csv"`).send(toCsv(table, entities))
}
