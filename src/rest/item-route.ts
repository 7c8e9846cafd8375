// One item route: GET {url}/:id answers one entity (an organization, a plan
// document, an issue, a strategy, an initiative), serialized once per data
// version with its ETag and gzip body (kept-answers.ts).
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/connection.js'
import { notFound } from '../plugins/problems.js'
import { keptAnswers, sendKept } from './kept-answers.js'
import { selectFields } from './fields.js'
import { planUpdatedAt } from '../services/changes.js'
import { setLastModified } from './last-modified.js'
import { type EntityKind, withUrl } from './links.js'
import { itemRouteSchema } from './schemas/common.js'

/** A string answer with this type goes out as it is, not serialized again. */
export const JSON_TYPE = 'application/json; charset=utf-8'

/** A plan document is about 10 KB, its gzip 4 KB: every plan of 1000 fits, with their parts looked up too. */
const keptAnswer = keptAnswers(48 * 1024 * 1024)

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
      const serialize = reply.getSerializationFunction('200', 'application/json') as (value: object) => string
      const answer = keptAnswer(app.db, `${options.schema.entity} ${id}`, () => {
        const value = options.find(id)
        return value && { body: serialize(value), lastModified: options.changedAt(value) }
      })
      if (answer === undefined) return notFound(reply, options.noun, id)
      setLastModified(reply, answer.lastModified)
      return sendKept(request, reply, answer, JSON_TYPE)
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
