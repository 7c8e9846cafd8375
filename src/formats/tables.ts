// Flat tables of the entities: the one definition of the columns of every CSV
// and JSON Lines row (paged CSV answers, the streamed /v1/{list}.csv and
// .jsonl, the bulk downloads) and of the Table Schemas of datapackage.json.
// Rows carry what a spreadsheet needs without a join: the organization and
// fiscal year of a plan part, a plan's goals, missions, policy and contact.
// CSV: UTF-8 with a BOM so spreadsheet programs read the Japanese text, a
// header row, null as an empty cell, budgets in yen as integers, a list as a
// JSON array in its cell with the same items as text in a `…Text` column
// beside it, text that a spreadsheet would run as a formula neutralized
// (csv-cells.ts). A JSON Lines row is the entity as the JSON API gives it,
// plus what the table adds (lists stay JSON arrays, no `…Text` columns).
import { stringify } from 'csv-stringify/sync'
import { textCell } from './csv-cells.js'
import type { Db } from '../db/connection.js'
import * as schema from '../db/schema.js'
import type { BudgetRow } from '../services/budgets.js'
import type { CatalogueEntry } from '../services/catalogue.js'
import type { Contact } from '../plans/types.js'
import type { InitiativeEntity, IssueBudget, IssueEntity, Organization, PlanSummary, SdgsAndOutcomes, StrategyEntity } from '../services/entities.js'
import { organizationsByIds } from '../services/organizations.js'
import { contactsByPlanIds, goalsByPlanIds, missionsByPlanIds, planTextsByIds } from '../services/plans.js'
import { type PlanScope, planIdsOfParts, planScopesByIds } from '../services/row-scopes.js'
import type { SearchHit } from '../services/search.js'

export type CellValue = string | number | boolean | null

/** Table Schema (Frictionless) field types of the columns. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime'

interface ValueColumn<Row> {
  name: string
  type: ColumnType
  description: string
  /** The cell's value; the row's own key of the column's name when not given. */
  value?: (row: Row) => CellValue
  /** The values a cell may hold (null aside). */
  enum?: readonly string[]
  /** Never null. */
  required?: boolean
}

/** A list: a JSON array in its cell, and its items as text in a `{name}Text` column beside it, joined by LIST_SEPARATOR. */
interface ListColumn<Row> {
  name: string
  type: 'list'
  description: string
  items: (row: Row) => readonly unknown[]
  /** One item as text; the item itself when not given. */
  itemText?: (item: any) => string
}

export type Column<Row> = ValueColumn<Row> | ListColumn<Row>

/** What joins the items of a list in its `…Text` column: a string the published texts do not hold. */
export const LIST_SEPARATOR = ' | '

/** A column of a table that is the key of a row of another download file. */
export interface ForeignKey {
  fields: string[]
  reference: { resource: string; fields: string[] }
}

/** A list's query, as its route validated it: some tables' rows depend on it (budgets: groupBy). */
export type ListQuery = Record<string, unknown>

export interface Table<Entity, Extra extends object = object> {
  columns: Column<Entity & Extra>[]
  /** What rows carry beyond the entity, read for a batch of entities in a few queries. */
  extra?: (db: Db, entities: Entity[], query: ListQuery) => (entity: Entity) => Extra
  primaryKey?: string[]
  foreignKeys?: ForeignKey[]
}

/** Any table, for lists of them. */
export type AnyTable = Table<any, any>

/** The names of a table's CSV columns, a list's `…Text` beside it. */
export function csvColumns(table: AnyTable): string[] {
  return table.columns.flatMap((column) => (column.type === 'list' ? [column.name, `${column.name}Text`] : [column.name]))
}

/** The entities with what their table adds: the rows of JSON Lines, and what CSV rows are made from. */
export function tableRows<Entity>(db: Db, table: Table<Entity, any>, entities: Entity[], query: ListQuery = {}): (Entity & object)[] {
  if (!table.extra || entities.length === 0) return entities as (Entity & object)[]
  const extra = table.extra(db, entities, query)
  return entities.map((entity) => ({ ...entity, ...extra(entity) }))
}

/** A row's CSV cells by column name. */
function flatRow(table: AnyTable, row: Record<string, unknown>): Record<string, CellValue> {
  const cells: Record<string, CellValue> = {}
  for (const column of table.columns) {
    if (column.type === 'list') {
      const items = column.items(row)
      cells[column.name] = JSON.stringify(items)
      cells[`${column.name}Text`] = items.map((item) => (column.itemText ? column.itemText(item) : String(item))).join(LIST_SEPARATOR)
    } else {
      cells[column.name] = column.value ? column.value(row) : ((row[column.name] ?? null) as CellValue)
    }
  }
  return cells
}

