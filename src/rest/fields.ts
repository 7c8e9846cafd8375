// Field selection: ?fields=id,title,budget answers only those keys of each
// row of a list (JSON and JSON Lines) or of an item. The names allowed are
// the entity schema's own keys, as the parameter's pattern: a wrong name is
// a 400 from validation, naming the parameter and listing the keys.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { entitySchemas } from './schemas/entities.js'

/** The `fields` query parameter of a route answering `entity` rows. */
export function fieldsProperty(entity: string) {
  const schema = entitySchemas.find((s) => s.$id === entity) as { properties?: Record<string, unknown> } | undefined
  const names = Object.keys(schema?.properties ?? {})
  const one = `(${names.join('|')})`
  return {
    type: 'string',
    maxLength: 1000,
    pattern: `^${one}(,${one})*$`,
    description: `Only these keys, separated by commas (JSON and JSON Lines; CSV keeps its columns): ${names.join(', ')}.`,
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
