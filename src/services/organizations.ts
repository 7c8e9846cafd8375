import { and, asc, count, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { organizations } from '../db/schema.js'
import type { Organization } from './entities.js'
import { type Page, type PageRequest, afterCursor, toPage } from './pagination.js'
import { Binding, idsParam, inIds, preparedFor } from './prepared.js'
import { totalOf } from './totals.js'

const keys = [{ expr: organizations.id, dir: 'asc' as const }]

export function listOrganizations(db: Db, filter: { kind?: 'ward' | 'bureau' }, request: PageRequest): Page<Organization> {
  const binding = new Binding()
  const where = filter.kind ? eq(organizations.kind, binding.value('kind', filter.kind)) : undefined
  const total = totalOf(db, 'listOrganizations', binding, () => db.select({ n: count() }).from(organizations).where(where).prepare())
  const after = afterCursor(keys, 'id', request.cursor, binding)
  const statement = preparedFor(db, `listOrganizations ${binding.key}`, () =>
    db.select().from(organizations).where(and(where, after)).orderBy(asc(organizations.id)).limit(sql.placeholder('limit')).prepare(),
  )
  const rows = statement.all({ ...binding.values, limit: request.limit + 1 })
  return toPage(rows, request, 'id', (row) => [row.id], (row) => row, total)
}

export function getOrganization(db: Db, id: string): Organization | undefined {
  return preparedFor(db, 'getOrganization', () => db.select().from(organizations).where(eq(organizations.id, sql.placeholder('id'))).prepare()).get({ id })
}

export function organizationsByIds(db: Db, ids: readonly string[]): Organization[] {
  return preparedFor(db, 'organizationsByIds', () => db.select().from(organizations).where(inIds(organizations.id)).prepare()).all(idsParam(ids))
}
