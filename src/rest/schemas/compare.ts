// JSON schema of a comparison of two plans (GET /v1/compare), one component.
import { COMPARED_PARTS, PART_READS } from '../../services/compare.js'

const nullableYen = { type: ['integer', 'null'] } as const
const similarity = { type: ['number', 'null'], minimum: 0, maximum: 1, description: "Dice's coefficient of the NFKC titles' character bigrams; null when either title is unknown." } as const

const item = {
  type: 'object',
  required: ['id', 'number', 'title'],
  additionalProperties: false,
  properties: { id: { type: 'string' }, number: { type: 'string', description: '1 or 1-(2) (issues), 1-1 (strategies), 1-1-1 (initiatives).' }, title: { type: ['string', 'null'] } },
} as const

const matchProperties = {
  from: item,
  to: item,
  matchedBy: { type: 'string', enum: ['number', 'title'], description: 'number: the same number and titles at least 0.3 alike (or one unknown); title: the rest, paired by titles at least 0.5 alike.' },
  similarity,
  retitled: { type: 'boolean', description: 'The NFKC titles differ.' },
} as const

const budgetOrNull = { anyOf: [{ $ref: 'Budget#' }, { type: 'null' }] } as const

const changes = (match: object) =>
  ({
    type: 'object',
    required: ['matched', 'added', 'removed'],
    additionalProperties: false,
    properties: { matched: { type: 'array', items: match }, added: { type: 'array', items: item }, removed: { type: 'array', items: item } },
  }) as const

const itemMatch = { type: 'object', required: Object.keys(matchProperties), additionalProperties: false, properties: matchProperties } as const

const initiativeMatch = {
  type: 'object',
  required: [...Object.keys(matchProperties), 'budget'],
  additionalProperties: false,
  properties: {
    ...matchProperties,
    budget: {
      type: 'object',
      required: ['from', 'to', 'changeYen'],
      additionalProperties: false,
      properties: { from: budgetOrNull, to: budgetOrNull, changeYen: { ...nullableYen, description: 'to minus from; null unless both have an amount ("-円" is no amount, not 0).' } },
    },
  },
} as const

const stringList = { type: 'array', items: { type: 'string' } } as const

const statementChanges = {
  type: 'object',
  required: ['unchanged', 'changed', 'added', 'removed'],
  additionalProperties: false,
  properties: {
    unchanged: stringList,
    changed: {
      type: 'array',
      description: 'Reworded: a removed and an added statement at least 0.5 alike.',
      items: {
        type: 'object',
        required: ['from', 'to', 'similarity'],
        additionalProperties: false,
        properties: { from: { type: 'string' }, to: { type: 'string' }, similarity: { type: 'number' } },
      },
    },
    added: stringList,
    removed: stringList,
  },
} as const

const partRead = { type: 'string', enum: [...PART_READS] } as const

export const PlanComparisonSchema = {
  $id: 'PlanComparison',
  type: 'object',
  description: 'What changed from one plan to another. Where a plan is an excerpt or attachments only, notCompared says which parts could not be compared.',
  required: ['from', 'to', 'parts', 'notCompared', 'goals', 'missions', 'policy', 'issues', 'strategies', 'initiatives', 'budgetTotal'],
  additionalProperties: false,
  properties: {
    from: { $ref: 'PlanSummary#' },
    to: { $ref: 'PlanSummary#' },
    parts: {
      type: 'array',
      description: "How much of each part each plan's text holds.",
      items: { type: 'object', required: ['part', 'from', 'to'], additionalProperties: false, properties: { part: { type: 'string', enum: [...COMPARED_PARTS] }, from: partRead, to: partRead } },
    },
    notCompared: {
      type: 'array',
      items: {
        type: 'object',
        required: ['part', 'planId', 'read', 'reason'],
        additionalProperties: false,
        properties: { part: { type: 'string', enum: [...COMPARED_PARTS] }, planId: { type: 'string' }, read: { type: 'string', enum: ['partial', 'none'] }, reason: { type: 'string' } },
      },
    },
    goals: statementChanges,
    missions: statementChanges,
    policy: {
      type: 'object',
      required: ['changed', 'similarity'],
      additionalProperties: false,
      properties: { changed: { type: ['boolean', 'null'], description: 'null when either plan has no policy text.' }, similarity },
    },
    issues: changes(itemMatch),
    strategies: changes(itemMatch),
    initiatives: changes(initiativeMatch),
    budgetTotal: {
      type: 'object',
      required: ['fromYen', 'toYen', 'changeYen', 'matchedChangeYen', 'complete'],
      additionalProperties: false,
      properties: {
        fromYen: { ...nullableYen, description: "Sum of the plan's initiative amounts; null when none has one." },
        toYen: nullableYen,
        changeYen: nullableYen,
        matchedChangeYen: { ...nullableYen, description: 'Sum of the changes of the matched initiatives that have one.' },
        complete: { type: 'boolean', description: 'false when either plan is not complete: its total is only what its text holds.' },
      },
    },
  },
} as const
