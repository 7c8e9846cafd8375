// The planner's statistics (sqlite_stat1), refreshed after each import: with
// them SQLite picks the index that serves a list's filter and order; without,
// it guesses. analysis_limit bounds the work (rows sampled per index), so an
// import of one plan into a large database stays quick.
import type { Db } from './connection.js'

/** ANALYZE, unless within a transaction (a drizzle transaction has no $client): its holder refreshes after the commit. */
export function refreshStatistics(db: Db): void {
  const sqlite = (db as Partial<Db>).$client
  if (!sqlite || sqlite.inTransaction || sqlite.readonly) return
  sqlite.pragma('analysis_limit = 1000')
  sqlite.exec('ANALYZE')
}
