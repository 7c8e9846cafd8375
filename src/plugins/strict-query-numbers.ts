// Numbers in query strings and paths are written in decimal digits. Ajv's type coercion
// takes anything JavaScript's Number() takes ("Infinity", "1e999", "0x10",
// " 5", "1e3"), so a non-finite or disguised number could pass min/max; every
// route's integer and number query and path parameters are checked here first, once
// for all routes, from their own schemas. A route that declares no query parameters takes none.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { InvalidParameterError } from '../services/errors.js'
import { addRouteHook } from './route-hooks.js'

const SPELLINGS = {
  integer: { pattern: /^-?\d{1,16}$/, what: 'an integer' },
  number: { pattern: /^-?\d{1,16}(\.\d{1,16})?$/, what: 'a number' },
} as const
type Spelling = (typeof SPELLINGS)[keyof typeof SPELLINGS]

type Place = 'querystring' | 'params'

/** The query (or path) parameters of a route schema that hold numbers, with the spelling each must have. */
function numericParameters(route: RouteOptions, place: Place): [string, Spelling][] {
  const properties = (route.schema?.[place] as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties ?? {}
  return Object.entries(properties).flatMap(([name, property]) => {
    const type = property.type === 'integer' || property.type === 'number' ? property.type : undefined
    return type ? [[name, SPELLINGS[type]] as [string, Spelling]] : []
  })
}

/** The query of a route that declares none: no parameter at all, as every API route refuses those it does not know. */
const NO_QUERY = { type: 'object', additionalProperties: false, properties: {} } as const

async function strictQueryNumbers(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    // The routes of plugins (the OpenAPI document, Swagger UI, GraphiQL and its assets, /healthz,
    // the downloads, the landing page) take no parameters either: `?foo=1` is refused with the
    // same 400 problem rather than ignored. /graphql checks its own (graphql/request-parameters.ts).
    if (route.url !== '/graphql' && route.schema?.querystring === undefined) route.schema = { ...route.schema, querystring: NO_QUERY }
    const numeric = (['querystring', 'params'] as const).flatMap((place) => numericParameters(route, place).map(([name, spelling]) => ({ place, name, spelling })))
    if (numeric.length === 0) return
    const check = (request: FastifyRequest, _reply: unknown, done: (error?: Error) => void) => {
      for (const { place, name, spelling } of numeric) {
        const values = (place === 'params' ? request.params : request.query) as Record<string, unknown>
        const bad = [values[name]].flat().find((value) => typeof value === 'string' && !spelling.pattern.test(value))
        if (bad !== undefined) return done(new InvalidParameterError(name, `${place} parameter '${name}' must be ${spelling.what} in decimal digits, not ${JSON.stringify(String(bad).slice(0, 20))}`))
      }
      done()
    }
    addRouteHook(route, 'preValidation', check, 'first')
  })
}

export default fp(strictQueryNumbers, { name: 'strict-query-numbers' })
