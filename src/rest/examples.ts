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

export interface OperationExample {
  response: unknown
  /** Example values of parameters, by name. */
  params?: Record<string, string>
}

const page = { limit: 2 }

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
  const item = <T>(id: string | undefined, get: (db: Db, id: string) => T | undefined): OperationExample | undefined => {
    const response = id === undefined ? undefined : get(db, id)
    return response === undefined ? undefined : { response, params: { id: id! } }
  }
  const examples: Record<string, OperationExample | undefined> = {
    // The export's app is the writer (a replica adds its snapshot).
    health: { response: { status: 'ok', plans: countPlans(db), role: 'writer' } },
    listOrganizations: { response: organizations },
    getOrganization: item(organizations.data[0]?.id, getOrganization),
    listPlans: { response: plans },
    getPlan: item(planId, getPlanDocument),
    listIssues: { response: issues },
    getIssue: item(issues.data[0]?.id, getIssue),
    listStrategies: { response: strategies },
    getStrategy: item(strategies.data[0]?.id, getStrategy),
    listInitiatives: { response: initiatives },
    getInitiative: item(initiatives.data[0]?.id, getInitiative),
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
  return 'comparison' in result ? { response: result.comparison } : undefined
}

/** A search for the first word-run of the first initiative's title, as a client might. */
function exampleSearch(db: Db, title: string | null | undefined): OperationExample | undefined {
  const word = title?.match(/^[\p{L}\p{N}]{1,4}/u)?.[0]
  return word ? { response: search(db, { q: word }, page) } : undefined
}

/** A GraphQL query for the plan's title, with the answer the services give (the test runs the query to check it). */
function exampleGraphqlQuery(db: Db, planId: string): OperationExample {
  const { id, title, fiscalYear } = getPlanDocument(db, planId)!
  return { params: { query: `{ plan(id: "${id}") { id title fiscalYear } }` }, response: { data: { plan: { id, title, fiscalYear } } } }
}
