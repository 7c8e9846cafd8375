import type { FastifyInstance } from 'fastify'
import { ARGUMENT_RULES, MAX_SEARCH_WORDS } from '../services/arguments.js'
import { SEARCH_KINDS, type SearchFilter, type SearchHit, type SearchSort, search, searchFacets } from '../services/search.js'
import { searchHitTable } from '../formats/tables.js'
import { searchHitUrl } from './links.js'
import { listRoute } from './list-route.js'
import { scopeQueryProperties } from './schemas/common.js'

export default async function searchRoutes(app: FastifyInstance) {
  // Each hit's answer row, kept beside the hit: the service keeps its pages, so the same hits come again.
  const answerRows = new WeakMap<SearchHit, SearchHit & { url: string }>()
  const answerRow = (hit: SearchHit): SearchHit => {
    const kept = answerRows.get(hit)
    if (kept !== undefined) return kept
    const row = { ...hit, url: searchHitUrl(app.publicUrl, hit) }
    answerRows.set(hit, row)
    return row
  }
  listRoute<SearchFilter & { sort: SearchSort }, SearchHit>(app, {
    url: '/search',
    schema: {
      tags: ['search'],
      operationId: 'search',
      summary: 'Full-text search over every text of every plan (Japanese, NFKC)',
      entity: 'SearchHit',
      required: ['q'],
      query: {
        q: { ...ARGUMENT_RULES.q, description: `Words, at most ${MAX_SEARCH_WORDS}; all must match (AND). Full- and half-width forms match alike.` },
        kind: { type: 'string', enum: [...SEARCH_KINDS], description: 'Only hits of this kind of text.' },
        ...scopeQueryProperties,
      },
    },
    sorts: 'rank: best match first (BM25, titles weighing more); plan: by plan, in document order; fiscalYear: by fiscal year, then plan.',
    list: ({ sort, limit, cursor, ...filter }) => search(app.db, filter, { limit, cursor }, sort),
    facets: (filter, names) => searchFacets(app.db, filter, names),
    table: searchHitTable,
    answerRow,
  })
}
