// Root resolvers: thin calls into the same service layer as REST.
import type { Db } from '../db/connection.js'
import { ARGUMENT_RULES, LIST_SORTS, type ListName, type SortOf } from '../services/arguments.js'
import { type BudgetGroup, type BudgetSource, budgetTotals } from '../services/budgets.js'
import { type CatalogueFilter, catalogueFacets, listCatalogue } from '../services/catalogue.js'
import { comparePlans } from '../services/compare.js'
import { type SearchFilter, search, searchFacets } from '../services/search.js'
import { getInitiative, type InitiativeFilter, initiativeFacets, listInitiatives } from '../services/initiatives.js'
import { getIssue, issueFacets, listIssues } from '../services/issues.js'
import { getOrganization, listOrganizations, organizationFacets } from '../services/organizations.js'
import { type Page, type PageRequest, pageOfQuery, queryFingerprint } from '../services/pagination.js'
import { type PlanFilter, listPlans, planFacets, plansByIds } from '../services/plans.js'
import type { ScopeFilter } from '../services/entities.js'
import { getStrategy, listStrategies, strategyFacets, type StrategyFilter } from '../services/strategies.js'
import { keptById } from './kept.js'
import { facetsField, sortScalar, withFacets } from './list-choices.js'

interface PageArgs {
  limit: number | null
  cursor?: string | null
}

/** limit is within REST's bounds by now: guards.ts checked every argument before execution. An explicit null is the default. */
function pageRequest({ limit, cursor }: PageArgs): PageRequest {
  return { limit: limit ?? ARGUMENT_RULES.limit.default, cursor: cursor ?? undefined }
}

/** A list's page, its cursors bound to the list and the arguments that choose its rows (as REST binds them). */
function paged<Query extends object, T>(list: string, page: PageArgs, query: Query, run: (query: Query, page: PageRequest) => Page<T>): Page<T> {
  return pageOfQuery(queryFingerprint(list, query), pageRequest(page), (request) => run(query, request))
}

/**
 * A sorted list's page: the sort is bound into the cursors with the filters. No sort is the
 * list's default, named, as REST's schema fills it in: a cursor goes on across the two transports.
 */
function sorted<L extends ListName, Filter extends object, T>(
  list: L,
  page: PageArgs,
  filter: Filter,
  sort: SortOf<L> | null | undefined,
  run: (filter: Filter, sort: SortOf<L> | undefined, page: PageRequest) => Page<T>,
): Page<T> {
  return paged(list, page, { ...filter, sort: sort ?? (LIST_SORTS[list][0] as SortOf<L>) }, ({ sort, ...rest }, request) => run(rest as unknown as Filter, sort, request))
}

/** GraphQL passes explicit nulls; the services want absent filters. */
function present<T extends object>(args: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]: Exclude<T[K], null> }
}

/** A list's arguments: its filters, its sort (checked by guards.ts against the list's) and the page. */
type ListArgs<L extends ListName, Filter> = PageArgs & Filter & { sort?: SortOf<L> | null }

const SORT_SCALARS = {
  OrganizationSort: sortScalar('organizations'),
  PlanSort: sortScalar('plans'),
  IssueSort: sortScalar('issues'),
  StrategySort: sortScalar('strategies'),
  InitiativeSort: sortScalar('initiatives'),
  SearchSort: sortScalar('search'),
  BudgetSort: sortScalar('budgets'),
  CatalogueSort: sortScalar('catalogue'),
}

const FACETED_PAGES = ['OrganizationPage', 'PlanPage', 'ManagementIssuePage', 'StrategyPage', 'InitiativePage', 'SearchHitPage', 'CatalogueEntryPage'] as const

