// One item route: GET {url}/:id answers one entity (an organization, a plan
// document, an issue, a strategy, an initiative). The data changes only on
// import, so an entity's answer is serialized once per data version, with its
// ETag and its gzip body beside it: an uncached request neither rebuilds,
// serializes, hashes nor compresses it. The bytes are those the route's own
// serializer, the ETag hook and @fastify/compress would produce.
import type { FastifyInstance } from 'fastify'
import { etagOf, gzipOf, responseCoding } from '../plugins/http-caching.js'
import { notFound } from '../plugins/problems.js'
import type { Db } from '../db/connection.js'
import { recentDataVersion } from '../db/data-version.js'
import { memoByDataVersion } from '../services/memo.js'
import { selectFields } from './fields.js'
import { planUpdatedAt } from '../services/changes.js'
import { setLastModified } from './last-modified.js'
import { type EntityKind, withUrl } from './links.js'
import { itemRouteSchema } from './schemas/common.js'

/** An entity's answer as sent: the JSON, its strong ETag, its gzip body (null when too short to compress), when its data last changed. */
interface SerializedAnswer {
  body: string
  etag: string
  gzip: Buffer | null
  lastModified: string | null
}

/** A string answer with this type goes out as it is, not serialized again. */
export const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * A plan document is about 10 KB, its gzip 4 KB: every plan of 1000 fits, with their parts looked up too.
 * Whole answers, so they follow the data version as the response cache does (another process's import within a second).
 */
const serializedAnswers = memoByDataVersion<SerializedAnswer>(
  {
    maxBytes: 48 * 1024 * 1024,
    // Strings count two bytes a character (what V8 may hold them in), plus the entry's own objects.
    bytesOf: (answer, key) => 256 + 2 * (key.length + answer.body.length + answer.etag.length) + (answer.gzip?.length ?? 0),
  },
  recentDataVersion,
)

/** The answer of `entity`'s route for `id`, serialized by `serialize` once per data version; undefined when there is no such id. */
function serializedAnswer(db: Db, entity: string, id: string, find: () => object | undefined, changedAt: (value: object) => string | null, serialize: (value: object) => string): SerializedAnswer | undefined {
  return serializedAnswers(db, `${entity} ${id}`, () => {
    const value = find()
    if (value === undefined) return undefined
    const body = serialize(value)
    return { body, etag: etagOf(body), gzip: gzipOf(body), lastModified: changedAt(value) }
  })
}

export interface ItemRouteOptions {
  /** The collection's URL: the route is `${url}/:id`. */
  url: string
  schema: Parameters<typeof itemRouteSchema>[0]
  /** What the 404 calls a missing one ("no management issue with id …"). */
  noun: string
  /** The entity as JSON answers it (with its own url). */
  find: (id: string) => object | undefined
  /** When its data last changed (ISO 8601): Last-Modified. */
  changedAt: (value: any) => string | null
}

export function itemRoute(app: FastifyInstance, options: ItemRouteOptions): void {
  app.get<{ Params: { id: string }; Querystring: { fields?: string } }>(
    `${options.url}/:id`,
    { schema: itemRouteSchema(options.schema), preSerialization: selectFields },
    async (request, reply) => {
      const { id } = request.params
      // ?fields= cuts the entity on the way out (selectFields): built for this request.
      if (request.query.fields !== undefined) {
        const value = options.find(id)
        if (value === undefined) return notFound(reply, options.noun, id)
        setLastModified(reply, options.changedAt(value))
        return value
      }
      const answer = serializedAnswer(app.db, options.schema.entity, id, () => options.find(id), options.changedAt, reply.getSerializationFunction('200', 'application/json') as (value: object) => string)
      if (answer === undefined) return notFound(reply, options.noun, id)
      setLastModified(reply, answer.lastModified)
      // A string with a JSON type goes out as it is; the ETag set here is not hashed again.
      reply.header('content-type', JSON_TYPE).header('etag', answer.etag)
      // A conditional request's 304 is the hooks' (http-caching.ts), which weaken the ETag of an encoded answer.
      if (answer.gzip !== null && responseCoding(request) === 'gzip') {
        // As @fastify/compress sends it (which leaves an encoded body alone).
        reply.header('vary', 'accept-encoding').header('content-encoding', 'gzip')
        return answer.gzip
      }
      return answer.body
    },
  )
}

/** What an item route of a plan's part (issue, strategy, initiative) finds and dates: the entity with its url, its plan's last change. */
export function planPartItem<Entity extends { id: string; planId: string }>(app: FastifyInstance, kind: EntityKind, get: (db: Db, id: string) => Entity | undefined) {
  return {
    find: (id: string) => {
      const entity = get(app.db, id)
      return entity && withUrl(app.publicUrl, kind, entity)
    },
    changedAt: (entity: Entity) => planUpdatedAt(app.db, entity.planId) ?? null,
  }
}
