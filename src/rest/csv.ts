// CSV answers for lists: UTF-8 with a BOM so spreadsheet programs read the
// Japanese text, a header row, one flat row per entity, null as an empty cell.
import { stringify } from 'csv-stringify/sync'
import type { FastifyReply, FastifyRequest } from 'fastify'

export type CsvRow = Record<string, string | number | boolean | null>

/** ?format=csv, or an Accept header that prefers text/csv to JSON. */
export function wantsCsv(request: FastifyRequest): boolean {
  const format = (request.query as { format?: string } | undefined)?.format
  if (format !== undefined) return format === 'csv'
  const accept = request.headers.accept ?? ''
  return /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept)
}

export function sendCsv(reply: FastifyReply, filename: string, columns: string[], rows: CsvRow[]): FastifyReply {
  const body = `\uFEFF${stringify(rows, { header: true, columns, cast: { boolean: (v) => String(v) } })}`
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}.csv"`)
    .send(body.length === 1 ? `\uFEFF${columns.join(',')}\n` : body)
}

/** Lists of text (points) in one cell as a JSON array: unambiguous, and one row stays one line. */
export function listCell(items: string[]): string {
  return JSON.stringify(items)
}
