// The whole filtered result of a list, streamed: GET /v1/{list}.csv and
// .jsonl answer every matching row with the list's filters and sort, no
// paging (Datasette's _stream=on). The rows are read page by page through
// the list's own service (its keyset cursor), so memory holds one batch.
import { Readable } from 'node:stream'
import { setImmediate } from 'node:timers/promises'
import type { FastifyReply } from 'fastify'
import type { Db } from '../db/connection.js'
import { CSV_MEDIA_TYPE, JSONL_MEDIA_TYPE, withCharset } from '../formats/media-types.js'
import { type ListQuery, type Table, csvHead, csvRows, tableRows } from '../formats/tables.js'
import { ARGUMENT_RULES } from '../services/arguments.js'
import { type Page, pagesOf } from '../services/pagination.js'
import { contentVersion } from '../db/content-version.js'
import { refuses } from '../plugins/acceptable.js'
import { etagMatches, etagOf } from '../plugins/http-caching.js'
import { fieldPicker } from './fields.js'

/** Rows read per query while streaming: the largest page a client may ask for, the size the queries are made for. */
const BATCH = ARGUMENT_RULES.limit.maximum

export const WHOLE_FORMATS = {
  csv: { type: withCharset(CSV_MEDIA_TYPE), contentType: CSV_MEDIA_TYPE, name: 'CSV (UTF-8 with BOM, a header row)', suffix: 'Csv' },
  jsonl: { type: withCharset(JSONL_MEDIA_TYPE), contentType: JSONL_MEDIA_TYPE, name: 'JSON Lines: one JSON object per line', suffix: 'Jsonl' },
} as const
export type WholeFormat = keyof typeof WHOLE_FORMATS

export function sendWhole<Entity>(
  reply: FastifyReply,
  db: Db,
  format: WholeFormat,
  filename: string,
  table: Table<Entity, any>,
  query: ListQuery,
  list: (request: { limit: number; cursor?: string }) => Page<Entity>,
  /** ?fields=: the columns the CSV keeps, or the keys each JSON Lines row keeps (names the route's schema checked). */
  fields?: string,
): FastifyReply {
  const kept = fields === undefined ? undefined : new Set(fields.split(','))
  const columns = kept ? { ...table, columns: table.columns.filter((column) => kept.has(column.name)) } : table
  const pick = fieldPicker(fields)
  // The bytes follow from the data's generation, the query and the columns written: their hash is
  // the ETag, known before a row is read (a 304 reads none).
  const canonicalQuery = Object.entries(query).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const etag = etagOf([contentVersion(db), format, filename, reply.server.publicUrl, JSON.stringify(canonicalQuery), fields ?? '', csvHead(columns)].join('\n'))
  reply.header('etag', etag)
  // A 304 says what the 200 would: it varies by Accept-Encoding (text, compressed when asked). None
  // stands for a type Accept refuses: that request goes on to the 406 (plugins/acceptable.ts).
  if (etagMatches(reply.request.headers['if-none-match'], etag) && !refuses(reply.request, WHOLE_FORMATS[format].type)) return reply.code(304).header('vary', 'accept-encoding').send()
  // The first page is read before answering, so a bad query is still a 400.
  const first = list({ limit: BATCH })
  reply.type(WHOLE_FORMATS[format].type).header('content-disposition', `attachment; filename="${filename}.${format}"`)
  // HEAD: the headers alone; the rows are not read (Fastify would read the whole stream to discard it).
  if (reply.request.method === 'HEAD') return reply.send(Readable.from([]))
  const pages = pagesOf(first, (cursor) => list({ limit: BATCH, cursor }))
  const chunks = (async function* () {
    if (format === 'csv') yield csvHead(columns)
    for (const entities of pages) {
      if (entities.length === 0) continue
      const rows = tableRows(db, table, entities, query)
      yield format === 'csv' ? csvRows(columns, rows) : `${rows.map((row) => JSON.stringify(pick(row))).join('\n')}\n`
      // Other requests are served between batches: a whole list never holds the event loop.
      await setImmediate()
    }
  })()
  return reply.send(Readable.from(chunks, { objectMode: false }))
}
