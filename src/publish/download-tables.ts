// The tables of the bulk downloads: each is written as {name}.csv and
// {name}.jsonl, and described in datapackage.json, from one definition.
import type { Db } from '../db/connection.js'
import { type AnyTable, catalogueTable, initiativeTable, issueTable, organizationTable, planTable, strategyTable } from '../formats/tables.js'
import { listCatalogue } from '../services/catalogue.js'
import { listInitiatives } from '../services/initiatives.js'
import { listIssues } from '../services/issues.js'
import { listOrganizations } from '../services/organizations.js'
import type { Page } from '../services/pagination.js'
import { listPlans } from '../services/plans.js'
import { listStrategies } from '../services/strategies.js'

export interface DownloadTable {
  /** The file names' stem, and the resource's name in datapackage.json. */
  name: string
  title: string
  table: AnyTable
  /** Every entity of the table, in the list's order. */
  entities: (db: Db) => object[]
}

/** Every row of a paged list. */
export function allRows<T>(fetchPage: (cursor: string | undefined) => Page<T>): T[] {
  const rows: T[] = []
  let cursor: string | undefined
  do {
    const page = fetchPage(cursor)
    rows.push(...page.data)
    cursor = page.page.nextCursor ?? undefined
  } while (cursor)
  return rows
}

export const page = (cursor: string | undefined) => ({ limit: 100, cursor })

export const DOWNLOAD_TABLES: readonly DownloadTable[] = [
  { name: 'organizations', title: '区・局 (organizations)', table: organizationTable, entities: (db) => allRows((c) => listOrganizations(db, {}, page(c))) },
  { name: 'plans', title: '区運営方針 (plans)', table: planTable, entities: (db) => allRows((c) => listPlans(db, {}, page(c))) },
  { name: 'issues', title: '経営課題 (management issues)', table: issueTable, entities: (db) => allRows((c) => listIssues(db, {}, page(c))) },
  { name: 'strategies', title: '戦略 (strategies)', table: strategyTable, entities: (db) => allRows((c) => listStrategies(db, {}, page(c))) },
  { name: 'initiatives', title: '具体的取組と予算額 (initiatives and budgets)', table: initiativeTable, entities: (db) => allRows((c) => listInitiatives(db, {}, 'plan', page(c))) },
  { name: 'catalogue', title: '既知の運営方針ページ (the catalogue of known plan pages, loaded or not)', table: catalogueTable, entities: (db) => allRows((c) => listCatalogue(db, {}, page(c))) },
]
