// Which representation a request asks for, where one URL serves several: the
// routes that choose by it and the response cache's key read this one answer.
import type { FastifyRequest } from 'fastify'
import { GRAPHQL_RESPONSE_MEDIA_TYPE, mediaRanges, namedWeight, weightFor } from '../formats/media-types.js'
import { wantsCsv } from './csv.js'

export type Representation = 'csv' | 'ld+json' | 'json' | 'default'

/**
 * csv (?format=csv or Accept: text/csv), JSON-LD (Accept names application/ld+json, weighed at
 * least as much as JSON), JSON (Accept names a JSON type and weighs it above any HTML it names:
 * what a script asks for, not a browser), or the route's default. Weights are Accept's q-values;
 * a type given q=0 is refused, not chosen. Only types named count: a browser's *\/* chooses nothing.
 */
export function representationOf(request: FastifyRequest): Representation {
  if (wantsCsv(request)) return 'csv'
  if (request.headers.accept === undefined) return 'default'
  const ranges = mediaRanges(request.headers.accept)
  const named = (mediaType: string) => namedWeight(ranges, mediaType) ?? 0
  const json = Math.max(named('application/json'), named('application/problem+json'))
  const linkedData = named('application/ld+json')
  if (linkedData > 0 && linkedData >= json) return 'ld+json'
  if (json > 0 && json > named('text/html')) return 'json'
  return 'default'
}

/**
 * The type a GraphQL answer goes out as (GraphQL over HTTP): application/graphql-response+json
 * where Accept names it and weighs it at least as much as JSON (through a wildcard too:
 * `*\/*` weighs JSON 1); otherwise application/json, so a client that names neither (no
 * Accept, `*\/*`, `text/html`) gets JSON as before, and one refusing JSON gets the 406 of
 * plugins/acceptable.ts.
 */
export function graphqlMediaTypeOf(request: FastifyRequest): typeof GRAPHQL_RESPONSE_MEDIA_TYPE | 'application/json' {
  const accept = request.headers.accept
  // Most requests do not name it: no header parsed for them.
  if (accept === undefined || !/graphql-response\+json/i.test(accept)) return 'application/json'
  const ranges = mediaRanges(accept)
  const graphqlResponse = namedWeight(ranges, GRAPHQL_RESPONSE_MEDIA_TYPE) ?? 0
  return graphqlResponse > 0 && graphqlResponse >= (weightFor(ranges, 'application/json') ?? 0) ? GRAPHQL_RESPONSE_MEDIA_TYPE : 'application/json'
}
