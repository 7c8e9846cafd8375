// Query guards, each linear in the document: a size and token cap before
// parsing, a depth limit that leaves introspection (__schema, __type) alone so
// GraphiQL works, the root fields' arguments checked by the rules REST uses,
// and a cost limit where a list multiplies the cost of what it holds.
// A fragment is walked once per document however often it is spread: its
// depth and cost are memoized, so fan-out (F0 spreads F1 twice, F1 spreads F2
// twice …) costs time in the size of the text, not in 2^levels.
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
  type ValidationContext,
  type ValidationRule,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isListType,
  isObjectType,
  isInterfaceType,
} from 'graphql'
import { ARGUMENT_RULES, checkArguments } from '../services/arguments.js'
import { InvalidParameterError } from '../services/errors.js'

/** Longest query text (characters) and most lexical tokens: checked before any walk. */
export const MAX_QUERY_CHARS = 20_000
export const MAX_TOKENS = 2_000
export const MAX_DEPTH = 10
export const MAX_COST = 50_000
/**
 * The least a field costs that reads more than its page: a search or a budget total walks
 * every matching row (a broad one, some 100 ms at 1,000 plans), facets group the whole
 * filtered result, a comparison reads two plans, introspection lists the whole schema.
 * Aliases make any number of them in one request; this allows four.
 */
export const SCAN_COST = MAX_COST / 4
const SCANNING_ROOT_FIELDS = new Set(['search', 'budgets', 'compare', '__schema'])
/** Assumed size of nested lists (issues of a plan, strategies of an issue …); paged lists use their limit. */
const NESTED_LIST_SIZE = 5

/** A refusal of the whole request: 400, nothing executed. */
export function requestError(message: string, extensions: Record<string, unknown>, nodes?: GraphQLError['nodes']): GraphQLError {
  return Object.assign(new GraphQLError(message, { extensions, nodes }), { statusCode: 400 })
}

/**
 * The text is bounded before it is parsed. A text that is JSON is refused:
 * mercurius would otherwise take it for a ready-made syntax tree, skipping
 * the parser and its token cap (no GraphQL document is valid JSON).
 */
export function checkSource(source: string): void {
  if (source.length > MAX_QUERY_CHARS) {
    throw requestError(`query is ${source.length} characters long; the limit is ${MAX_QUERY_CHARS}`, { code: 'QUERY_TOO_LARGE' })
  }
  if (isJson(source)) throw requestError('query must be a GraphQL document (text), not JSON', { code: 'GRAPHQL_PARSE_FAILED' })
}

/**
 * How a JSON text can begin (JSON's whitespace, then a value; an object's first
 * key is a string): what cannot begin so is not JSON, without a throwing parse.
 * A GraphQL document's `{ field` never does.
 */
const MAYBE_JSON = /^\s*(?:\{\s*["}]|[[\-\d"]|true|false|null)/

function isJson(text: string): boolean {
  if (!MAYBE_JSON.test(text)) return false
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  }
  return fragments
}

/**
 * A per-document memo over fragments: each fragment's value is computed once.
 * A fragment met again while it is being computed (a cycle, which validation
 * reports on its own) counts as `cyclic`.
 */
function fragmentMemo<T>(fragments: Map<string, FragmentDefinitionNode>, compute: (fragment: FragmentDefinitionNode) => T, cyclic: T): (name: string) => T {
  const done = new Map<string, T>()
  const computing = new Set<string>()
  return (name) => {
    const known = done.get(name)
    if (known !== undefined) return known
    const fragment = fragments.get(name)
    if (!fragment || computing.has(name)) return cyclic
    computing.add(name)
    const value = compute(fragment)
    computing.delete(name)
    done.set(name, value)
    return value
  }
}

