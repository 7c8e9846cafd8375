// GET /downloads/{name} (plugins/downloads.ts): the bulk files, written after each import.
import { CSV_MEDIA_TYPE, JSONL_MEDIA_TYPE } from '../../formats/media-types.js'
import { problemResponse } from './common.js'

const file = (what: string) => ({ schema: { type: 'string', description: what } })

export const DOWNLOAD_ROUTE_SCHEMA = {
  tags: ['downloads'],
  operationId: 'getDownload',
  summary: 'A bulk download: every entity as CSV or JSON Lines, every plan document, the SQLite database',
  description: [
    'The whole dataset as files, rewritten after every import: `{organizations,plans,issues,strategies,initiatives,catalogue}.csv` (UTF-8 with BOM) and `.jsonl`,',
    '`plans.json` (every plan document, nested, with the licence and attribution) and `ward-plans.sqlite` (a read-only snapshot of the database).',
    'GET /v1/meta lists them with their sizes and ETags, as does `manifest.json` (served inline, not as an attachment). A client that accepts gzip gets the gzip copy written beside each file (Content-Encoding: gzip).',
  ].join(' '),
  params: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: { name: { type: 'string', minLength: 1, maxLength: 100, description: 'The file name, as /v1/meta lists it.', examples: ['initiatives.csv'] } },
  },
  response: {
    200: {
      description: 'The file, as an attachment (manifest.json inline).',
      headers: {
        'Content-Disposition': { type: 'string', description: 'attachment; filename="{name}"' },
        Link: { type: 'string', description: 'The licence of the data: <URL>; rel="license".' },
        ETag: { type: 'string', description: 'The hash of the file; If-None-Match with it answers 304.' },
      },
      content: {
        [CSV_MEDIA_TYPE]: file('A table: a header row, one flat row per entity.'),
        [JSONL_MEDIA_TYPE]: file('A table: one JSON object per line.'),
        'application/json': file('plans.json: every plan document, with the licence and attribution; manifest.json: the files with their sizes and ETags.'),
        'application/vnd.sqlite3': file('ward-plans.sqlite: the database, read-only snapshot.'),
      },
    },
    404: problemResponse('No download with this name (or none written yet).'),
  },
} as const
