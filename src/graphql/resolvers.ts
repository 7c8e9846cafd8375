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
import type { PageRequest } from '../services/pagination.js'
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

/** GraphQL passes explicit nulls; the services want absent filters. */
function present<T extends object>(args: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]: Exclude<T[K], null> }
}

const SORTS = { plan: 'plan', budget: 'budget', budgetDesc: '-budget' } as const

export function buildResolvers(db: Db) {
  return {
    Query: {
      organization: (_: unknown, { id }: { id: string }) => getOrganization(db, id) ?? null,
      organizations: (_: unknown, { kind, ...page }: PageArgs & { kind?: 'ward' | 'bureau' | null }) => listOrganizations(db, present({ kind }), pageRequest(page)),
      plan: (_: unknown, { id }: { id: string }) => plansByIds(db, [id])[0] ?? null,
      plans: (_: unknown, { limit, cursor, ...filter }: PageArgs & PlanFilter) =>
        listPlans(db, present(filter), pageRequest({ limit, cursor })),
      issue: (_: unknown, { id }: { id: string }) => getIssue(db, id) ?? null,
      issues: (_: unknown, { limit, cursor, ...filter }: PageArgs & { plan?: string; organization?: string; fiscalYear?: number }) =>
        listIssues(db, present(filter), pageRequest({ limit, cursor })),
      strategy: (_: unknown, { id }: { id: string }) => getStrategy(db, id) ?? null,
      strategies: (_: unknown, { limit, cursor, ...filter }: PageArgs & { plan?: string; organization?: string; fiscalYear?: number; issue?: string }) =>
        listStrategies(db, present(filter), pageRequest({ limit, cursor })),
      initiative: (_: unknown, { id }: { id: string }) => getInitiative(db, id) ?? null,
      initiatives: (_: unknown, { limit, cursor, sort, ...filter }: PageArgs & InitiativeFilter & { sort: keyof typeof SORTS }) =>
        listInitiatives(db, present(filter), SORTS[sort], pageRequest({ limit, cursor })),
      search: (_: unknown, { limit, cursor, ...filter }: PageArgs & SearchFilter) => search(db, present(filter), pageRequest({ limit, cursor })),
      budgets: (_: unknown, { limit, cursor, groupBy, source, ...filter }: PageArgs & InitiativeFilter & { groupBy: BudgetGroup; source?: BudgetSource | null }) =>
        budgetTotals(db, groupBy, present(filter), pageRequest({ limit, cursor }), source ?? 'initiatives'),
      compare: (_: unknown, { from, to }: { from: string; to: string }) => {
        const result = comparePlans(db, from, to)
        return 'comparison' in result ? result.comparison : null
      },
      catalogue: (_: unknown, { limit, cursor, ...filter }: PageArgs & CatalogueFilter) => listCatalogue(db, present(filter), pageRequest({ limit, cursor })),
    },
  }
}
