// Flat tables of the entities: the columns and rows of every CSV (list
// answers and bulk downloads alike), and the CSV text itself: UTF-8 with a
// BOM so spreadsheet programs read the Japanese text, a header row, null as
// an empty cell, budgets in yen as integers, lists as a JSON array in one cell,
// text that a spreadsheet would run as a formula neutralized (csv-cells.ts).
import { stringify } from 'csv-stringify/sync'
import { textCell } from './csv-cells.js'
import type { BudgetRow } from '../services/budgets.js'
import type { CatalogueEntry } from '../services/catalogue.js'
import type { InitiativeEntity, IssueEntity, Organization, PlanSummary, StrategyEntity } from '../services/entities.js'
import type { SearchHit } from '../services/search.js'

export type FlatRow = Record<string, string | number | boolean | null>

export interface Table<Entity> {
  columns: string[]
  row: (entity: Entity) => FlatRow
}

/** Lists of text (points) in one cell as a JSON array: unambiguous, and one row stays one line. */
const listCell = (items: string[]) => JSON.stringify(items)

export const organizationTable: Table<Organization> = { columns: ['id', 'name', 'kind', 'code', 'city'], row: (o) => ({ ...o }) }

export const planTable: Table<PlanSummary> = {
  columns: ['id', 'organizationId', 'fiscalYear', 'fiscalYearLabel', 'title', 'isDraft', 'completeness', 'pageId', 'updatedOn', 'sourceUrl', 'importedAt', 'updatedAt'],
  row: (p) => ({ ...p }),
}

export const issueTable: Table<IssueEntity> = {
  columns: ['id', 'planId', 'planCompleteness', 'number', 'title', 'aim', 'budgets'],
  row: ({ budgets, ...issue }) => ({ ...issue, budgets: JSON.stringify(budgets) }),
}

export const strategyTable: Table<StrategyEntity> = {
  columns: ['id', 'planId', 'planCompleteness', 'issueId', 'number', 'title', 'points'],
  row: (s) => ({ ...s, points: listCell(s.points) }),
}

export const initiativeTable: Table<InitiativeEntity> = {
  columns: ['id', 'planId', 'planCompleteness', 'issueId', 'strategyId', 'number', 'title', 'points', 'budgetYen', 'budgetFiscalYear', 'budgetText'],
  row: ({ budget, points, ...rest }) => ({
    ...rest,
    points: listCell(points),
    budgetYen: budget?.amountYen ?? null,
    budgetFiscalYear: budget?.fiscalYear ?? null,
    budgetText: budget?.text ?? null,
  }),
}

export const searchHitTable: Table<SearchHit> = { columns: ['kind', 'id', 'planId', 'planCompleteness', 'title', 'snippet'], row: (hit) => ({ ...hit }) }

export const budgetGroupTable: Table<BudgetRow> = {
  columns: ['key', 'label', 'totalYen', 'settlementYen', 'settlementFiscalYear', 'budgetedCount', 'unbudgetedCount', 'share', 'planCount', 'incompletePlanCount', 'allPlansComplete'],
  row: (row) => ({ ...row }),
}

export const catalogueTable: Table<CatalogueEntry> = {
  columns: ['organizationId', 'organizationName', 'city', 'fiscalYear', 'isDraft', 'url', 'planId', 'completeness'],
  row: (entry) => ({ ...entry }),
}

export function toCsv<Entity>(table: Table<Entity>, entities: Entity[]): string {
  return csvHead(table) + csvRows(table, entities)
}

/** The start of a CSV: the BOM and the header row. */
export function csvHead<Entity>(table: Table<Entity>): string {
  return `\uFEFF${table.columns.join(',')}\n`
}

/** Rows without the header: a CSV written in parts (a streamed answer) is csvHead and then these, batch by batch. */
export function csvRows<Entity>(table: Table<Entity>, entities: Entity[]): string {
  if (entities.length === 0) return ''
  return stringify(entities.map(table.row), { header: false, columns: table.columns, cast: { boolean: (v) => String(v), string: textCell } })
}