/** Levels of fields of a selection set (a leaf field is 1); introspection fields count 0. */
function depthCounter(document: DocumentNode): (selectionSet: SelectionSetNode) => number {
  const fragmentDepth = fragmentMemo(fragmentsOf(document), (fragment) => depthOf(fragment.selectionSet), 0)
  function depthOf(selectionSet: SelectionSetNode): number {
    let depth = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue
        depth = Math.max(depth, 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0))
      } else if (selection.kind === Kind.INLINE_FRAGMENT) depth = Math.max(depth, depthOf(selection.selectionSet))
      else depth = Math.max(depth, fragmentDepth(selection.name.value))
    }
    return depth
  }
  return depthOf
}

export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => ({
    Document(document) {
      const depthOf = depthCounter(document)
      for (const operation of document.definitions) {
        if (operation.kind !== Kind.OPERATION_DEFINITION) continue
        const depth = depthOf(operation.selectionSet)
        if (depth > maxDepth) {
          context.reportError(new GraphQLError(`query is ${depth} levels deep; the limit is ${maxDepth}`, { nodes: [operation], extensions: { code: 'QUERY_TOO_DEEP' } }))
        }
      }
    },
  })
}

/** The field a selection names on a type, introspection's own included. */
function fieldOn(schema: GraphQLSchema, type: GraphQLNamedType | undefined, node: FieldNode): GraphQLField<unknown, unknown> | undefined {
  const name = node.name.value
  if (type === schema.getQueryType() && name === '__schema') return SchemaMetaFieldDef
  if (type === schema.getQueryType() && name === '__type') return TypeMetaFieldDef
  return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined
}

/**
 * What a query may cost: a field costs 1 plus its children; a list field
 * multiplies its children by its `limit` or the nested list size; a page's
 * data list by the page's limit (its facets and page info are not multiplied).
 * A scanning field costs at least SCAN_COST. Never negative.
 */
function costOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  const fragments = fragmentsOf(document)
  // A fragment's cost depends on the page size around it (its data lists): one memo per size.
  const fragmentCosts = new Map<number, (name: string) => number>()
  const fragmentCost = (name: string, pageSize: number) => {
    let memo = fragmentCosts.get(pageSize)
    if (!memo) fragmentCosts.set(pageSize, (memo = fragmentMemo(fragments, (fragment) => selectionCost(schema.getType(fragment.typeCondition.name.value), fragment.selectionSet, pageSize), 0)))
    return memo(name)
  }
  function selectionCost(parent: GraphQLNamedType | undefined, selectionSet: SelectionSetNode, pageSize: number): number {
    let cost = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) cost += fragmentCost(selection.name.value, pageSize)
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += selectionCost(selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent, selection.selectionSet, pageSize)
      } else cost += fieldCost(parent, selection, pageSize)
    }
    return cost
  }
  function fieldCost(parent: GraphQLNamedType | undefined, node: FieldNode, pageSize: number): number {
    const field = fieldOn(schema, parent, node)
    const cost = ownCost(parent, field, node, pageSize)
    return field !== undefined && scans(parent, field, node) ? Math.max(cost, SCAN_COST) : cost
  }
  function scans(parent: GraphQLNamedType | undefined, field: GraphQLField<unknown, unknown>, node: FieldNode): boolean {
    if (field.name === 'facets' && isPageType(parent)) return true
    // A text filter (q) is a search too.
    return parent === schema.getQueryType() && (SCANNING_ROOT_FIELDS.has(field.name) || node.arguments?.some((argument) => argument.name.value === 'q') === true)
  }
  function ownCost(parent: GraphQLNamedType | undefined, field: GraphQLField<unknown, unknown> | undefined, node: FieldNode, pageSize: number): number {
    if (!field || !node.selectionSet) return 1
    const type = getNamedType(field.type)
    if (isPageType(type)) {
      const { limit } = getArgumentValues(field, node, variables) as { limit?: unknown }
      const size = typeof limit === 'number' && Number.isFinite(limit) ? Math.max(limit, 0) : ARGUMENT_RULES.limit.default
      return 1 + selectionCost(type, node.selectionSet, size)
    }
    const children = selectionCost(type, node.selectionSet, pageSize)
    if (!isListType(getNullableType(field.type))) return 1 + children
    if (isPageType(parent)) return 1 + pageSize * Math.max(children, 1)
    const { limit } = getArgumentValues(field, node, variables) as { limit?: unknown }
    const size = typeof limit === 'number' && Number.isFinite(limit) ? Math.max(limit, 0) : NESTED_LIST_SIZE
    return 1 + size * Math.max(children, 1)
  }
  return Math.max(0, selectionCost(schema.getQueryType() ?? undefined, operation.selectionSet, ARGUMENT_RULES.limit.default))
}

