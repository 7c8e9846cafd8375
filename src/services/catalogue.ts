// The catalogue of known plan pages and what of it is loaded: each entry
// with its plan, when one was imported from that page (same plan id, or the
// same address whatever its scheme), and the coverage of organizations by
// fiscal years that /v1/meta reports.
import { type SQL, and, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import type { Completeness, OrganizationYearFilter } from './entities.js'
import { organizationYearConditions } from './scope.js'
import type { PlanSource } from './dataset.js'
import { type Page, type PageRequest, type SortKey, afterCursor, orderByOf, toPage } from './pagination.js'
import type { SortOf } from './arguments.js'
import { type Facets, facetsOf, fiscalYearLabel, organizationName } from './facets.js'
import { sortOrders } from './sorts.js'

export interface CatalogueEntry {
  organizationId: string
  /** From the imported organization, else from what the page's address tells; null when unknown. */
  organizationName: string | null
  city: string | null
  fiscalYear: number
  isDraft: boolean
  url: string
  /** The plan imported from this page; null while it is only known, not loaded. */
  planId: string | null
  /** That plan's completeness; null while not loaded. */
  completeness: Completeness | null
}

export interface CatalogueFilter extends OrganizationYearFilter {
  isDraft?: boolean
  /** true: entries whose plan is imported; false: known but not loaded. */
  loaded?: boolean
}

/** The plan imported from an entry's page: by the id it gets, else by its address (http and https alike). */
const loadedPlanId = sql`coalesce(
  (select id from plans where id = c.plan_id),
  (select id from plans where source_url is not null and substr(source_url, instr(source_url, ':')) = substr(c.url, instr(c.url, ':')) order by id limit 1))`

export type CatalogueSort = SortOf<'catalogue'>
const organization: SortKey = { expr: sql`c.organization_id`, dir: 'asc' }
const fiscalYear: SortKey = { expr: sql`c.fiscal_year`, dir: 'asc' }
const url: SortKey = { expr: sql`c.url`, dir: 'asc' }
// Along catalogue_entries_organization_idx and catalogue_entries_year_idx.
const SORTS = sortOrders<CatalogueEntry, 'organization' | 'fiscalYear'>({
  organization: { keys: [organization, fiscalYear, url], keyOf: (row) => [row.organizationId, row.fiscalYear, row.url] },
  fiscalYear: { keys: [fiscalYear, organization, url], keyOf: (row) => [row.fiscalYear, row.organizationId, row.url] },
})

function conditions(filter: CatalogueFilter): SQL[] {
  const where: SQL[] = []
  where.push(...organizationYearConditions(sql`c.organization_id`, sql`c.fiscal_year`, filter))
  if (filter.isDraft !== undefined) where.push(sql`c.is_draft = ${filter.isDraft ? 1 : 0}`)
  if (filter.loaded !== undefined) where.push(filter.loaded ? sql`p.id is not null` : sql`p.id is null`)
  return where
}

function selectEntries(db: Db, where: SQL | undefined, tail: SQL): CatalogueEntry[] {
  const rows = db.all<Omit<CatalogueEntry, 'isDraft'> & { isDraft: number }>(sql`
    select c.organization_id as organizationId, coalesce(o.name, c.organization_name) as organizationName, coalesce(o.city, c.city) as city,
      c.fiscal_year as fiscalYear, c.is_draft as isDraft, c.url as url, p.id as planId, p.completeness as completeness
    from catalogue_entries c left join plans p on p.id = ${loadedPlanId} left join organizations o on o.id = c.organization_id
    ${where ? sql`where ${where}` : sql``} ${tail}`)
  return rows.map((row) => ({ ...row, isDraft: row.isDraft === 1 }))
}

/** The entries with their loaded plans (p, null while not loaded), for the list, its count and its facets. */
const ENTRIES = sql`catalogue_entries c left join plans p on p.id = ${loadedPlanId}`

export function listCatalogue(db: Db, filter: CatalogueFilter, request: PageRequest, sort: CatalogueSort = 'organization'): Page<CatalogueEntry> {
  const where = and(...conditions(filter))
  const { keys, keyOf } = SORTS[sort]
  const rows = selectEntries(db, and(where, afterCursor(keys, sort, request.cursor)), sql`order by ${sql.join(orderByOf(keys), sql`, `)} limit ${request.limit + 1}`)
  const total = db.get<{ n: number }>(sql`select count(*) as n from ${ENTRIES} ${where ? sql`where ${where}` : sql``}`)!.n
  return toPage(rows, request, sort, keyOf, (row) => row, total)
}

const CATALOGUE_FACETS = {
  // An organization not loaded yet is named as its page's address tells.
  organization: { value: sql`c.organization_id`, label: sql`coalesce(${organizationName(sql`c.organization_id`)}, max(c.organization_name))` },
  fiscalYear: { value: sql`c.fiscal_year`, label: fiscalYearLabel(sql`c.fiscal_year`) },
  isDraft: { value: sql`c.is_draft`, boolean: true },
  loaded: { value: sql`p.id is not null`, boolean: true },
}

/** Entries counted by organization, fiscal year, draft or loaded, over the whole filtered catalogue. */
export function catalogueFacets(db: Db, filter: CatalogueFilter, names: readonly string[]): Facets {
  return facetsOf(db, 'catalogue', filter, names, CATALOGUE_FACETS, { from: ENTRIES, where: and(...conditions(filter)) })
}

/** One edition (final or draft) of one fiscal year's plan of an organization, loaded or only catalogued. */
export interface CoverageCell {
  fiscalYear: number
  isDraft: boolean
  /** The loaded plan; null when the page is only in the catalogue. */
  planId: string | null
  completeness: Completeness | null
  inCatalogue: boolean
  /** The plan's source page. */
  url: string | null
}

export interface OrganizationCoverage {
  organizationId: string
  name: string | null
  city: string | null
  fiscalYears: CoverageCell[]
}

/** Organizations by fiscal years: every loaded plan (its source, from planSources) and every catalogued page without one. */
export function coverage(db: Db, sources: readonly PlanSource[]): OrganizationCoverage[] {
  const entries = selectEntries(db, undefined, sql``)
  const catalogued = new Set(entries.map((e) => e.planId))
  const byOrganization = new Map<string, OrganizationCoverage>()
  const add = (organization: Omit<OrganizationCoverage, 'fiscalYears'>, cell: CoverageCell) => {
    let row = byOrganization.get(organization.organizationId)
    if (!row) byOrganization.set(organization.organizationId, (row = { ...organization, fiscalYears: [] }))
    row.fiscalYears.push(cell)
  }
  for (const s of sources) {
    add(
      { organizationId: s.organizationId, name: s.organizationName, city: s.city },
      { fiscalYear: s.fiscalYear, isDraft: s.isDraft, planId: s.planId, completeness: s.completeness, inCatalogue: catalogued.has(s.planId), url: s.url },
    )
  }
  for (const e of entries) {
    if (e.planId !== null) continue
    add({ organizationId: e.organizationId, name: e.organizationName, city: e.city }, { fiscalYear: e.fiscalYear, isDraft: e.isDraft, planId: null, completeness: null, inCatalogue: true, url: e.url })
  }
  const rows = [...byOrganization.values()].sort((a, b) => a.organizationId.localeCompare(b.organizationId))
  // Within a year, the draft (published first) before the final plan.
  for (const row of rows) row.fiscalYears.sort((a, b) => a.fiscalYear - b.fiscalYear || Number(b.isDraft) - Number(a.isDraft) || (a.url ?? '').localeCompare(b.url ?? ''))
  return rows
}