/** The start of a CSV: the BOM and the header row. */
export function csvHead(table: AnyTable): string {
  return `\uFEFF${csvColumns(table).join(',')}\n`
}

/** Rows (tableRows) without the header: a CSV written in parts (a streamed answer) is csvHead and then these, batch by batch. */
export function csvRows(table: AnyTable, rows: object[]): string {
  if (rows.length === 0) return ''
  const cells = rows.map((row) => flatRow(table, row as Record<string, unknown>))
  return stringify(cells, { header: false, columns: csvColumns(table), cast: { boolean: (v) => String(v), string: textCell } })
}

export function toCsv(table: AnyTable, rows: object[]): string {
  return csvHead(table) + csvRows(table, rows)
}

// The columns.

const text = (name: string, description: string, more: Partial<ValueColumn<any>> = {}): ValueColumn<any> => ({ name, type: 'string', description, ...more })
const integer = (name: string, description: string, more: Partial<ValueColumn<any>> = {}): ValueColumn<any> => ({ name, type: 'integer', description, ...more })
const list = <Row>(name: string, description: string, items: (row: Row) => readonly unknown[], itemText?: (item: any) => string): ListColumn<Row> => ({ name, type: 'list', description, items, itemText })

const completenessValues = schema.plans.completeness.enumValues
const planCompleteness = text('planCompleteness', "The completeness of the row's plan: the parts of an excerpt are not all of its plan.", { enum: completenessValues, required: true })
const planId = text('planId', 'The plan (plans.csv id).', { required: true })

/** The plan's organization and fiscal year, on every row of a plan part (the entities carry them; a search hit's are looked up). */
const scopeColumns: Column<PlanScope>[] = [
  text('organizationId', "The plan's organization (organizations.csv id).", { required: true }),
  text('organizationName', "The organization's name.", { required: true }),
  integer('fiscalYear', "The plan's fiscal year (年度, April to March).", { required: true }),
]

const toPlan = (field = 'planId'): ForeignKey => ({ fields: [field], reference: { resource: 'plans', fields: ['id'] } })
const toOrganization: ForeignKey = { fields: ['organizationId'], reference: { resource: 'organizations', fields: ['id'] } }

/** The plan scope of every entity, by its planId. */
function scopeByPlan<Entity extends { planId: string }>(db: Db, entities: Entity[]): (entity: Entity) => PlanScope {
  const scopes = planScopesByIds(db, entities.map((e) => e.planId))
  return (entity) => scopes.get(entity.planId)!
}

const sdgsAndOutcomeColumns: Column<SdgsAndOutcomes>[] = [
  list('sdgs', 'SDG goal numbers (1–17) of its 関連するSDGs / 主なSDGsゴール lines.', (row) => row.sdgs),
  list('outcomeIndicators', 'アウトカム指標 (outcome indicators), each line as published.', (row) => row.outcomeIndicators),
]

export const organizationTable: Table<Organization> = {
  columns: [
    text('id', "The romaji slug of the city's URL (asahi, somu).", { required: true }),
    text('name', '区 / 局・室: the name as published.', { required: true }),
    text('kind', 'ward (区) or bureau (局・室).', { enum: schema.organizations.kind.enumValues, required: true }),
    text('code', '全国地方公共団体コード with check digit (wards of Osaka); empty when unknown.'),
    text('city', 'The city (市) the organization belongs to.', { required: true }),
  ],
  primaryKey: ['id'],
}

type PlanExtra = { organizationName: string; goals: string[]; missions: string[]; policy: string | null } & { [K in keyof Contact & string as `contact${Capitalize<K>}`]: string | null }

