// The plan/organization/fiscalYear filters shared by the lists of plan parts.
import { type Placeholder, type SQL, and, eq, inArray, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Db } from '../db/connection.js'
import { plans } from '../db/schema.js'
import type { Completeness } from '../plans/types.js'
import { instantOf } from './arguments.js'
import type { ChangedSinceFilter, OrganizationYearFilter, ScopeFilter } from './entities.js'
import { organizationName } from './facets.js'
import type { Binding } from './prepared.js'

/** Conditions on a table's plan_id column for the scope filters (their values bound when a binding is given). */
export function scopeConditions(db: Db, planIdColumn: SQLiteColumn, filter: ScopeFilter, binding?: Binding): SQL[] {
  const value = valueOf(binding)
  const conditions: SQL[] = []
  if (filter.plan !== undefined) conditions.push(eq(planIdColumn, value('plan', filter.plan)))
  conditions.push(...changedSinceConditions(planIdColumn, filter, binding))
  const { updatedSince: _updatedSince, ...planFilter } = filter
  const planConditions = planFilterConditions(planFilter, binding)
  if (planConditions.length > 0) {
    conditions.push(inArray(planIdColumn, db.select({ id: plans.id }).from(plans).where(and(...planConditions))))
  }
  return conditions
}

/**
 * A table's rows whose plan changed since updatedSince: the plans found along plans_updated_at_idx.
 * `seekByPlan` false (lists in another order than the plan's, e.g. by budget) keeps the plans as a
 * filter (unary +), so the list walks its own order's index rather than sort every row of those plans.
 */
export function changedSinceConditions(planIdColumn: SQLiteColumn, filter: ChangedSinceFilter, binding?: Binding, seekByPlan = true): SQL[] {
  if (filter.updatedSince === undefined) return []
  const since = valueOf(binding)('updatedSince', instantOf(filter.updatedSince))
  const column = seekByPlan ? sql`${planIdColumn}` : sql`+${planIdColumn}`
  return [sql`${column} in (select ${plans.id} from ${plans} where ${plans.updatedAt} >= ${since})`]
}

/** A column of the plan a row belongs to, read beside the row's own (a lookup by the plan's key). */
function ofPlan<T>(column: SQLiteColumn, planIdColumn: SQLiteColumn, alias: string): SQL.Aliased<T> {
  return sql<T>`(select ${column} from ${plans} where ${plans.id} = ${planIdColumn})`.as(alias)
}

/** The completeness of the plan a row belongs to: flat rows (lists, CSV) say it beside their own fields. */
export const planCompletenessOf = (planIdColumn: SQLiteColumn) => ofPlan<Completeness>(plans.completeness, planIdColumn, 'plan_completeness')
/** The organization of a part's plan, so a row of a list says whose it is without a join by the client. */
export const planOrganizationOf = (planIdColumn: SQLiteColumn) => ofPlan<string>(plans.organizationId, planIdColumn, 'plan_organization_id')
/** The name of the organization of a part's plan, read with the row as its id is (two lookups by key, no query per row). */
export const planOrganizationNameOf = (planIdColumn: SQLiteColumn) =>
  sql<string>`${organizationName(sql`(select ${plans.organizationId} from ${plans} where ${plans.id} = ${planIdColumn})`)}`.as('plan_organization_name')
/** The name of the organization in a row's own organization column (initiatives carry their plan's). */
export const organizationNameOf = (organizationIdColumn: SQLiteColumn) => sql<string>`${organizationName(sql`${organizationIdColumn}`)}`.as('organization_name')
/** The fiscal year of a part's plan. */
export const planFiscalYearOf = (planIdColumn: SQLiteColumn) => ofPlan<number>(plans.fiscalYear, planIdColumn, 'plan_fiscal_year')

/** Conditions on the plans table itself (their values bound when a binding is given). */
export function planFilterConditions(filter: OrganizationYearFilter & ChangedSinceFilter & { isDraft?: boolean; completeness?: Completeness }, binding?: Binding): SQL[] {
  const value = valueOf(binding)
  const conditions: SQL[] = []
  if (filter.completeness !== undefined) conditions.push(eq(plans.completeness, value('completeness', filter.completeness)))
  // Unary +: the plan list walks plans in its own order (id) and filters, rather than sort every plan changed since.
  if (filter.updatedSince !== undefined) conditions.push(sql`+${plans.updatedAt} >= ${value('updatedSince', instantOf(filter.updatedSince))}`)
  conditions.push(...organizationYearConditions(sql`${plans.organizationId}`, sql`${plans.fiscalYear}`, filter, binding))
  if (filter.isDraft !== undefined) conditions.push(eq(plans.isDraft, value('isDraft', filter.isDraft)))
  return conditions
}

/** A filter's value in a condition: the binding's placeholder, or the value itself in a statement built for one request. */
export function valueOf(binding: Binding | undefined): <T extends string | number | boolean>(name: string, value: T) => T | Placeholder {
  return binding ? binding.value : (_name, value) => value
}

/** The ids of an organization filter: one, or several separated by commas. */
export function organizationIds(organization: string): string[] {
  return organization.split(',').filter((id) => id !== '')
}

/**
 * Conditions for the organization and fiscal year filters on any table's columns: every list
 * (plans and their parts, initiatives, budgets, search, catalogue) filters with these.
 */
export function organizationYearConditions(organizationColumn: SQL, fiscalYearColumn: SQL, filter: OrganizationYearFilter, binding?: Binding): SQL[] {
  const value = valueOf(binding)
  const conditions: SQL[] = []
  if (filter.organization !== undefined) {
    const ids = organizationIds(filter.organization)
    conditions.push(
      ids.length === 1
        ? sql`${organizationColumn} = ${value('organization', ids[0])}`
        : sql`${organizationColumn} in (select value from json_each(${value('organizations', JSON.stringify(ids))}))`,
    )
  }
  if (filter.fiscalYear !== undefined) conditions.push(sql`${fiscalYearColumn} = ${value('fiscalYear', filter.fiscalYear)}`)
  if (filter.fiscalYearFrom !== undefined) conditions.push(sql`${fiscalYearColumn} >= ${value('fiscalYearFrom', filter.fiscalYearFrom)}`)
  if (filter.fiscalYearTo !== undefined) conditions.push(sql`${fiscalYearColumn} <= ${value('fiscalYearTo', filter.fiscalYearTo)}`)
  return conditions
}
