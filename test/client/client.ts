// A client as a data user would write it: openapi-fetch over the types that
// openapi-typescript generates from openapi/openapi.json (openapi.d.ts beside
// this file, written by npm run openapi). No casts: if the document stops
// declaring JSON alone for the JSON operations, this no longer compiles.
import createClient from 'openapi-fetch'
import type { paths } from './openapi.js'

export type WardPlansClient = ReturnType<typeof createClient<paths>>

export function wardPlans(baseUrl: string): WardPlansClient {
  return createClient<paths>({ baseUrl })
}

/** The title of a plan's first initiative: data.data[0].title of /v1/initiatives. */
export async function firstInitiativeTitle(client: WardPlansClient, plan: string): Promise<string | null> {
  const { data, error } = await client.GET('/v1/initiatives', { params: { query: { plan, limit: 1 } } })
  if (error) throw new Error(`${error.title}: ${error.detail}`)
  return data.data[0].title
}

/** What a plan document says at its top, and its first issue's first strategy's initiatives. */
export async function planOutline(client: WardPlansClient, id: string) {
  const { data, error } = await client.GET('/v1/plans/{id}', { params: { path: { id } } })
  if (error) throw new Error(`${error.title}: ${error.detail}`)
  const issue = data.issues[0]
  return {
    title: data.title,
    fiscalYear: data.fiscalYear,
    organization: data.organization.name,
    goals: data.goals,
    completeness: data.completeness,
    firstIssue: { number: issue.number, title: issue.title, initiatives: issue.strategies[0].initiatives.map((initiative) => initiative.title) },
  }
}

/** A problem for an unknown id: the error is the Problem schema, the status tells it from success. */
export async function missingPlan(client: WardPlansClient, id: string) {
  const { data, error, response } = await client.GET('/v1/plans/{id}', { params: { path: { id } } })
  return { status: response.status, data, type: error?.type, detail: error?.detail }
}

/** Every matching row as CSV: the .csv operation is text, read as text. */
export async function initiativesCsv(client: WardPlansClient, plan: string): Promise<string> {
  const { data, error } = await client.GET('/v1/initiatives.csv', { params: { query: { plan } }, parseAs: 'text' })
  if (error) throw new Error(`${error.title}: ${error.detail}`)
  return data
}
