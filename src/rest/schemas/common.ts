// Pieces of route schemas shared by every list and item route.
import { ARGUMENT_RULES, FISCAL_YEAR_SYNTAX } from '../../services/arguments.js'
import { fieldsProperty } from '../fields.js'
import { LAST_MODIFIED_HEADER_DOC } from '../last-modified.js'
import { LINK_HEADER_DOC } from '../links.js'

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
})

export const pageQueryProperties = {
  limit: { ...ARGUMENT_RULES.limit, description: 'Rows per page, 1 to 100.' },
  cursor: { ...ARGUMENT_RULES.cursor, description: 'page.nextCursor of the previous page.' },
  format: { type: 'string', enum: ['json', 'csv'], description: 'csv: the same rows as CSV (UTF-8 with BOM); Accept: text/csv does the same.' },
} as const

export const scopeQueryProperties = {
  plan: { ...ARGUMENT_RULES.plan, description: 'Plan id, e.g. asahi-2017.' },
  organization: { ...ARGUMENT_RULES.organization, description: 'Organization id, e.g. asahi; several separated by commas: asahi,kita.' },
  fiscalYear: {
    ...FISCAL_YEAR_SYNTAX,
    description: `Fiscal year (${ARGUMENT_RULES.fiscalYear.minimum} to ${ARGUMENT_RULES.fiscalYear.maximum}), e.g. 2017; or a range, both ends included: 2017..2022, 2017.. (from), ..2022 (up to).`,
  },
} as const

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

export function listRouteSchema(opts: { tags: string[]; operationId: string; summary: string; entity: string; query: Record<string, unknown>; required?: string[] }) {
  return {
    tags: opts.tags,
    operationId: opts.operationId,
    summary: opts.summary,
    querystring: listQuery({ ...opts.query, fields: fieldsProperty(opts.entity) }, opts.required),
    response: {
      200: {
        description: `A page of ${opts.entity} rows (JSON) or all matching rows of the page as CSV.`,
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
              },
            },
          },
          'text/csv': { schema: { type: 'string' } },
        },
      },
      400: problemResponse('A query parameter is unknown or has a bad value.'),
    },
  }
}

/** GET /v1/{list}.csv and .jsonl: the list's filters and sort, no paging; every matching row, streamed. */
export function wholeListRouteSchema(
  opts: { tags: string[]; operationId: string; summary: string; entity: string; query: Record<string, unknown>; required?: string[] },
  format: { suffix: string; contentType: string; name: string },
) {
  return {
    tags: opts.tags,
    operationId: `${opts.operationId}${format.suffix}`,
    summary: `${opts.summary}: every matching row as ${format.name}`,
    description: 'The same filters and sort as the paged JSON list, without paging: every matching row, streamed.',
    querystring: { type: 'object', additionalProperties: false, required: opts.required ?? [], properties: { ...opts.query, fields: fieldsProperty(opts.entity) } },
    response: {
      200: { description: `Every matching ${opts.entity} row.`, headers: LAST_MODIFIED_HEADER_DOC, content: { [format.contentType]: { schema: { type: 'string' } } } },
      400: problemResponse('A query parameter is unknown or has a bad value.'),
    },
  }
}

export function itemRouteSchema(opts: { tags: string[]; operationId: string; summary: string; entity: string; idDescription: string }) {
  return {
    tags: opts.tags,
    operationId: opts.operationId,
    summary: opts.summary,
    params: {
      type: 'object',
      required: ['id'],
      additionalProperties: false,
      properties: { id: { ...ARGUMENT_RULES.id, description: opts.idDescription } },
    },
    querystring: { type: 'object', additionalProperties: false, properties: { fields: fieldsProperty(opts.entity) } },
    response: {
      200: { description: `One ${opts.entity}.`, headers: LAST_MODIFIED_HEADER_DOC, content: { 'application/json': { schema: { $ref: `${opts.entity}#` } } } },
      400: problemResponse('A parameter is unknown or has a bad value.'),
      404: problemResponse('No such id.'),
    },
  }
}
