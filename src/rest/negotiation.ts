// Which representation a request asks for, where one URL serves several: the
// routes that choose by it and the response cache's key read this one answer.
import type { FastifyRequest } from 'fastify'
import { mediaRanges, namedWeight } from '../formats/media-types.js'
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
