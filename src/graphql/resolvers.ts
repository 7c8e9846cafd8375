// Root resolvers: thin calls into the same service layer as REST.
import type { Db } from '../db/connection.js'
import { ARGUMENT_RULES } from '../services/arguments.js'
import { type BudgetGroup, type BudgetSource, budgetTotals } from '../services/budgets.js'
import { type CatalogueFilter, listCatalogue } from '../services/catalogue.js'
import { comparePlans } from '../services/compare.js'
import { type SearchFilter, search } from '../services/search.js'
import { getInitiative, type InitiativeFilter, listInitiatives } from '../services/initiatives.js'
import { getIssue, listIssues } from '../services/issues.js'
import { getOrganization, listOrganizations } from '../services/organizations.js'
import { type Page, type PageRequest, pageOfQuery, queryFingerprint } from '../services/pagination.js'
import { type PlanFilter, listPlans, plansByIds } from '../services/plans.js'
import { getStrategy, listStrategies } from '../services/strategies.js'

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

/** GraphQL passes explicit nulls; the services want absent filters. */
function present<T extends object>(args: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]: Exclude<T[K], null> }
}

const SORTS = { plan: 'plan', budget: 'budget', budgetDesc: '-budget' } as const

export function buildResolvers(db: Db) {
  return {
    Query: {
      organization: (_: unknown, { id }: { id: string }) => getOrganization(db, id) ?? null,
      organizations: (_: unknown, { kind, limit, cursor }: PageArgs & { kind?: 'ward' | 'bureau' | null }) =>
        paged('organizations', { limit, cursor }, present({ kind }), (filter, page) => listOrganizations(db, filter, page)),
      plan: (_: unknown, { id }: { id: string }) => plansByIds(db, [id])[0] ?? null,
      plans: (_: unknown, { limit, cursor, ...filter }: PageArgs & PlanFilter) => paged('plans', { limit, cursor }, present(filter), (filter, page) => listPlans(db, filter, page)),
      issue: (_: unknown, { id }: { id: string }) => getIssue(db, id) ?? null,
      issues: (_: unknown, { limit, cursor, ...filter }: PageArgs & { plan?: string; organization?: string; fiscalYear?: number }) =>
        paged('issues', { limit, cursor }, present(filter), (filter, page) => listIssues(db, filter, page)),
      strategy: (_: unknown, { id }: { id: string }) => getStrategy(db, id) ?? null,
      strategies: (_: unknown, { limit, cursor, ...filter }: PageArgs & { plan?: string; organization?: string; fiscalYear?: number; issue?: string }) =>
        paged('strategies', { limit, cursor }, present(filter), (filter, page) => listStrategies(db, filter, page)),
      initiative: (_: unknown, { id }: { id: string }) => getInitiative(db, id) ?? null,
      initiatives: (_: unknown, { limit, cursor, sort, ...filter }: PageArgs & InitiativeFilter & { sort: keyof typeof SORTS }) =>
        paged('initiatives', { limit, cursor }, { ...present(filter), sort: SORTS[sort] }, ({ sort, ...filter }, page) => listInitiatives(db, filter, sort, page)),
      search: (_: unknown, { limit, cursor, ...filter }: PageArgs & SearchFilter) => paged('search', { limit, cursor }, present(filter), (filter, page) => search(db, filter, page)),
      budgets: (_: unknown, { limit, cursor, groupBy, source, ...filter }: PageArgs & InitiativeFilter & { groupBy: BudgetGroup; source?: BudgetSource | null }) =>
        paged('budgets', { limit, cursor }, { ...present(filter), groupBy, source: source ?? 'initiatives' }, ({ groupBy, source, ...filter }, page) =>
          budgetTotals(db, groupBy, filter, page, source),
        ),
      compare: (_: unknown, { from, to }: { from: string; to: string }) => {
        const result = comparePlans(db, from, to)
        return 'comparison' in result ? result.comparison : null
      },
      catalogue: (_: unknown, { limit, cursor, ...filter }: PageArgs & CatalogueFilter) =>
        paged('catalogue', { limit, cursor }, present(filter), (filter, page) => listCatalogue(db, filter, page)),
    },
  }
}
