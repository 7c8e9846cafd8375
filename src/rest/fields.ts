// Field selection: ?fields=id,title,budget answers only those keys of each
// row of a list or of an item, and only those columns of a whole list's CSV.
// The names allowed are what the answer's rows hold, as the parameter's
// pattern: a wrong name is a 400 from validation, naming the parameter and
// listing the keys.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AnyTable } from '../formats/tables.js'
import { entitySchemas } from './schemas/entities.js'

/** The keys of an entity as the JSON API answers it. */
export function entityKeys(entity: string): string[] {
  const schema = entitySchemas.find((s) => s.$id === entity) as { properties?: Record<string, unknown> } | undefined
  return Object.keys(schema?.properties ?? {})
}

/**
 * The names `fields` takes on a whole list: the CSV's columns (a list column brings its `…Text`
 * beside it), or a JSON Lines row's keys (the entity's, and what its table adds: the columns it
 * does not compute from the entity).
 */
export function wholeListFieldNames(entity: string, table: AnyTable, format: 'csv' | 'jsonl'): string[] {
  if (format === 'csv') return table.columns.map((column) => column.name)
  const added = table.columns.flatMap((column) => (column.type === 'list' || column.value === undefined ? [column.name] : []))
  return [...new Set([...entityKeys(entity), ...added])]
}

/** The `fields` query parameter of a route whose rows have these keys (or columns). */
export function fieldsProperty(names: string[], what = 'Only these keys, separated by commas (JSON and JSON Lines; a page as CSV keeps its columns)') {
  const one = `(${names.join('|')})`
  return {
    type: 'string',
    maxLength: 1000,
    pattern: `^${one}(,${one})*$`,
    description: `${what}: ${names.join(', ')}.`,
  } as const
}

/** The entity with only the named keys, in its own order; every key when no fields were asked for. */
export function fieldPicker(fields: string | undefined): <T extends object>(entity: T) => T {
  if (fields === undefined) return (entity) => entity
  const wanted = new Set(fields.split(','))
  return (entity) => Object.fromEntries(Object.entries(entity).filter(([key]) => wanted.has(key))) as typeof entity
}

/**
 * preSerialization hook of list and item routes: cuts each row (a page's data) or the item to the fields asked for.
 * The rows then miss keys their response schema requires, so they are written with JSON.stringify.
 */
export function selectFields(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void {
  const fields = (request.query as { fields?: string } | undefined)?.fields
  if (fields === undefined || payload === null || typeof payload !== 'object' || reply.statusCode !== 200) return done(null, payload)
  const pick = fieldPicker(fields)
  reply.serializer(JSON.stringify)
  const page = payload as { data?: unknown; page?: unknown }
  done(null, Array.isArray(page.data) && page.page !== undefined ? { ...page, data: page.data.map(pick) } : pick(payload))
}
