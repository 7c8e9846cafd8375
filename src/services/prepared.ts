// Statements prepared once per connection. Building a query with drizzle costs
// more than running it, so the queries every plan document and every GraphQL
// level run are built once, with their id lists passed as one JSON parameter.
import { type SQL, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Db } from '../db/connection.js'

const prepared = new WeakMap<Db['$client'], Map<string, unknown>>()

/** The statement `name` for this connection, built by `build` the first time. */
export function preparedFor<T>(db: Db, name: string, build: () => T): T {
  let statements = prepared.get(db.$client)
  if (!statements) {
    statements = new Map()
    prepared.set(db.$client, statements)
  }
  let statement = statements.get(name) as T | undefined
  if (statement === undefined) {
    statement = build()
    statements.set(name, statement)
  }
  return statement
}

/** `column IN` the ids passed as the JSON array parameter `ids`. */
export function inIds(column: SQLiteColumn): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder('ids')}))`
}

/** The `ids` parameter of a statement using inIds(). */
export const idsParam = (ids: readonly string[]) => ({ ids: JSON.stringify(ids) })
