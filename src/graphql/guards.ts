// Query guards: a depth limit that leaves introspection (__schema, __type)
// alone so GraphiQL works, and a cost limit where a list multiplies the cost
// of what it holds.
import { type ASTNode, type FragmentDefinitionNode, GraphQLError, Kind, type ValidationContext, type ValidationRule, getNamedType, isListType, getNullableType } from 'graphql'
import { type DocumentNode, type GraphQLSchema } from 'graphql'
import { createRequire } from 'node:module'
import type { ComplexityEstimator } from 'graphql-query-complexity'

// The package's ESM build imports graphql's .mjs files, a second copy of
// graphql beside the CommonJS one mercurius uses; its CommonJS build shares it.
const { getComplexity } = createRequire(import.meta.url)('graphql-query-complexity') as typeof import('graphql-query-complexity')

export const MAX_DEPTH = 10
export const MAX_COST = 50_000
/** Assumed size of nested lists (issues of a plan, strategies of an issue …); paged lists use their limit. */
const NESTED_LIST_SIZE = 5

export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>()
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
    }
    const depthOf = (node: ASTNode, depth: number, visiting: Set<string>): number => {
      if (node.kind === Kind.FIELD) {
        if (node.name.value.startsWith('__')) return 0
        if (!node.selectionSet) return depth
        return Math.max(depth, ...node.selectionSet.selections.map((s) => depthOf(s, depth + 1, visiting)))
      }
      if (node.kind === Kind.INLINE_FRAGMENT || node.kind === Kind.OPERATION_DEFINITION) {
        return Math.max(depth, ...node.selectionSet.selections.map((s) => depthOf(s, depth, visiting)))
      }
      if (node.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(node.name.value)
        if (!fragment || visiting.has(fragment.name.value)) return depth
        const inner = new Set(visiting).add(fragment.name.value)
        return Math.max(depth, ...fragment.selectionSet.selections.map((s) => depthOf(s, depth, inner)))
      }
      return depth
    }
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation, 1, new Set())
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`query is ${depth} levels deep; the limit is ${maxDepth}`, { nodes: [operation], extensions: { code: 'QUERY_TOO_DEEP' } }),
          )
        }
      },
    }
  }
}

/** A field costs 1 plus its children; a list field multiplies its children by `limit` or the nested list size. */
const listAwareEstimator: ComplexityEstimator = ({ type: parent, field, args, childComplexity }) => {
  // A page's own data list is already counted by the page's limit.
  if (parent.name.endsWith('Page')) return 1 + childComplexity
  if (!isListType(getNullableType(field.type)) && !getNamedType(field.type).name.endsWith('Page')) return 1 + childComplexity
  const size = typeof args.limit === 'number' ? args.limit : NESTED_LIST_SIZE
  return 1 + size * Math.max(childComplexity, 1)
}

/**
 * The cost of a query with its variables (limit may be a variable), checked
 * before execution; a validation rule could not see the variables, since
 * validated queries are cached.
 */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, maxCost = MAX_COST): void {
  const cost = getComplexity({ schema, query: document, variables: variables ?? {}, estimators: [listAwareEstimator] })
  if (cost > maxCost) {
    throw Object.assign(
      new GraphQLError(`query costs ${cost}; the limit is ${maxCost} (ask for fewer rows with limit, or fewer nested lists)`, { extensions: { code: 'QUERY_TOO_COSTLY' } }),
      { statusCode: 400 },
    )
  }
}
