// Mercurius loaders: each nested field is fetched for all parents of a
// request at once (one query per field and level, not one per row).
import type { Db } from '../db/connection.js'
import type { IssueEntity, InitiativeEntity, Organization, PlanSummary, SdgsAndOutcomes, StrategyEntity } from '../services/entities.js'
import { initiativesByStrategyIds } from '../services/initiatives.js'
import { issuesByIds, issuesByPlanIds } from '../services/issues.js'
import { issueSdgsAndOutcomesByIds, strategySdgsAndOutcomesByIds } from '../services/sdgs-and-outcomes.js'
import { organizationsByIds } from '../services/organizations.js'
import {
  contactsByPlanIds,
  goalsByPlanIds,
  missionsByPlanIds,
  planTextsByIds,
  plansByIds,
  plansByOrganizationIds,
  reformItemsByPlanIds,
} from '../services/plans.js'
import { strategiesByIds, strategiesByIssueIds } from '../services/strategies.js'

type Query<Parent> = { obj: Parent }

/** Loads children of many parents with one call and hands each parent its own, in order. */
function childrenOf<Parent, Child>(keyOf: (parent: Parent) => string, load: (keys: string[]) => Child[], parentKeyOf: (child: Child) => string) {
  return async (queries: Query<Parent>[]) => {
    const keys = [...new Set(queries.map((q) => keyOf(q.obj)))]
    const byKey = new Map<string, Child[]>()
    for (const child of load(keys)) {
      const key = parentKeyOf(child)
      const list = byKey.get(key)
      if (list) list.push(child)
      else byKey.set(key, [child])
    }
    return queries.map((q) => byKey.get(keyOf(q.obj)) ?? [])
  }
}

/** Loads the one record each parent points to. */
function oneOf<Parent, Target extends { id: string }>(keyOf: (parent: Parent) => string, load: (keys: string[]) => Target[]) {
  return async (queries: Query<Parent>[]) => {
    const byId = new Map(load([...new Set(queries.map((q) => keyOf(q.obj)))]).map((target) => [target.id, target]))
    return queries.map((q) => byId.get(keyOf(q.obj)) ?? null)
  }
}

/** A part of each plan, loaded for all plans by one call that answers a map by plan id. */
function planPart<T>(load: (planIds: string[]) => Map<string, T>) {
  return async (queries: Query<PlanSummary>[]) => {
    const byPlan = load([...new Set(queries.map((q) => q.obj.id))])
    return queries.map((q) => byPlan.get(q.obj.id) ?? null)
  }
}

/** One field of the SDGs and outcome indicators of issues or strategies, loaded for all of them at once. */
function sdgsAndOutcomesField(load: (ids: string[]) => Map<string, SdgsAndOutcomes>, field: keyof SdgsAndOutcomes) {
  return async (queries: Query<{ id: string }>[]) => {
    const byId = load([...new Set(queries.map((q) => q.obj.id))])
    return queries.map((q) => byId.get(q.obj.id)?.[field] ?? [])
  }
}

function planText(db: Db, field: 'notes' | 'policy' | 'attachments' | 'warnings') {
  return planPart((ids) => new Map([...planTextsByIds(db, ids)].map(([id, texts]) => [id, texts[field]])))
}

export function buildLoaders(db: Db) {
  return {
    Organization: {
      plans: childrenOf((o: Organization) => o.id, (ids) => plansByOrganizationIds(db, ids), (p) => p.organizationId),
    },
    Plan: {
      organization: oneOf((p: PlanSummary) => p.organizationId, (ids) => organizationsByIds(db, ids)),
      issues: childrenOf((p: PlanSummary) => p.id, (ids) => issuesByPlanIds(db, ids), (i) => i.planId),
      notes: planText(db, 'notes'),
      policy: planText(db, 'policy'),
      attachments: planText(db, 'attachments'),
      warnings: planText(db, 'warnings'),
      goals: planPart((ids) => goalsByPlanIds(db, ids)),
      missions: planPart((ids) => missionsByPlanIds(db, ids)),
      reformItems: planPart((ids) => reformItemsByPlanIds(db, ids)),
      contact: planPart((ids) => contactsByPlanIds(db, ids)),
    },
    ManagementIssue: {
      plan: oneOf((i: IssueEntity) => i.planId, (ids) => plansByIds(db, ids)),
      strategies: childrenOf((i: IssueEntity) => i.id, (ids) => strategiesByIssueIds(db, ids), (s) => s.issueId),
      sdgs: sdgsAndOutcomesField((ids) => issueSdgsAndOutcomesByIds(db, ids), 'sdgs'),
      outcomeIndicators: sdgsAndOutcomesField((ids) => issueSdgsAndOutcomesByIds(db, ids), 'outcomeIndicators'),
    },
    Strategy: {
      issue: oneOf((s: StrategyEntity) => s.issueId, (ids) => issuesByIds(db, ids)),
      initiatives: childrenOf((s: StrategyEntity) => s.id, (ids) => initiativesByStrategyIds(db, ids), (i) => i.strategyId),
      sdgs: sdgsAndOutcomesField((ids) => strategySdgsAndOutcomesByIds(db, ids), 'sdgs'),
      outcomeIndicators: sdgsAndOutcomesField((ids) => strategySdgsAndOutcomesByIds(db, ids), 'outcomeIndicators'),
    },
    Initiative: {
      strategy: oneOf((i: InitiativeEntity) => i.strategyId, (ids) => strategiesByIds(db, ids)),
    },
  }
}
