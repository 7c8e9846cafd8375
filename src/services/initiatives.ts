import { type SQL, and, count, eq, gte, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { budgets, initiatives } from '../db/schema.js'
import type { InitiativeEntity, ScopeFilter } from './entities.js'
import { type Page, type PageRequest, type SortKey, afterCursor, orderByOf, toPage } from './pagination.js'
import { idsParam, inIds, preparedFor } from './prepared.js'
import { organizationYearConditions, planCompletenessOf } from './scope.js'

export const INITIATIVE_SORTS = ['plan', 'budget', '-budget'] as const
export type InitiativeSort = (typeof INITIATIVE_SORTS)[number]

export interface InitiativeFilter extends ScopeFilter {
  issue?: string
  strategy?: string
  /** true: a budget line with an amount; false: "-円" or no budget line. */
  hasBudget?: boolean
  minBudgetYen?: number
  maxBudgetYen?: number
  /** Words that must all appear in the title or points (NFKC, case-insensitive for Latin). */
  q?: string
}

const columns = {
  id: initiatives.id,
  planId: initiatives.planId,
  planCompleteness: planCompletenessOf(initiatives.planId),
  issueId: initiatives.issueId,
  strategyId: initiatives.strategyId,
  number: initiatives.number,
  title: initiatives.title,
  points: initiatives.points,
  ordinal: initiatives.ordinal,
  amountYen: budgets.amountYen,
  budgetFiscalYear: budgets.fiscalYear,
  budgetText: budgets.text,
}
type Row = Omit<InitiativeEntity, 'budget'> & { ordinal: number; amountYen: number | null; budgetFiscalYear: number | null; budgetText: string | null }

const planKeys: SortKey[] = [
  { expr: initiatives.planId, dir: 'asc' },
  { expr: initiatives.ordinal, dir: 'asc' },
]
// Initiatives without an amount sort last in either direction.
// The same expressions as the indexes initiatives_budget_asc_idx / _desc_idx, so SQLite walks them.
const AMOUNT_OR_LAST_ASC = sql`coalesce(${initiatives.budgetYen}, 9007199254740991)`
const AMOUNT_OR_LAST_DESC = sql`coalesce(${initiatives.budgetYen}, -1)`
const SORT_KEYS: Record<InitiativeSort, { keys: SortKey[]; keyOf: (row: Row) => unknown[] }> = {
  plan: { keys: planKeys, keyOf: (r) => [r.planId, r.ordinal] },
  budget: { keys: [{ expr: AMOUNT_OR_LAST_ASC, dir: 'asc' }, ...planKeys], keyOf: (r) => [r.amountYen ?? Number.MAX_SAFE_INTEGER, r.planId, r.ordinal] },
  '-budget': { keys: [{ expr: AMOUNT_OR_LAST_DESC, dir: 'desc' }, ...planKeys], keyOf: (r) => [r.amountYen ?? -1, r.planId, r.ordinal] },
}

function toEntity(row: Row): InitiativeEntity {
  return {
    id: row.id,
    planId: row.planId,
    planCompleteness: row.planCompleteness,
    issueId: row.issueId,
    strategyId: row.strategyId,
    number: row.number,
    title: row.title,
    points: row.points,
    budget: row.budgetText === null ? null : { amountYen: row.amountYen, fiscalYear: row.budgetFiscalYear, text: row.budgetText },
  }
}

export function initiativeConditions(filter: InitiativeFilter): SQL[] {
  // Initiatives carry their plan's organization and year, so no plan lookup is needed.
  const conditions: SQL[] = []
  if (filter.plan !== undefined) conditions.push(eq(initiatives.planId, filter.plan))
  conditions.push(...organizationYearConditions(sql`${initiatives.organizationId}`, sql`${initiatives.fiscalYear}`, filter))
  if (filter.issue !== undefined) conditions.push(eq(initiatives.issueId, filter.issue))
  if (filter.strategy !== undefined) conditions.push(eq(initiatives.strategyId, filter.strategy))
  if (filter.hasBudget === true) conditions.push(isNotNull(initiatives.budgetYen))
  if (filter.hasBudget === false) conditions.push(isNull(initiatives.budgetYen))
  if (filter.minBudgetYen !== undefined) conditions.push(gte(initiatives.budgetYen, filter.minBudgetYen))
  if (filter.maxBudgetYen !== undefined) conditions.push(lte(initiatives.budgetYen, filter.maxBudgetYen))
  for (const word of queryWords(filter.q)) conditions.push(sql`${initiatives.searchText} like ${`%${escapeLike(word)}%`} escape '\\'`)
  return conditions
}

export function listInitiatives(db: Db, filter: InitiativeFilter, sort: InitiativeSort, request: PageRequest): Page<InitiativeEntity> {
  const where = and(...initiativeConditions(filter))
  const { keys, keyOf } = SORT_KEYS[sort]
  const rows = selectRows(db)
    .where(and(where, afterCursor(keys, sort, request.cursor)))
    .orderBy(...orderByOf(keys))
    .limit(request.limit + 1)
    .all()
  const total = countInitiatives(db, where)
  return toPage(rows, request, sort, keyOf, toEntity, total)
}

function countInitiatives(db: Db, where: SQL | undefined): number {
  return db.select({ n: count() }).from(initiatives).where(where).get()!.n
}

export function getInitiative(db: Db, id: string): InitiativeEntity | undefined {
  const row = selectRows(db).where(eq(initiatives.id, id)).get()
  return row && toEntity(row)
}

export function initiativesByStrategyIds(db: Db, strategyIds: readonly string[]): InitiativeEntity[] {
  const statement = preparedFor(db, 'initiativesByStrategyIds', () => selectRows(db).where(inIds(initiatives.strategyId)).orderBy(...orderByOf(planKeys)).prepare())
  return statement.all(idsParam(strategyIds)).map(toEntity)
}

export function initiativesByIds(db: Db, ids: readonly string[]): InitiativeEntity[] {
  return preparedFor(db, 'initiativesByIds', () => selectRows(db).where(inIds(initiatives.id)).prepare()).all(idsParam(ids)).map(toEntity)
}

function selectRows(db: Db) {
  return db.select(columns).from(initiatives).leftJoin(budgets, eq(budgets.initiativeId, initiatives.id)).$dynamic()
}

/** Whitespace-separated words, NFKC so full- and half-width forms match. */
function queryWords(q: string | undefined): string[] {
  return q ? q.normalize('NFKC').split(/\s+/).filter((w) => w !== '') : []
}

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`)
}
