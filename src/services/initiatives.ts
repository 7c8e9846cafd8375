import { type SQL, and, asc, count, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { budgets, initiatives } from '../db/schema.js'
import type { InitiativeEntity, ScopeFilter } from './entities.js'
import type { SortOf } from './arguments.js'
import { type Facets, facetsOf, perPlan, planDimensions } from './facets.js'
import { type ListQuery, type Page, type PageRequest, type SortKey, afterCursor, orderByOf, rowidPage, toPage } from './pagination.js'
import { sortOrders } from './sorts.js'
import { Binding, idsParam, inIds, LIMIT, preparedFor, rowidOf } from './prepared.js'
import { changedSinceConditions, organizationNameOf, organizationYearConditions, planCompletenessOf, valueOf } from './scope.js'
import { totalOf } from './totals.js'

export type InitiativeSort = SortOf<'initiatives'>

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
  organizationId: initiatives.organizationId,
  organizationName: organizationNameOf(initiatives.organizationId),
  fiscalYear: initiatives.fiscalYear,
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
// -plan walks the plan's indexes backwards; -budget has indexes of its own (unbudgeted last, plan order within an amount).
const SORT_KEYS = sortOrders<Row, 'plan' | 'budget'>(
  {
    plan: { keys: planKeys, keyOf: (r) => [r.planId, r.ordinal] },
    budget: { keys: [{ expr: AMOUNT_OR_LAST_ASC, dir: 'asc' }, ...planKeys], keyOf: (r) => [r.amountYen ?? Number.MAX_SAFE_INTEGER, r.planId, r.ordinal] },
  },
  { '-budget': { keys: [{ expr: AMOUNT_OR_LAST_DESC, dir: 'desc' }, ...planKeys], keyOf: (r) => [r.amountYen ?? -1, r.planId, r.ordinal] } },
) satisfies Record<InitiativeSort, unknown>

function toEntity(row: Row): InitiativeEntity {
  return {
    id: row.id,
    planId: row.planId,
    planCompleteness: row.planCompleteness,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    fiscalYear: row.fiscalYear,
    issueId: row.issueId,
    strategyId: row.strategyId,
    number: row.number,
    title: row.title,
    points: row.points,
    budget: row.budgetText === null ? null : { amountYen: row.amountYen, fiscalYear: row.budgetFiscalYear, text: row.budgetText },
  }
}

/** The filters' conditions (their values bound when a binding is given); `sort` the order a list walks them in (none: counted or totalled). */
export function initiativeConditions(filter: InitiativeFilter, binding?: Binding, sort?: InitiativeSort): SQL[] {
  const value = valueOf(binding)
  // Initiatives carry their plan's organization and year, so no plan lookup is needed.
  const conditions: SQL[] = []
  if (filter.plan !== undefined) conditions.push(eq(initiatives.planId, value('plan', filter.plan)))
  conditions.push(...organizationYearConditions(sql`${initiatives.organizationId}`, sql`${initiatives.fiscalYear}`, filter, binding))
  conditions.push(...changedSinceConditions(initiatives.planId, filter, binding, sort === undefined || sort === 'plan'))
  if (filter.issue !== undefined) conditions.push(eq(initiatives.issueId, value('issue', filter.issue)))
  if (filter.strategy !== undefined) conditions.push(eq(initiatives.strategyId, value('strategy', filter.strategy)))
  if (filter.hasBudget !== undefined) binding?.variant(`hasBudget=${filter.hasBudget}`)
  if (filter.hasBudget === true) conditions.push(isNotNull(initiatives.budgetYen))
  if (filter.hasBudget === false) conditions.push(isNull(initiatives.budgetYen))
  // Walked in the plans' order, the amount is checked, never sought (unary +): seeking a range in a
  // totals index, SQLite would then sort every match. Walked by amount, the range bounds the sort key
  // too (the same value wherever the amount is known), so the sort's index seeks to it.
  const amount = sort === 'plan' || sort === '-plan' ? sql`+${initiatives.budgetYen}` : sql`${initiatives.budgetYen}`
  const sortKey = sort === 'budget' ? AMOUNT_OR_LAST_ASC : sort === '-budget' ? AMOUNT_OR_LAST_DESC : undefined
  for (const bounded of sortKey ? [amount, sortKey] : [amount]) {
    if (filter.minBudgetYen !== undefined) conditions.push(sql`${bounded} >= ${value('minBudgetYen', filter.minBudgetYen)}`)
    if (filter.maxBudgetYen !== undefined) conditions.push(sql`${bounded} <= ${value('maxBudgetYen', filter.maxBudgetYen)}`)
  }
  queryWords(filter.q).forEach((word, i) => conditions.push(sql`${initiatives.searchText} like ${value(`q${i}`, `%${escapeLike(word)}%`)} escape '\\'`))
  return conditions
}

/** The list's query for these filters and sort, with its total. */
function initiativeList(db: Db, filter: InitiativeFilter, sort: InitiativeSort): ListQuery {
  const binding = new Binding()
  const where = and(...initiativeConditions(filter, binding, sort))
  const total = totalOf(db, 'listInitiatives', binding, () => db.select({ n: count() }).from(initiatives).where(where).prepare())
  return { name: 'listInitiatives', table: initiatives, where, keys: SORT_KEYS[sort].keys, sortName: sort, binding, total }
}

export function listInitiatives(db: Db, filter: InitiativeFilter, sort: InitiativeSort, request: PageRequest): Page<InitiativeEntity> {
  const { binding, where, keys, total } = initiativeList(db, filter, sort)
  const after = afterCursor(keys, sort, request.cursor, binding)
  const statement = preparedFor(db, `listInitiatives ${sort} ${binding.key}`, () =>
    selectRows(db)
      .where(and(where, after))
      .orderBy(...orderByOf(keys))
      .limit(LIMIT)
      .prepare(),
  )
  const rows = statement.all({ ...binding.values, limit: request.limit + 1 })
  return toPage(rows, request, sort, SORT_KEYS[sort].keyOf, toEntity, total)
}

/** The page listInitiatives gives, as rowids (see rowidPage). */
export function listInitiativeRowids(db: Db, filter: InitiativeFilter, sort: InitiativeSort, request: PageRequest): Page<number> {
  return rowidPage(db, initiativeList(db, filter, sort), request)
}

/** Initiatives by rowid (valid within one data version). */
export function initiativesByRowids(db: Db, rowids: readonly number[]): Map<number, InitiativeEntity> {
  const statement = preparedFor(db, 'initiativesByRowids', () =>
    db.select({ ...columns, rowid: rowidOf(initiatives) }).from(initiatives).leftJoin(budgets, eq(budgets.initiativeId, initiatives.id)).where(inIds(rowidOf(initiatives))).prepare(),
  )
  return new Map(statement.all(idsParam(rowids)).map((row) => [row.rowid, toEntity(row)]))
}

/** Initiatives counted by their plans' organization, fiscal year, completeness, or by having a budget amount, over the whole filtered list. */
export function initiativeFacets(db: Db, filter: InitiativeFilter, names: readonly string[]): Facets {
  const where = and(...initiativeConditions(filter))
  const counted = {
    ...facetsOf(db, 'initiatives', filter, names.filter((name) => name !== 'hasBudget'), planDimensions(sql`fp`), perPlan(sql`${initiatives}`, sql`${initiatives.planId}`, where)),
    ...facetsOf(db, 'initiatives', filter, names.filter((name) => name === 'hasBudget'), { hasBudget: { value: sql`${initiatives.budgetYen} is not null`, boolean: true } }, { from: sql`${initiatives}`, where }),
  }
  return Object.fromEntries(names.map((name) => [name, counted[name]]))
}

export function getInitiative(db: Db, id: string): InitiativeEntity | undefined {
  const row = preparedFor(db, 'getInitiative', () => selectRows(db).where(eq(initiatives.id, sql.placeholder('id'))).prepare()).get({ id })
  return row && toEntity(row)
}

export function initiativesByStrategyIds(db: Db, strategyIds: readonly string[]): InitiativeEntity[] {
  // Each strategy's in plan order, along initiatives_strategy_idx: callers take them strategy by strategy.
  const statement = preparedFor(db, 'initiativesByStrategyIds', () =>
    selectRows(db).where(inIds(initiatives.strategyId)).orderBy(asc(initiatives.strategyId), ...orderByOf(planKeys)).prepare(),
  )
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
