import { and, asc, count, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { organizations } from '../db/schema.js'
import type { SortOf } from './arguments.js'
import type { Organization } from './entities.js'
import { type Facets, facetsOf } from './facets.js'
import { type Page, type PageRequest, afterCursor, orderByOf, toPage } from './pagination.js'
import { Binding, idsParam, inIds, LIMIT, preparedFor } from './prepared.js'
import { sortOrders } from './sorts.js'
import { totalOf } from './totals.js'

export type OrganizationSort = SortOf<'organizations'>
export interface OrganizationFilter {
  kind?: 'ward' | 'bureau'
}

const id = { expr: organizations.id, dir: 'asc' as const }
// Along organizations_name_idx and organizations_kind_idx.
const SORTS = sortOrders<Organization, 'id' | 'name' | 'kind'>({
  id: { keys: [id], keyOf: (row) => [row.id] },
  name: { keys: [{ expr: organizations.name, dir: 'asc' }, id], keyOf: (row) => [row.name, row.id] },
  kind: { keys: [{ expr: organizations.kind, dir: 'asc' }, { expr: organizations.name, dir: 'asc' }, id], keyOf: (row) => [row.kind, row.name, row.id] },
})

function conditionOf(filter: OrganizationFilter, binding?: Binding) {
  if (!filter.kind) return undefined
  return eq(organizations.kind, binding ? binding.value('kind', filter.kind) : filter.kind)
}

export function listOrganizations(db: Db, filter: OrganizationFilter, request: PageRequest, sort: OrganizationSort = 'id'): Page<Organization> {
  const binding = new Binding()
  const where = conditionOf(filter, binding)
  const { keys, keyOf } = SORTS[sort]
  const total = totalOf(db, 'listOrganizations', binding, () => db.select({ n: count() }).from(organizations).where(where).prepare())
  const after = afterCursor(keys, sort, request.cursor, binding)
  const statement = preparedFor(db, `listOrganizations ${sort} ${binding.key}`, () =>
    db.select().from(organizations).where(and(where, after)).orderBy(...orderByOf(keys)).limit(LIMIT).prepare(),
  )
  const rows = statement.all({ ...binding.values, limit: request.limit + 1 })
  return toPage(rows, request, sort, keyOf, (row) => row, total)
}

/** Organizations counted by kind, over the whole filtered list. */
export function organizationFacets(db: Db, filter: OrganizationFilter, names: readonly string[]): Facets {
  return facetsOf(db, 'organizations', filter, names, { kind: { value: sql`${organizations.kind}` } }, { from: sql`${organizations}`, where: conditionOf(filter) })
}

export function getOrganization(db: Db, id: string): Organization | undefined {
  return preparedFor(db, 'getOrganization', () => db.select().from(organizations).where(eq(organizations.id, sql.placeholder('id'))).prepare()).get({ id })
}

export function organizationsByIds(db: Db, ids: readonly string[]): Organization[] {
  return preparedFor(db, 'organizationsByIds', () => db.select().from(organizations).where(inIds(organizations.id)).prepare()).all(idsParam(ids))
}
