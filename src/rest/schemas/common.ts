// Pieces of route schemas shared by every list and item route.
import { ARGUMENT_RULES, FISCAL_YEAR_SYNTAX, LIST_FACETS, LIST_SORTS, type ListName } from '../../services/arguments.js'
import { entityKeys, fieldsProperty } from '../fields.js'
import { LAST_MODIFIED_HEADER_DOC } from '../last-modified.js'
import { LINK_HEADER_DOC } from '../links.js'

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
})

export const pageQueryProperties = {
  limit: { ...ARGUMENT_RULES.limit, description: 'Rows per page, 1 to 100.' },
  cursor: { ...ARGUMENT_RULES.cursor, description: 'page.nextCursor of the previous page.' },
  format: {
    type: 'string',
    enum: ['json', 'csv'],
    description: 'csv: this page as CSV (text/csv, UTF-8 with BOM) instead of JSON; Accept: text/csv does the same. Kept for curl and spreadsheets; typed clients use the .csv operation.',
  },
} as const

export const scopeQueryProperties = {
  plan: { ...ARGUMENT_RULES.plan, description: 'Plan id, e.g. asahi-2017.' },
  organization: { ...ARGUMENT_RULES.organization, description: 'Organization id, e.g. asahi; several separated by commas: asahi,kita.' },
  fiscalYear: {
    ...FISCAL_YEAR_SYNTAX,
    description: `Fiscal year (${ARGUMENT_RULES.fiscalYear.minimum} to ${ARGUMENT_RULES.fiscalYear.maximum}), e.g. 2017; or a range, both ends included: 2017..2022, 2017.. (from), ..2022 (up to).`,
  },
} as const

/** A list's `sort`: its names as an enum (OpenAPI shows them), the first the default. */
export function sortProperty(list: ListName, meaning: string) {
  const names = LIST_SORTS[list]
  return { type: 'string', enum: [...names], default: names[0], description: `${meaning} -name is the reverse order of name; ties are broken by the row's identity, so the order is stable.` } as const
}

/** A list's `facets`: names separated by commas; services/arguments.ts refuses others, listing the allowed ones. */
export function facetsProperty(list: ListName) {
  const names = LIST_FACETS[list]
  return {
    type: 'string',
    minLength: 1,
    maxLength: 200,
    description: `Adds "facets": for each name, the values of the whole filtered result with their counts ({ value, label, count }, most first). Names, separated by commas: ${names.join(', ')}.`,
  } as const
}

/** The `facets` of a page's answer: one list of { value, label, count } per facet asked for. */
function facetsResponse(list: ListName) {
  const values = {
    type: 'array',
    items: {
      type: 'object',
      required: ['value', 'label', 'count'],
      additionalProperties: false,
      properties: { value: { type: ['string', 'integer', 'boolean'] }, label: { type: ['string', 'null'] }, count: { type: 'integer' } },
    },
  }
  return { type: 'object', additionalProperties: false, properties: Object.fromEntries(LIST_FACETS[list].map((name) => [name, values])) }
}

/** Lists of plans and their parts: only what changed since a time (the plan's updatedAt). */
export const changedSinceQueryProperties = {
  updatedSince: {
    ...ARGUMENT_RULES.updatedSince,
    description: "Only rows of plans whose content changed at or after this ISO 8601 date-time with its offset (the plan's updatedAt), e.g. 2026-04-01T00:00:00Z.",
  },
} as const

export function listQuery(properties: Record<string, unknown>, required: string[] = []) {
  return { type: 'object', additionalProperties: false, required, properties: { ...properties, ...pageQueryProperties } } as const
}

export interface ListSchemaOptions {
  tags: string[]
  operationId: string
  summary: string
  /** What the rows are and how they are filtered or ordered, beyond what every list does. */
  description?: string
  entity: string
  query: Record<string, unknown>
  required?: string[]
}

/** The route's own description, then what every operation of its kind does. */
const describe = (own: string | undefined, common: string) => (own ? `${own}\n\n${common}` : common)

const { default: DEFAULT_LIMIT, maximum: MAX_LIMIT } = ARGUMENT_RULES.limit

/**
 * Paging, fields and CSV, as every list does them. The CSV of a page is content negotiation on the
 * same URL, described here rather than declared as a second 200 type, so a client generated from the
 * document gets JSON from the JSON operations and text only from the .csv and .jsonl ones.
 */