const isPageType = (type: GraphQLNamedType | undefined) => type !== undefined && type.name.endsWith('Page')

/** The root fields an operation selects, through its fragments (each visited once). */
const rootFields = (document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] => selectedFields(document, operation.selectionSet)

/** The fields a selection set selects, through its fragments (each visited once). */
function selectedFields(document: DocumentNode, selectionSet: SelectionSetNode): FieldNode[] {
  const fragments = fragmentsOf(document)
  const seen = new Set<string>()
  const fields: FieldNode[] = []
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection)
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet)
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value)
        const fragment = fragments.get(selection.name.value)
        if (fragment) collect(fragment.selectionSet)
      }
    }
  }
  collect(selectionSet)
  return fields
}

/** The names each `facets(names:)` of a page asks for (a root list field's page). */
function facetNamesAsked(schema: GraphQLSchema, document: DocumentNode, field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): unknown[] {
  const page = getNamedType(field.type)
  if (!isPageType(page) || !node.selectionSet) return []
  return selectedFields(document, node.selectionSet).flatMap((selection) => {
    const facets = selection.name.value === 'facets' ? fieldOn(schema, page, selection) : undefined
    return facets ? [(getArgumentValues(facets, selection, variables) as { names?: unknown }).names] : []
  })
}

/**
 * Documents (mercurius keeps one parsed tree per query text) and the operations of
 * each, as `maxCost operationName`, that passed checkRequest without variables.
 */
const passedWithoutVariables = new WeakMap<DocumentNode, Set<string>>()

/**
 * Before execution, with the variables (validated queries are cached, so a
 * validation rule could not see them): the root fields' arguments are checked
 * by the rules REST uses, then the cost, which depends on them (limit).
 */
export function checkRequest(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, rawVariables: Record<string, unknown> | undefined, maxCost = MAX_COST): void {
  // An operation without variables passes or fails the same way every time: a pass is remembered.
  const passKey = `${maxCost} ${operationName ?? ''}`
  const passed = passedWithoutVariables.get(document)
  if (passed?.has(passKey)) return
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined
  // No operation to run: execution says so in its own words.
  if (!operation) return
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}, { maxErrors: 1 })
  // Mercurius checks the variables too, except on the request that compiles the query.
  if (coerced.errors) throw requestError(coerced.errors[0].message, { code: 'BAD_USER_INPUT' }, coerced.errors[0].nodes)
  const variables = coerced.coerced
  const query = schema.getQueryType()!
  for (const node of rootFields(document, operation)) {
    const field = fieldOn(schema, query, node)
    if (!field || field.args.length === 0) continue
    try {
      // A list's root field has the name of its REST path: its sorts and facets are checked against that list's.
      checkArguments(getArgumentValues(field, node, variables), node.name.value)
      for (const names of facetNamesAsked(schema, document, field, node, variables)) checkArguments({ facets: names }, node.name.value)
    } catch (error) {
      if (!(error instanceof InvalidParameterError)) throw error
      throw requestError(`${node.name.value}: ${error.message}`, { code: 'BAD_USER_INPUT', argument: error.parameter }, [node])
    }
  }
  const cost = costOf(schema, document, operation, variables)
  if (cost > maxCost) {
    const shown = cost > 1e12 ? 'more than 10^12' : String(cost)
    throw requestError(`query costs ${shown}; the limit is ${maxCost} (ask for fewer rows with limit, or fewer nested lists)`, { code: 'QUERY_TOO_COSTLY' })
  }
  if (!operation.variableDefinitions?.length) {
    if (passed) passed.add(passKey)
    else passedWithoutVariables.set(document, new Set([passKey]))
  }
}
