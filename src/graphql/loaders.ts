// Mercurius loaders: each nested field is fetched for all parents of a
// request at once (one query per field and level, not one per row), and kept
// until the data changes (kept.ts): a parent whose value is kept is answered
// without the loader.
import type { GraphQLFieldResolver, GraphQLObjectType, GraphQLSchema } from 'graphql'
import type { Db } from '../db/connection.js'
import type { IssueEntity, InitiativeEntity, Organization, PlanSummary, StrategyEntity } from '../services/entities.js'
import { initiativesByStrategyIds } from '../services/initiatives.js'
import { issuesByIds, issuesByPlanIds } from '../services/issues.js'
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
import { keptByVersion, versionOf } from './kept.js'

type Query<Parent> = { obj: Parent }

/** A nested field: the key of each parent, and the values of many keys loaded by one call (a key not in the map gets `none`). */
interface FieldSource<Parent, Value> {
  keyOf: (parent: Parent) => string
  load: (keys: string[]) => Map<string, Value>
  none: Value
}

/**
 * A field's mercurius loader, which fetches the values of all parents of a
 * request at once and keeps them for the data version (kept.ts), and `known`,
 * a parent's value when it is kept.
 */
export interface KeptField<Parent, Value> {
  loader: (queries: Query<Parent>[], context: object) => Promise<Value[]>
  known: (parent: Parent, context: object) => Value | undefined
}

function keptField<Parent, Value>(db: Db, { keyOf, load, none }: FieldSource<Parent, Value>): KeptField<Parent, Value> {
  const kept = keptByVersion<Value>()
  return {
    loader: async (queries, context) => {
      const version = versionOf(db, context)
      const keys = [...new Set(queries.map((q) => keyOf(q.obj)))]
      const loaded = load(keys)
      for (const key of keys) kept.set(db, version, key, loaded.get(key) ?? none)
      return queries.map((q) => loaded.get(keyOf(q.obj)) ?? none)
    },
    known: (parent, context) => kept.get(db, versionOf(db, context), keyOf(parent)),
  }
}

/** Children of many parents, loaded by one call, each parent's in order. */
function childrenOf<Parent, Child>(keyOf: (parent: Parent) => string, load: (keys: string[]) => Child[], parentKeyOf: (child: Child) => string): FieldSource<Parent, Child[]> {
  return {
    keyOf,
    load: (keys) => {
      const byKey = new Map<string, Child[]>()
      for (const child of load(keys)) {
        const key = parentKeyOf(child)
        const list = byKey.get(key)
        if (list) list.push(child)
        else byKey.set(key, [child])
      }
      return byKey
    },
    none: [],
  }
}

/** The one record each parent points to. */
function oneOf<Parent, Target extends { id: string }>(keyOf: (parent: Parent) => string, load: (keys: string[]) => Target[]): FieldSource<Parent, Target | null> {
  return { keyOf, load: (keys) => new Map(load(keys).map((target) => [target.id, target])), none: null }
}

/** A part of each plan, loaded for all plans by one call that answers a map by plan id. */
function planPart<T>(load: (planIds: string[]) => Map<string, T>): FieldSource<PlanSummary, T | null> {
  return { keyOf: (plan) => plan.id, load, none: null }
}

function planText(db: Db, field: 'notes' | 'policy' | 'attachments' | 'warnings') {
  return planPart((ids) => new Map([...planTextsByIds(db, ids)].map(([id, texts]) => [id, texts[field]])))
}

/** The nested fields' sources, by type and field. */
function fieldSources(db: Db) {
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
    },
    Strategy: {
      issue: oneOf((s: StrategyEntity) => s.issueId, (ids) => issuesByIds(db, ids)),
      initiatives: childrenOf((s: StrategyEntity) => s.id, (ids) => initiativesByStrategyIds(db, ids), (i) => i.strategyId),
    },
    Initiative: {
      strategy: oneOf((i: InitiativeEntity) => i.strategyId, (ids) => strategiesByIds(db, ids)),
    },
  }
}

/** Fields of any parent type: mercurius hands each loader and resolver its own type's parents. */
type Fields = Record<string, Record<string, KeptField<any, unknown>>>

/** Every nested field of the schema, loaded in batches and kept per data version. */
export function buildFields(db: Db): Fields {
  return Object.fromEntries(
    Object.entries(fieldSources(db)).map(([type, fields]) => [
      type,
      Object.fromEntries(Object.entries(fields).map(([name, source]) => [name, keptField(db, source as FieldSource<unknown, unknown>)])),
    ]),
  )
}

/** The fields' loaders, as mercurius takes them. */
export function loadersOf(fields: Fields) {
  return Object.fromEntries(Object.entries(fields).map(([type, byName]) => [type, Object.fromEntries(Object.entries(byName).map(([name, field]) => [name, field.loader]))]))
}

/**
 * Resolvers that answer a parent whose value is kept at once and hand the
 * others to the loader mercurius made of the field (read from the schema it
 * built), which fetches them together.
 */
export function knownFirst(schema: GraphQLSchema, fields: Fields) {
  return Object.fromEntries(
    Object.entries(fields).map(([type, byName]) => {
      const schemaFields = (schema.getType(type) as GraphQLObjectType).getFields()
      return [
        type,
        Object.fromEntries(
          Object.entries(byName).map(([name, field]) => {
            const viaLoader = schemaFields[name].resolve!
            const resolve: GraphQLFieldResolver<unknown, object> = (parent, args, context, info) => {
              const value = field.known(parent, context)
              return value === undefined ? viaLoader(parent, args, context, info) : value
            }
            return [name, resolve]
          }),
        ),
      ]
    }),
  )
}
