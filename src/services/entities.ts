// The flat entities the lists serve (REST and GraphQL share them).
import type { Budget, Completeness, IssueBudget, Organization, PlanDocument } from '../plans/types.js'

export type { Budget, Completeness, IssueBudget, Organization }

/** Every completeness a plan can have, for enums of schemas and filters. */
export const COMPLETENESS = ['complete', 'excerpt', 'attachments'] as const satisfies readonly Completeness[]

/** A plan without its contents: the plan document's own fields and its organization's id. */
export type PlanSummary = Pick<PlanDocument, 'id' | 'fiscalYear' | 'fiscalYearLabel' | 'title' | 'isDraft' | 'pageId' | 'updatedOn' | 'sourceUrl' | 'completeness'> & {
  organizationId: string
} & PlanFreshness

/** When the database first took the plan and when its content last changed (ISO 8601, UTC). */
export interface PlanFreshness {
  importedAt: string
  updatedAt: string
}

/** Flat rows of a plan's parts carry its completeness: an excerpt's parts are not all of its plan. */
interface OfPlan {
  planId: string
  planCompleteness: Completeness
  /** The plan's organization (its id and name) and fiscal year: a row says whose and which year's it is. */
  organizationId: string
  organizationName: string
  fiscalYear: number
}

/** What an issue or strategy says beside its text: SDG goals and outcome indicators. */
export interface SdgsAndOutcomes {
  sdgs: number[]
  outcomeIndicators: string[]
}

export interface IssueEntity extends OfPlan, SdgsAndOutcomes {
  id: string
  number: number
  subNumber: number | null
  title: string | null
  aim: string | null
  budgets: IssueBudget[]
}

export interface StrategyEntity extends OfPlan, SdgsAndOutcomes {
  id: string
  issueId: string
  number: string
  title: string | null
  points: string[]
}

export interface InitiativeEntity extends OfPlan {
  id: string
  issueId: string
  strategyId: string
  number: string
  title: string | null
  points: string[]
  budget: Budget | null
}

/** Filters every plan-part list accepts. */
/** Organizations and fiscal years: organization holds one id or several separated by commas (asahi,kita); years are one or a range. */
export interface OrganizationYearFilter {
  organization?: string
  fiscalYear?: number
  /** From this fiscal year on (inclusive). */
  fiscalYearFrom?: number
  /** Up to this fiscal year (inclusive). */
  fiscalYearTo?: number
}

export interface ScopeFilter extends OrganizationYearFilter, ChangedSinceFilter {
  plan?: string
}

export interface ChangedSinceFilter {
  /** Only rows of plans whose content changed at or after this time (ISO 8601 date-time, checked by services/arguments.ts). */
  updatedSince?: string
}
