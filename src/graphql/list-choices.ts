// GraphQL's side of the lists' sorts and facets. Sorts are REST's names
// ("-budget"), which no GraphQL enum can spell: each list's sort is a scalar
// that reads a string, or a bare name (budget, and the deprecated budgetDesc),
// as that string; services/arguments.ts checks it against the list's sorts
// with the other arguments, before execution. Facets are counted by the same
// services as REST's, for the page's own filters.
import { GraphQLError, Kind, type ValueNode } from 'graphql'
import { type ListName, SORT_ALIASES, checkArguments, facetNames } from '../services/arguments.js'
import type { Facets } from '../services/facets.js'

/** The scalar functions of a list's sort (mercurius sets them on the scalar of the schema). */
export function sortScalar(list: ListName) {
  const aliases = SORT_ALIASES[list] ?? {}
  // Own keys only: `sort: "constructor"` is no alias (it read Object's constructor).
  const canonical = (name: string) => (Object.hasOwn(aliases, name) ? aliases[name] : name)
  const read = (value: unknown) => {
    if (typeof value !== 'string') throw new GraphQLError(`a sort is a string, such as "${list === 'initiatives' ? '-budget' : '-id'}"`)
    return canonical(value)
  }
  return {
    serialize: String,
    parseValue: read,
    parseLiteral: (node: ValueNode) => read(node.kind === Kind.STRING || node.kind === Kind.ENUM ? node.value : undefined),
  }
}

/** A page with its facets: counted when asked for, with the names checked as REST checks them. */
export interface FacetedPage {
  facetsOf: (names: string[]) => Facets
}

export function withFacets<P extends object>(list: ListName, page: P, count: (names: string[]) => Facets): P & FacetedPage {
  return {
    ...page,
    facetsOf: (names) => {
      checkArguments({ facets: names }, list)
      return count(facetNames(names))
    },
  }
}

/** The Page type's facets field: each facet asked for, its values as text. */
export function facetsField(page: FacetedPage, { names: given }: { names: string[] }) {
  const facets = page.facetsOf(given)
  // Each facet once (facetsOf checked the names as given, their number included).
  return facetNames(given).map((name) => ({ name, values: facets[name].map((v) => ({ ...v, value: String(v.value) })) }))
}
