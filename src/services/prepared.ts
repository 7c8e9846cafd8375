// Statements prepared once per connection. Building a query with drizzle costs
// more than running it, so every query is built once: the plan document's and
// GraphQL's with their id lists passed as one JSON parameter, the lists' once
// per set of filters present (a Binding), with the values as parameters.
import { type Placeholder, type SQL, sql } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { LRUCache } from 'lru-cache'
import type { Db } from '../db/connection.js'

/** Statements kept per connection: the lists' filter combinations are many, the ones in use few. */
const MAX_STATEMENTS = 1000

const prepared = new WeakMap<Db['$client'], LRUCache<string, object>>()

/** The statement `name` for this connection, built by `build` the first time. */
export function preparedFor<T extends object>(db: Db, name: string, build: () => T): T {
  let statements = prepared.get(db.$client)
  if (!statements) {
    statements = new LRUCache({ max: MAX_STATEMENTS })
    prepared.set(db.$client, statements)
  }
  let statement = statements.get(name) as T | undefined
  if (statement === undefined) {
    statement = build()
    statements.set(name, statement)
  }
  return statement
}

/** `column IN` the ids passed as the JSON array parameter `ids` (a column, or a table's rowidOf). */
export function inIds(column: SQLiteColumn | SQL): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder('ids')}))`
}

/**
 * `limit ?` for a statement's `limit` parameter. A bare bound LIMIT makes SQLite (with STAT4,
 * as better-sqlite3 builds it) prepare the statement again on every run, about 8 µs; as an
 * expression it is read at run time like any other value.
 */
export const LIMIT = sql`cast(${sql.placeholder('limit')} as integer)` as unknown as Placeholder

/** A table's rowid, to select or to match with inIds(). */
export function rowidOf(table: SQLiteTable): SQL<number> {
  return sql<number>`${table}.rowid`
}

/** The `ids` parameter of a statement using inIds(). */
export const idsParam = (ids: readonly (string | number)[]) => ({ ids: JSON.stringify(ids) })

/**
 * The values of a statement prepared once for each shape of a request: conditions
 * take their values through value(), which returns a placeholder, and the names
 * bound (with variant() for choices that carry no value) make the statement's key.
 */
export class Binding {
  readonly values: Record<string, unknown> = {}
  private readonly shape: string[] = []

  /** A placeholder for `value`, passed as the parameter `name`. Booleans go as 0 and 1, as SQLite stores them. */
  value = (name: string, value: string | number | boolean): Placeholder => {
    this.values[name] = typeof value === 'boolean' ? Number(value) : value
    this.shape.push(name)
    return sql.placeholder(name)
  }

  /** A part of the statement that a request chooses without a value (hasBudget=true). */
  variant(name: string): void {
    this.shape.push(name)
  }

  /** What tells this statement from the others of its query. */
  get key(): string {
    return this.shape.join(' ')
  }
}
