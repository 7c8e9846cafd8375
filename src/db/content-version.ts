// Which generation of the data a connection sees: a random token the
// database changes with every write to plans or organizations (triggers, in
// the writing transaction). Equal tokens, same data; it survives restarts
// and copies of the file, unlike data_version or an in-process counter.
import { sql } from 'drizzle-orm'
import type { Db } from './connection.js'

export function contentVersion(db: Db): string {
  return db.get<{ version: string }>(sql`select version from content_version where id = 1`)!.version
}
