// The flat entities the lists serve (REST and GraphQL share them).
import type { Budget, Organization } from '../plans/types.js'

export type { Budget, Organization }

export interface PlanSummary {
  id: string
  organizationId: string
  fiscalYear: number
  fiscalYearLabel: string | null
  title: string | null
  isDraft: boolean
  pageId: string | null
  updatedOn: string | null
  sourceUrl: string | null
}

export interface IssueEntity {
  id: string
  planId: string
  number: number
  title: string | null
  aim: string | null
}

export interface StrategyEntity {
  id: string
  planId: string
  issueId: string
  number: string
  title: string | null
  points: string[]
}

export interface InitiativeEntity {
  id: string
  planId: string
  issueId: string
  strategyId: string
  number: string
  title: string | null
  points: string[]
  budget: Budget | null
}

/** Filters every plan-part list accepts. */
export interface ScopeFilter {
  plan?: string
  organization?: string
  fiscalYear?: number
}
