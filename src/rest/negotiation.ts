// Which representation a request asks for, where one URL serves several: the
// routes that choose by it and the response cache's key read this one answer.
import type { FastifyRequest } from 'fastify'
import { acceptedTypes } from '../formats/media-types.js'
import { wantsCsv } from './csv.js'

export type Representation = 'csv' | 'ld+json' | 'json' | 'default'

/**
 * csv (?format=csv or Accept: text/csv), JSON-LD (Accept names application/ld+json), JSON (Accept
 * names a JSON type and not HTML: what a script asks for, not a browser), or the route's default.
 */
export function representationOf(request: FastifyRequest): Representation {
  if (wantsCsv(request)) return 'csv'
  if (request.headers.accept === undefined) return 'default'
  const accept = acceptedTypes(request.headers.accept)
  if (/\bapplication\/ld\+json\b/i.test(accept)) return 'ld+json'
  if (/\bapplication\/(problem\+)?json\b/i.test(accept) && !/\btext\/html\b/i.test(accept)) return 'json'
  return 'default'
}