export function buildResolvers(db: Db) {
  // One entity by id: kept for the data version once found (kept.ts).
  const organization = keptById(db, (id) => getOrganization(db, id))
  const plan = keptById(db, (id) => plansByIds(db, [id])[0])
  const issue = keptById(db, (id) => getIssue(db, id))
  const strategy = keptById(db, (id) => getStrategy(db, id))
  const initiative = keptById(db, (id) => getInitiative(db, id))
  return {
    ...SORT_SCALARS,
    ...Object.fromEntries(FACETED_PAGES.map((page) => [page, { facets: facetsField }])),
    Query: {
      organization: (_: unknown, { id }: { id: string }, context: object) => organization(id, context),
      organizations: (_: unknown, { kind, sort, limit, cursor }: ListArgs<'organizations', { kind?: 'ward' | 'bureau' | null }>) => {
        const filter = present({ kind })
        return withFacets('organizations', sorted('organizations', { limit, cursor }, filter, sort, (f, s, page) => listOrganizations(db, f, page, s)), (names) => organizationFacets(db, filter, names))
      },
      plan: (_: unknown, { id }: { id: string }, context: object) => plan(id, context),
      plans: (_: unknown, { limit, cursor, sort, ...args }: ListArgs<'plans', PlanFilter>) => {
        const filter = present(args)
        return withFacets('plans', sorted('plans', { limit, cursor }, filter, sort, (f, s, page) => listPlans(db, f, page, s)), (names) => planFacets(db, filter, names))
      },
      issue: (_: unknown, { id }: { id: string }, context: object) => issue(id, context),
      issues: (_: unknown, { limit, cursor, sort, ...args }: ListArgs<'issues', ScopeFilter>) => {
        const filter = present(args)
        return withFacets('issues', sorted('issues', { limit, cursor }, filter, sort, (f, s, page) => listIssues(db, f, page, s)), (names) => issueFacets(db, filter, names))
      },
      strategy: (_: unknown, { id }: { id: string }, context: object) => strategy(id, context),
      strategies: (_: unknown, { limit, cursor, sort, ...args }: ListArgs<'strategies', StrategyFilter>) => {
        const filter = present(args)
        return withFacets('strategies', sorted('strategies', { limit, cursor }, filter, sort, (f, s, page) => listStrategies(db, f, page, s)), (names) => strategyFacets(db, filter, names))
      },
      initiative: (_: unknown, { id }: { id: string }, context: object) => initiative(id, context),
      initiatives: (_: unknown, { limit, cursor, sort, ...args }: ListArgs<'initiatives', InitiativeFilter>) => {
        const filter = present(args)
        return withFacets('initiatives', sorted('initiatives', { limit, cursor }, filter, sort ?? 'plan', (f, s, page) => listInitiatives(db, f, s ?? 'plan', page)), (names) => initiativeFacets(db, filter, names))
      },
      search: (_: unknown, { limit, cursor, sort, ...args }: ListArgs<'search', SearchFilter>) => {
        const filter = present(args)
        return withFacets('search', sorted('search', { limit, cursor }, filter, sort, (f, s, page) => search(db, f, page, s)), (names) => searchFacets(db, filter, names))
      },
      budgets: (_: unknown, { limit, cursor, groupBy, source, sort, ...filter }: ListArgs<'budgets', InitiativeFilter & { groupBy: BudgetGroup; source?: BudgetSource | null }>) =>
        sorted('budgets', { limit, cursor }, { ...present(filter), groupBy, source: source ?? 'initiatives' }, sort, ({ groupBy, source, ...f }, s, page) => budgetTotals(db, groupBy, f, page, source, s)),
      compare: (_: unknown, { from, to }: { from: string; to: string }) => {
        const result = comparePlans(db, from, to)
        return 'comparison' in result ? result.comparison : null
      },
      catalogue: (_: unknown, { limit, cursor, sort, ...args }: ListArgs<'catalogue', CatalogueFilter>) => {
        const filter = present(args)
        return withFacets('catalogue', sorted('catalogue', { limit, cursor }, filter, sort, (f, s, page) => listCatalogue(db, f, page, s)), (names) => catalogueFacets(db, filter, names))
      },
    },
  }
}
