// Examples for the OpenAPI document, read through the service layer from the
// database the app serves (the seed plan in the committed export), so they
// are real data and never retyped.
import type { Db } from '../db/connection.js'
import { getInitiative, listInitiatives } from '../services/initiatives.js'
import { getIssue, listIssues } from '../services/issues.js'
import { getOrganization, listOrganizations } from '../services/organizations.js'
import { getPlanDocument, listPlans } from '../services/plans.js'
import { getStrategy, listStrategies } from '../services/strategies.js'
import { budgetTotals } from '../services/budgets.js'
import { listCatalogue } from '../services/catalogue.js'
import { comparePlans } from '../services/compare.js'
import { countPlans } from '../services/health.js'
import { search } from '../services/search.js'
import type { Page } from '../services/pagination.js'
import { DEFAULT_DATASET_INFO } from '../dataset-info.js'
import { type EntityKind, planDocumentWithUrls, searchHitUrl, withUrl } from './links.js'
import { serviceIndex } from './service-index.js'

export interface OperationExample {
  response: unknown
  /** Example values of parameters, by name. */
  params?: Record<string, string>
}

const page = { limit: 2 }

/** Import times change with every import: the examples show this one, so the committed document stays the same. */
const EXAMPLE_TIME = '2026-04-01T00:00:00.000Z'
const withExampleTimes = (value: unknown) => JSON.parse(JSON.stringify(value, (key, v) => (key === 'importedAt' || key === 'updatedAt' ? EXAMPLE_TIME : v)))

/** A page of entities as REST answers it without PUBLIC_URL: each row with its url. */
const withUrls = <T extends { id: string }>(kind: EntityKind, list: Page<T>) => ({ ...list, data: list.data.map((row) => withUrl(null, kind, row)) })

/** Examples by operationId; empty when the database holds no plan. */
export function examplesFromDatabase(db: Db): Record<string, OperationExample> {
  const plans = listPlans(db, {}, page)
  if (plans.data.length === 0) return {}
  // A complete plan, where there is one: its parts make the examples (openings have few).
  const planId = listPlans(db, { completeness: 'complete' }, { limit: 1 }).data[0]?.id ?? plans.data[0].id
  const organizations = listOrganizations(db, {}, page)
  const issues = listIssues(db, { plan: planId }, page)
  const strategies = listStrategies(db, { plan: planId }, page)
  const initiatives = listInitiatives(db, { plan: planId }, 'plan', page)
  const item = <T extends { id: string }>(kind: EntityKind, id: string | undefined, get: (db: Db, id: string) => T | undefined): OperationExample | undefined => {
    const response = id === undefined ? undefined : get(db, id)
    return response === undefined ? undefined : { response: withUrl(null, kind, response), params: { id: id! } }
  }
  const document = getPlanDocument(db, planId)!
  const examples: Record<string, OperationExample | undefined> = {
    // The export's app is the writer (a replica adds its snapshot).
    health: { response: { status: 'ok', plans: countPlans(db), role: 'writer' } },
    serviceIndex: { response: serviceIndex(null, DEFAULT_DATASET_INFO) },
    listOrganizations: { response: withUrls('organization', organizations) },
    getOrganization: item('organization', organizations.data[0]?.id, getOrganization),
    listPlans: { response: withExampleTimes(withUrls('plan', plans)) },
    getPlan: { response: withExampleTimes(planDocumentWithUrls(null, document)), params: { id: planId } },
    listIssues: { response: withUrls('issue', issues) },
    getIssue: item('issue', issues.data[0]?.id, getIssue),
    listStrategies: { response: withUrls('strategy', strategies) },
    getStrategy: item('strategy', strategies.data[0]?.id, getStrategy),
    listInitiatives: { response: withUrls('initiative', initiatives) },
    getInitiative: item('initiative', initiatives.data[0]?.id, getInitiative),
    budgetTotals: { response: budgetTotals(db, 'issue', { plan: planId }, page) },
    search: exampleSearch(db, initiatives.data[0]?.title),
    listCatalogue: { response: listCatalogue(db, {}, page) },
    comparePlans: exampleComparison(db, planId),
    graphqlQuery: exampleGraphqlQuery(db, planId),
  }
  return Object.fromEntries(Object.entries(examples).filter((entry): entry is [string, OperationExample] => entry[1] !== undefined))
}

/** The plan against its organization's plan of the year before, or against itself where there is none. */
function exampleComparison(db: Db, planId: string): OperationExample | undefined {
  const plan = getPlanDocument(db, planId)!
  const earlier = listPlans(db, { organization: plan.organization.id, fiscalYear: plan.fiscalYear - 1 }, { limit: 1 }).data[0]
  const result = comparePlans(db, earlier?.id ?? planId, planId)
  if (!('comparison' in result)) return undefined
  const { from, to } = result.comparison
  return { response: withExampleTimes({ ...result.comparison, from: withUrl(null, 'plan', from), to: withUrl(null, 'plan', to) }) }
}

/** A search for the first word-run of the first initiative's title, as a client might. */
function exampleSearch(db: Db, title: string | null | undefined): OperationExample | undefined {
  const word = title?.match(/^[\p{L}\p{N}]{1,4}/u)?.[0]
  if (!word) return undefined
  const hits = search(db, { q: word }, page)
  return { response: { ...hits, data: hits.data.map((hit) => ({ ...hit, url: searchHitUrl(null, hit) })) } }
}

/** A GraphQL query for the plan's title, with the answer the services give (the test runs the query to check it). */
function exampleGraphqlQuery(db: Db, planId: string): OperationExample {
  const { id, title, fiscalYear } = getPlanDocument(db, planId)!
  return { params: { query: `{ plan(id: "${id}") { id title fiscalYear } }` }, response: { data: { plan: { id, title, fiscalYear } } } }
}
