// Facets (?facets=organization,fiscalYear): how many rows of a list's whole
// filtered result (not only the page) have each value of a dimension, most
// first, then by value. One GROUP BY per facet, kept until the data changes,
// as the lists' totals are; or (search) every facet asked counted together in
// memory from one pass over the rows (facetsCounted).
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { memoByDataVersion } from './memo.js'
import { compareSqlValues } from './sql-order.js'

export interface FacetValue {
  value: string | number | boolean
  /** What the data calls the value (an organization's name, a year as its plans print it); null where it has no name of its own. */
  label: string | null
  count: number
}
export type Facets = Record<string, FacetValue[]>

/** One dimension: its value per row (of `from`), and its label given the value's expression. */
export interface FacetDimension {
  value: SQL
  label?: SQL
  /** SQLite keeps booleans as 0 and 1: answer true and false. */
  boolean?: boolean
}

/** The rows counted: a FROM clause, its WHERE, and what counts a group (count(*), or a sum over pre-counted rows). */
export interface FacetSource {
  from: SQL
  where?: SQL
  count?: SQL
}

const counted = memoByDataVersion<{ values: FacetValue[] }>(2048)

/** The named facets of a list's filtered rows, in the order asked. `source` may be built only when a count is not kept. */
export function facetsOf(db: Db, list: string, filter: object, names: readonly string[], dimensions: Record<string, FacetDimension>, source: FacetSource | (() => FacetSource)): Facets {
  const facets: Facets = {}
  for (const name of names) {
    const dimension = dimensions[name]
    facets[name] = counted(db, `${list} ${name} ${JSON.stringify(filter)}`, () => ({ values: countBy(db, dimension, typeof source === 'function' ? source() : source) })).values
  }
  return facets
}

/**
 * The named facets of a list's filtered rows, in the order asked, those not kept counted together
 * by `countMissing` (one pass over the rows for all of them): kept as facetsOf keeps its counts.
 */
export function facetsCounted(db: Db, list: string, filter: object, names: readonly string[], countMissing: (names: string[]) => Map<string, FacetValue[]>): Facets {
  const keyOf = (name: string) => `${list} ${name} ${JSON.stringify(filter)}`
  const keys = names.map(keyOf)
  const values = counted.many(db, keys, (missing) => {
    const byName = countMissing(names.filter((name) => missing.includes(keyOf(name))))
    return new Map([...byName].map(([name, values]) => [keyOf(name), { values }]))
  })
  return Object.fromEntries(names.map((name, i) => [name, values[i]!.values]))
}

/** Counts by value as a facet answers them (SQL's `order by count desc, value`): most first, then by value. */
export function facetValues<V extends string | number | null>(counts: Map<V, number>, labelOf: (value: V) => string | null = () => null): FacetValue[] {
  return [...counts]
    .sort(([a, m], [b, n]) => n - m || compareSqlValues(a, b))
    .map(([value, count]) => ({ value: value as FacetValue['value'], label: labelOf(value), count }))
}

function countBy(db: Db, { value, label, boolean }: FacetDimension, { from, where, count }: FacetSource): FacetValue[] {
  const rows = db.all<{ value: string | number; label: string | null; count: number }>(
    sql`select ${value} as value, ${label ?? sql`null`} as label, ${count ?? sql`count(*)`} as count from ${from} ${where ? sql`where ${where}` : sql``}
      group by 1 order by 3 desc, 1`,
  )
  return rows.map((row) => ({ value: boolean ? row.value === 1 : row.value, label: row.label, count: row.count }))
}

/** The name of an organization whose id is `id`. */
export const organizationName = (id: SQL) => sql`(select named.name from organizations named where named.id = ${id})`

/** A fiscal year as its loaded plans print it (平成29年度, 令和５年度), when they all print it alike. */
export const fiscalYearLabel = (year: SQL) =>
  sql`(select case when count(distinct printed.fiscal_year_label) = 1 and count(printed.fiscal_year_label) = count(*) then min(printed.fiscal_year_label) end
    from plans printed where printed.fiscal_year = ${year})`

/** The dimensions of a plan, on the plans table aliased `alias`. */
export function planDimensions(alias: SQL): Record<'organization' | 'fiscalYear' | 'completeness', FacetDimension> {
  return {
    organization: { value: sql`${alias}.organization_id`, label: organizationName(sql`${alias}.organization_id`) },
    fiscalYear: { value: sql`${alias}.fiscal_year`, label: fiscalYearLabel(sql`${alias}.fiscal_year`) },
    completeness: { value: sql`${alias}.completeness` },
  }
}

/**
 * The rows of a table of plan parts, counted per plan first (along its plan index)
 * and then by the plan's dimensions: a join per plan, not per row.
 */
export function perPlan(table: SQL, planId: SQL, where: SQL | undefined): FacetSource {
  return {
    from: sql`(select ${planId} as plan_id, count(*) as n from ${table} ${where ? sql`where ${where}` : sql``} group by ${planId}) counted join plans fp on fp.id = counted.plan_id`,
    count: sql`sum(counted.n)`,
  }
}
