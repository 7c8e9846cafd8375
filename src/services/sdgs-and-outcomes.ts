// What issues and strategies say beside their text (SDG goals, outcome indicators): one
// batched read for either table, for plan documents and GraphQL.
import { getTableName } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { managementIssues, strategies } from '../db/schema.js'
import type { SdgsAndOutcomes } from './entities.js'
import { idsParam, inIds, preparedFor } from './prepared.js'

function sdgsAndOutcomesByIds(db: Db, table: typeof managementIssues | typeof strategies, ids: readonly string[]): Map<string, SdgsAndOutcomes> {
  const statement = preparedFor(db, `sdgsAndOutcomesByIds ${getTableName(table)}`, () =>
    db.select({ id: table.id, sdgs: table.sdgs, outcomeIndicators: table.outcomeIndicators }).from(table).where(inIds(table.id)).prepare(),
  )
  return new Map(statement.all(idsParam(ids)).map(({ id, ...rest }) => [id, rest]))
}

/** SDG goals and outcome indicators of many issues, by issue id. */
export const issueSdgsAndOutcomesByIds = (db: Db, ids: readonly string[]) => sdgsAndOutcomesByIds(db, managementIssues, ids)
/** SDG goals and outcome indicators of many strategies, by strategy id. */
export const strategySdgsAndOutcomesByIds = (db: Db, ids: readonly string[]) => sdgsAndOutcomesByIds(db, strategies, ids)
