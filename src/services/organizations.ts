import { and, asc, count, eq } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { organizations } from '../db/schema.js'
import type { Organization } from './entities.js'
import { type Page, type PageRequest, afterCursor, toPage } from './pagination.js'
import { idsParam, inIds, preparedFor } from './prepared.js'

const keys = [{ expr: organizations.id, dir: 'asc' as const }]

export function listOrganizations(db: Db, filter: { kind?: 'ward' | 'bureau' }, request: PageRequest): Page<Organization> {
  const where = filter.kind ? eq(organizations.kind, filter.kind) : undefined
  const rows = db
    .select()
    .from(organizations)
    .where(and(where, afterCursor(keys, 'id', request.cursor)))
    .orderBy(asc(organizations.id))
    .limit(request.limit + 1)
    .all()
  const total = db.select({ n: count() }).from(organizations).where(where).get()!.n
  return toPage(rows, request, 'id', (row) => [row.id], (row) => row, total)
}

export function getOrganization(db: Db, id: string): Organization | undefined {
  return db.select().from(organizations).where(eq(organizations.id, id)).get()
}

export function organizationsByIds(db: Db, ids: readonly string[]): Organization[] {
  return preparedFor(db, 'organizationsByIds', () => db.select().from(organizations).where(inIds(organizations.id)).prepare()).all(idsParam(ids))
}
