// The whole filtered result of a list, streamed: GET /v1/{list}.csv and
// .jsonl answer every matching row with the list's filters and sort, no
// paging (Datasette's _stream=on). The rows are read page by page through
// the list's own service (its keyset cursor), so memory holds one batch.
import { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import { CSV_MEDIA_TYPE, JSONL_MEDIA_TYPE, withCharset } from '../formats/media-types.js'
import { type Table, csvHead, csvRows } from '../formats/tables.js'
import { ARGUMENT_RULES } from '../services/arguments.js'
import type { Page } from '../services/pagination.js'

/** Rows read per query while streaming: the largest page a client may ask for, the size the queries are made for. */
const BATCH = ARGUMENT_RULES.limit.maximum

export const WHOLE_FORMATS = {
  csv: { type: withCharset(CSV_MEDIA_TYPE), contentType: CSV_MEDIA_TYPE, name: 'CSV (UTF-8 with BOM, a header row)', suffix: 'Csv' },
  jsonl: { type: withCharset(JSONL_MEDIA_TYPE), contentType: JSONL_MEDIA_TYPE, name: 'JSON Lines: one JSON object per line', suffix: 'Jsonl' },
} as const
export type WholeFormat = keyof typeof WHOLE_FORMATS

/** Every page of a list, from the first; the first is read before answering, so a bad query is still a 400. */
function* pagesOf<Entity>(first: Page<Entity>, next: (cursor: string) => Page<Entity>): Generator<Entity[]> {
  let page = first
  yield page.data
  while (page.page.nextCursor !== null) {
    page = next(page.page.nextCursor)
    yield page.data
  }
}

export function sendWhole<Entity>(
  reply: FastifyReply,
  format: WholeFormat,
  filename: string,
  table: Table<Entity>,
  list: (request: { limit: number; cursor?: string }) => Page<Entity>,
  /** The keys each JSON Lines row keeps (?fields=); CSV keeps its table's columns. */
  pick: (entity: Entity & object) => object = (entity) => entity,
): FastifyReply {
  const first = list({ limit: BATCH })
  const pages = pagesOf(first, (cursor) => list({ limit: BATCH, cursor }))
  const chunks = (function* () {
    if (format === 'csv') yield csvHead(table)
    for (const entities of pages) {
      if (entities.length === 0) continue
      yield format === 'csv' ? csvRows(table, entities) : `${entities.map((entity) => JSON.stringify(pick(entity as Entity & object))).join('\n')}\n`
    }
  })()
  return reply
    .type(WHOLE_FORMATS[format].type)
    .header('content-disposition', `attachment; filename="${filename}.${format}"`)
    .send(Readable.from(chunks, { objectMode: false }))
}