export const planTable: Table<PlanSummary, PlanExtra> = {
  columns: [
    text('id', '{organization}-{fiscalYear}, with -draft for 案/素案.', { required: true }),
    text('organizationId', 'The organization (organizations.csv id).', { required: true }),
    text('organizationName', "The organization's name.", { required: true }),
    integer('fiscalYear', 'The fiscal year (年度, April to March).', { required: true }),
    text('fiscalYearLabel', 'The fiscal year as published (平成29年度).'),
    text('title', 'The title as published.'),
    { name: 'isDraft', type: 'boolean', description: 'A draft (案/素案), not the adopted plan.', required: true },
    text('completeness', 'How much of the plan the source holds: complete; excerpt (the text stops before the end); attachments (the page only links its attachments).', { enum: completenessValues, required: true }),
    text('pageId', 'ページ番号 of the published page.'),
    { name: 'updatedOn', type: 'date', description: 'The date the page was last updated, as it states.' },
    text('sourceUrl', 'The published page the plan was read from.'),
    { name: 'importedAt', type: 'datetime', description: 'When this database first imported the plan (ISO 8601, UTC).', required: true },
    { name: 'updatedAt', type: 'datetime', description: "When the plan's content last changed here (ISO 8601, UTC); an identical re-import leaves it.", required: true },
    list('goals', '区の目標, in published order.', (plan) => plan.goals),
    list('missions', '区の使命, in published order.', (plan) => plan.missions),
    text('policy', '区運営の基本的な考え方 (区長の方針).'),
    text('contactDepartment', 'このページの作成者・問合せ先: the department.'),
    text('contactPostalCode', 'The contact postal code.'),
    text('contactAddress', 'The contact address.'),
    text('contactPhone', 'The contact telephone number.'),
    text('contactFax', 'The contact fax number.'),
  ],
  extra: (db, plans) => {
    const ids = plans.map((p) => p.id)
    const [scopes, goals, missions, texts, contacts] = [planScopesByIds(db, ids), goalsByPlanIds(db, ids), missionsByPlanIds(db, ids), planTextsByIds(db, ids), contactsByPlanIds(db, ids)]
    return ({ id }) => {
      const contact = contacts.get(id)
      return {
        organizationName: scopes.get(id)!.organizationName,
        goals: goals.get(id) ?? [],
        missions: missions.get(id) ?? [],
        policy: texts.get(id)?.policy ?? null,
        contactDepartment: contact?.department ?? null,
        contactPostalCode: contact?.postalCode ?? null,
        contactAddress: contact?.address ?? null,
        contactPhone: contact?.phone ?? null,
        contactFax: contact?.fax ?? null,
      }
    }
  },
  primaryKey: ['id'],
  foreignKeys: [toOrganization],
}

export const issueTable: Table<IssueEntity> = {
  columns: [
    text('id', '{plan}.N, or {plan}.N.k for 経営課題N-(k).', { required: true }),
    planId,
    ...scopeColumns,
    planCompleteness,
    integer('number', 'The N of 経営課題N.', { required: true }),
    integer('subNumber', 'The (k) of 経営課題N-(k); empty for a plain 経営課題N.'),
    text('title', 'The title as published.'),
    text('aim', 'The state the issue aims for (めざす状態, 概要, 課題認識).'),
    list('budgets', "The issue's own budget lines (FY2023 on): objects of kind (budget 予算額 or settlement 決算額), amountYen, fiscalYear and text; the text column holds the lines as published.", (issue) => issue.budgets, (line: IssueBudget) => line.text),
    ...sdgsAndOutcomeColumns,
  ],
  primaryKey: ['id'],
  foreignKeys: [toPlan(), toOrganization],
}

export const strategyTable: Table<StrategyEntity> = {
  columns: [
    text('id', '{issue}-M.', { required: true }),
    planId,
    ...scopeColumns,
    planCompleteness,
    text('issueId', 'The management issue (issues.csv id).', { required: true }),
    text('number', 'N-M of 戦略N-M.', { required: true }),
    text('title', 'The title as published.'),
    list('points', 'The points (要点) of the strategy, as published.', (strategy) => strategy.points),
    ...sdgsAndOutcomeColumns,
  ],
  primaryKey: ['id'],
  foreignKeys: [toPlan(), toOrganization, { fields: ['issueId'], reference: { resource: 'issues', fields: ['id'] } }],
}

export const initiativeTable: Table<InitiativeEntity> = {
  columns: [
    text('id', '{strategy}-K.', { required: true }),
    planId,
    ...scopeColumns,
    planCompleteness,
    text('issueId', 'The management issue (issues.csv id).', { required: true }),
    text('strategyId', 'The strategy (strategies.csv id).', { required: true }),
    text('number', 'N-M-K of 具体的取組N-M-K.', { required: true }),
    text('title', 'The title as published.'),
    list('points', 'The points (要点) of the initiative, as published.', (initiative) => initiative.points),
    integer('budgetYen', '予算額 in yen; empty for "-円" or no budget line (not zero).', { value: (i) => i.budget?.amountYen ?? null }),
    integer('budgetFiscalYear', 'The fiscal year the budget line names.', { value: (i) => i.budget?.fiscalYear ?? null }),
    text('budgetText', 'The budget line as published.', { value: (i) => i.budget?.text ?? null }),
  ],
  primaryKey: ['id'],
  foreignKeys: [toPlan(), toOrganization, { fields: ['issueId'], reference: { resource: 'issues', fields: ['id'] } }, { fields: ['strategyId'], reference: { resource: 'strategies', fields: ['id'] } }],
}