const LIST_DESCRIPTION = [
  `A page of rows: \`limit\` of them (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}), in a stable order; \`page.total\` counts every matching row.`,
  'Pass `page.nextCursor` as `cursor` for the next page, which the `Link` header (RFC 8288, rel="next") also names.',
  '`fields` keeps only the named keys of each row.',
  'The same page as CSV (UTF-8 with BOM, one flat row per entity): `format=csv` or `Accept: text/csv` (then the answer is `text/csv`).',
  'Every matching row without paging: the `.csv` and `.jsonl` operations beside this one.',
].join(' ')

export function listRouteSchema(opts: ListSchemaOptions, facetsOf?: ListName) {
  return {
    tags: opts.tags,
    operationId: opts.operationId,
    summary: opts.summary,
    description: describe(opts.description, LIST_DESCRIPTION),
    querystring: listQuery({ ...opts.query, ...(facetsOf ? { facets: facetsProperty(facetsOf) } : {}), fields: fieldsProperty(entityKeys(opts.entity)) }, opts.required),
    response: {
      200: {
        description: `A page of ${opts.entity} rows.`,
        headers: { ...LINK_HEADER_DOC, ...LAST_MODIFIED_HEADER_DOC },
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['data', 'page'],
              additionalProperties: false,
              properties: {
                data: { type: 'array', items: { $ref: `${opts.entity}#` } },
                page: {
                  type: 'object',
                  required: ['limit', 'nextCursor', 'total'],
                  additionalProperties: false,
                  properties: { limit: { type: 'integer' }, nextCursor: { type: ['string', 'null'] }, total: { type: 'integer' } },
                },
                ...(facetsOf ? { facets: facetsResponse(facetsOf) } : {}),
              },
            },
          },
        },
      },
      400: problemResponse('A query parameter is unknown or has a bad value.'),
    },
  }
}

/** GET /v1/{list}.csv and .jsonl: the list's filters and sort, no paging; every matching row, streamed. */
export function wholeListRouteSchema(opts: ListSchemaOptions, format: { suffix: string; contentType: string; name: string; fieldNames: string[] }) {
  return {
    tags: opts.tags,
    operationId: `${opts.operationId}${format.suffix}`,
    summary: `${opts.summary}: every matching row as ${format.name}`,
    description: describe(
      opts.description,
      `The same filters and sort as the paged JSON list (\`${opts.operationId}\`), without paging: every matching row, streamed as ${format.name}, as a file to save (Content-Disposition). \`fields\` keeps only the named columns of the CSV (a list column with its \`…Text\`), or keys of each JSON Lines row. The ETag changes with the data and the query: If-None-Match answers 304 without reading the rows.`,
    ),
    querystring: { type: 'object', additionalProperties: false, required: opts.required ?? [], properties: { ...opts.query, fields: fieldsProperty(format.fieldNames, 'Only these, separated by commas') } },
    response: {
      200: {
        description: `Every matching ${opts.entity} row.`,
        headers: {
          'Content-Disposition': { type: 'string', description: 'attachment; filename="{list}.{format}"' },
          ETag: { type: 'string', description: 'The data generation, the query and the columns, hashed: equal ETags, equal bytes.' },
          ...LAST_MODIFIED_HEADER_DOC,
        },
        content: { [format.contentType]: { schema: { type: 'string' } } },
      },
      400: problemResponse('A query parameter is unknown or has a bad value.'),
    },
  }
}

export function itemRouteSchema(opts: { tags: string[]; operationId: string; summary: string; description?: string; entity: string; idDescription: string }) {
  return {
    tags: opts.tags,
    operationId: opts.operationId,
    summary: opts.summary,
    description: describe(opts.description, `One ${opts.entity} by its id (stable, from the source's own numbering). \`fields\` keeps only the named keys.`),
    params: {
      type: 'object',
      required: ['id'],
      additionalProperties: false,
      properties: { id: { ...ARGUMENT_RULES.id, description: opts.idDescription } },
    },
    querystring: { type: 'object', additionalProperties: false, properties: { fields: fieldsProperty(entityKeys(opts.entity)) } },
    response: {
      200: { description: `One ${opts.entity}.`, headers: LAST_MODIFIED_HEADER_DOC, content: { 'application/json': { schema: { $ref: `${opts.entity}#` } } } },
      400: problemResponse('A parameter is unknown or has a bad value.'),
      404: problemResponse('No such id.'),
    },
  }
}