export const searchHitTable: Table<SearchHit, PlanScope> = {
  columns: [
    text('kind', 'What matched: a plan, issue, strategy or initiative.', { required: true }),
    text('id', 'The id of what matched.', { required: true }),
    planId,
    ...scopeColumns,
    planCompleteness,
    text('title', 'Its title.'),
    text('snippet', 'HTML: the text around the first match, escaped, with the match in <mark>.', { required: true }),
  ],
  extra: scopeByPlan,
}

type BudgetScope = { [K in keyof PlanScope]: PlanScope[K] | null }

/** The plan, organization and fiscal year a budget group is of, as far as its grouping tells. */
function budgetGroupScopes(db: Db, rows: BudgetRow[], query: ListQuery): (row: BudgetRow) => BudgetScope {
  const none: BudgetScope = { planId: null, organizationId: null, organizationName: null, fiscalYear: null }
  const keys = rows.map((r) => r.key)
  switch (query.groupBy) {
    case 'organization': {
      const names = new Map(organizationsByIds(db, keys).map((o) => [o.id, o.name]))
      return (row) => ({ ...none, organizationId: row.key, organizationName: names.get(row.key) ?? null })
    }
    case 'fiscalYear':
      return (row) => ({ ...none, fiscalYear: Number(row.key) })
    case 'plan': {
      const scopes = planScopesByIds(db, keys)
      return (row) => scopes.get(row.key) ?? none
    }
    case 'issue':
    case 'strategy': {
      const planIds = planIdsOfParts(db, query.groupBy === 'issue' ? schema.managementIssues : schema.strategies, keys)
      const scopes = planScopesByIds(db, [...planIds.values()])
      return (row) => scopes.get(planIds.get(row.key)!) ?? none
    }
    default:
      return () => none
  }
}

export const budgetGroupTable: Table<BudgetRow, BudgetScope> = {
  columns: [
    text('key', 'The group: a plan, organization, issue or strategy id, or a fiscal year.', { required: true }),
    text('label', "The group's name or title."),
    text('planId', 'The plan of a plan, issue or strategy group; empty for the others.'),
    text('organizationId', 'The organization of the group; empty for fiscal-year groups.'),
    text('organizationName', "The organization's name."),
    integer('fiscalYear', 'The fiscal year of the group; empty for organization groups.'),
    integer('totalYen', 'Sum of the amounts in yen; empty when none has one ("-円" is not 0).'),
    integer('settlementYen', 'Issue lines only: the 決算額 the group publishes.'),
    integer('settlementFiscalYear', 'The fiscal year of settlementYen when all of it is one year.'),
    integer('budgetedCount', 'Rows with an amount.', { required: true }),
    integer('unbudgetedCount', 'Rows with "-円" or no budget line.', { required: true }),
    { name: 'share', type: 'number', description: 'totalYen over the total of all groups.' },
    integer('planCount', 'Plans the group covers.', { required: true }),
    integer('incompletePlanCount', 'Those of them that are not complete.', { required: true }),
    { name: 'allPlansComplete', type: 'boolean', description: 'Whether totalYen covers whole plans.', required: true },
  ],
  extra: budgetGroupScopes,
}

export const catalogueTable: Table<CatalogueEntry> = {
  columns: [
    text('organizationId', 'The organization the page is of (organizations.csv id once imported).', { required: true }),
    text('organizationName', "The organization's name; empty when unknown."),
    text('city', 'The city; empty when unknown.'),
    integer('fiscalYear', 'The fiscal year of the page.', { required: true }),
    { name: 'isDraft', type: 'boolean', description: 'A draft (案/素案).', required: true },
    text('url', 'The published page.', { required: true }),
    text('planId', 'The plan imported from this page (plans.csv id); empty while it is only known, not loaded.'),
    text('completeness', "That plan's completeness; empty while not loaded.", { enum: completenessValues }),
  ],
  primaryKey: ['url'],
  foreignKeys: [toPlan()],
}
