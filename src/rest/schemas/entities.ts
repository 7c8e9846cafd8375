// JSON schemas of the entities, one per entity, shared by routes (by $ref)
// and turned into OpenAPI components by @fastify/swagger.
import { COMPLETENESS } from '../../services/entities.js'
import { SEARCH_KINDS } from '../../services/search.js'

const nullableString = { type: ['string', 'null'] } as const
/** Every entity's own address: absolute under the server's PUBLIC_URL, else path-absolute. Answered only, ignored in a document sent to import. */
const url = { type: 'string', description: "This entity's own URL (GET it for the entity): absolute when the server has a PUBLIC_URL, else path-absolute." } as const
const stringList = { type: 'array', items: { type: 'string' } } as const

export const OrganizationSchema = {
  $id: 'Organization',
  type: 'object',
  description: '区 / 局・室: a ward or a city bureau that publishes plans.',
  required: ['id', 'name', 'kind', 'code', 'city'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', description: "The romaji slug of the city's URL (asahi, somu)." },
    name: { type: 'string' },
    kind: { type: 'string', enum: ['ward', 'bureau'] },
    code: { ...nullableString, description: '全国地方公共団体コード with check digit (wards of Osaka); null when unknown.' },
    city: { type: 'string' },
    url,
  },
} as const

export const BudgetSchema = {
  $id: 'Budget',
  type: 'object',
  description: '予算額. amountYen is null for "-円" (no budget line), which is not zero.',
  required: ['amountYen', 'fiscalYear', 'text'],
  additionalProperties: false,
  properties: {
    amountYen: { type: ['integer', 'null'] },
    fiscalYear: { type: ['integer', 'null'] },
    text: { type: 'string', description: 'The budget line as published.' },
  },
} as const

const budgetOrNull = { anyOf: [{ $ref: 'Budget#' }, { type: 'null' }] } as const

export const IssueBudgetSchema = {
  $id: 'IssueBudget',
  type: 'object',
  description: 'A budget line of a management issue (FY2023 on): 予算額 (budget) or 決算額 (settlement). amountYen null for "-円".',
  required: ['kind', 'amountYen', 'fiscalYear', 'text'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['budget', 'settlement'] },
    amountYen: { type: ['integer', 'null'] },
    fiscalYear: { type: ['integer', 'null'] },
    text: { type: 'string', description: 'The line as published.' },
  },
} as const

const planCompleteness = { type: 'string', enum: [...COMPLETENESS], description: "The completeness of this row's plan: the parts of an excerpt are not all of its plan." } as const

const issueBudgets = { type: 'array', items: { $ref: 'IssueBudget#' }, description: "The issue's own budget lines." } as const
const sdgs = { type: 'array', items: { type: 'integer', minimum: 1, maximum: 17 }, description: 'SDG goal numbers (1–17) of its 関連するSDGs / 主なSDGsゴール lines.' } as const
const outcomeIndicators = { ...stringList, description: 'アウトカム指標 (outcome indicators), each line as published.' } as const
const subNumber = { type: ['integer', 'null'], description: 'The (k) of 経営課題N-(k), whose id is {plan}.N.k; null for a plain 経営課題N.' } as const

const planSummaryProperties = {
  id: { type: 'string', description: '{organization}-{fiscalYear}, with -draft for 案/素案.' },
  fiscalYear: { type: 'integer' },
  fiscalYearLabel: nullableString,
  title: nullableString,
  isDraft: { type: 'boolean' },
  pageId: nullableString,
  updatedOn: { ...nullableString, format: 'date' },
  sourceUrl: nullableString,
  completeness: {
    type: 'string',
    enum: [...COMPLETENESS],
    description: 'How much of the plan the source holds: complete; excerpt (the text stops before the end, so the contact section and later parts are missing); attachments (the page only links its attachments).',
  },
} as const

/** Kept by the database, not read from the source: answered, and ignored in a document sent to import. */
const planFreshnessProperties = {
  importedAt: { type: 'string', format: 'date-time', description: 'When this database first imported the plan (UTC); a replacement keeps it.' },
  updatedAt: { type: 'string', format: 'date-time', description: "When the plan's content last changed here (UTC): a re-import of the same content leaves it. The updatedSince filter reads it." },
} as const

export const PlanSummarySchema = {
  $id: 'PlanSummary',
  type: 'object',
  description: '区運営方針 without its contents.',
  required: ['id', 'organizationId', ...Object.keys(planSummaryProperties).filter((k) => k !== 'id'), ...Object.keys(planFreshnessProperties), 'url'],
  additionalProperties: false,
  properties: { ...planSummaryProperties, organizationId: { type: 'string' }, ...planFreshnessProperties, url },
} as const

/** Every row of a plan's part says whose plan and which year's it is, as a plan's row does. */
const partOrganizationId = { type: 'string', description: "The plan's organization (GET /v1/organizations/{id})." } as const
const partOrganizationName = { type: 'string', description: "The name of the plan's organization (区 / 局・室, as published), as the CSV and JSON Lines rows carry it." } as const
const partFiscalYear = { type: 'integer', description: "The plan's fiscal year (年度, April to March)." } as const
/** What every row of a plan's part (issue, strategy, initiative) starts with. */
const partOfPlan = { id: { type: 'string' }, planId: { type: 'string' }, planCompleteness, organizationId: partOrganizationId, organizationName: partOrganizationName, fiscalYear: partFiscalYear } as const
const PART_OF_PLAN_KEYS = Object.keys(partOfPlan) as (keyof typeof partOfPlan)[]

export const IssueSchema = {
  $id: 'ManagementIssue',
  type: 'object',
  description: '経営課題N',
  required: [...PART_OF_PLAN_KEYS, 'number', 'subNumber', 'title', 'aim', 'budgets', 'sdgs', 'outcomeIndicators', 'url'],
  additionalProperties: false,
  properties: {
    ...partOfPlan,
    number: { type: 'integer' },
    subNumber,
    title: nullableString,
    aim: { ...nullableString, description: 'The state the issue aims for (めざす状態, 概要, 課題認識).' },
    budgets: issueBudgets,
    sdgs,
    outcomeIndicators,
    url,
  },
} as const

export const StrategySchema = {
  $id: 'Strategy',
  type: 'object',
  description: '戦略N-M',
  required: [...PART_OF_PLAN_KEYS, 'issueId', 'number', 'title', 'points', 'sdgs', 'outcomeIndicators', 'url'],
  additionalProperties: false,
  properties: {
    ...partOfPlan,
    issueId: { type: 'string' },
    number: { type: 'string' },
    title: nullableString,
    points: stringList,
    sdgs,
    outcomeIndicators,
    url,
  },
} as const

export const InitiativeSchema = {
  $id: 'Initiative',
  type: 'object',
  description: '具体的取組N-M-K',
  required: [...PART_OF_PLAN_KEYS, 'issueId', 'strategyId', 'number', 'title', 'points', 'budget', 'url'],
  additionalProperties: false,
  properties: {
    ...partOfPlan,
    issueId: { type: 'string' },
    strategyId: { type: 'string' },
    number: { type: 'string' },
    title: nullableString,
    points: stringList,
    budget: budgetOrNull,
    url,
  },
} as const

export const PlanDocumentSchema = {
  $id: 'PlanDocument',
  type: 'object',
  description: 'The whole plan, nested, as the importer read it from the published text.',
  required: [...Object.keys(planSummaryProperties), 'organization', 'goals', 'missions', 'policy', 'issues', 'reformItems', 'contact', 'notes', 'warnings'],
  additionalProperties: false,
  properties: {
    ...planSummaryProperties,
    ...planFreshnessProperties,
    url,
    organization: { $ref: 'Organization#' },
    notes: {
      ...stringList,
      description:
        'Text published with the plan outside its sections, each line as published: update notes above the plan (進捗管理を実施しました…), blocks after the management issues or the reform section that are no part of them (3 その他…, 【参考】…), sections of other templates, reviews not imported as such (中間振り返り…; the warning names the issue whose section holds them), lines among the links after the body, a cut last line, contact lines of no field (内線…), reform text of no item and SDGs text naming no goal. What the parser reads and cannot place is here, never dropped; `warnings` says which.',
    },
    goals: { ...stringList, description: '区の目標' },
    missions: { ...stringList, description: '区の使命' },
    policy: { ...nullableString, description: '区運営の基本的な考え方 (区長の方針)' },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'number', 'title', 'aim', 'strategies'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          number: { type: 'integer' },
          subNumber,
          title: nullableString,
          aim: nullableString,
          budgets: issueBudgets,
          sdgs,
          outcomeIndicators,
          url,
          strategies: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'number', 'title', 'points', 'initiatives'],
              additionalProperties: false,
              properties: {
                id: { type: 'string' },
                number: { type: 'string' },
                title: nullableString,
                points: stringList,
                sdgs,
                outcomeIndicators,
                url,
                initiatives: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['id', 'number', 'title', 'points', 'budget'],
                    additionalProperties: false,
                    properties: { id: { type: 'string' }, number: { type: 'string' }, title: nullableString, points: stringList, budget: budgetOrNull, url },
                  },
                },
              },
            },
          },
        },
      },
    },
    reformItems: {
      type: 'array',
      description: '市政改革プラン2.0に基づく取組等',
      items: { type: 'object', required: ['item', 'content'], additionalProperties: false, properties: { item: nullableString, content: nullableString } },
    },
    contact: {
      anyOf: [
        {
          type: 'object',
          description: 'このページの作成者・問合せ先',
          required: ['department', 'postalCode', 'address', 'phone', 'fax'],
          additionalProperties: false,
          properties: { department: nullableString, postalCode: nullableString, address: nullableString, phone: nullableString, fax: nullableString },
        },
        { type: 'null' },
      ],
    },
    attachments: { ...stringList, description: 'Names of the files the page links (概要版 PDF, 様式N), as published. With no plan text beside them, completeness is attachments.' },
    warnings: { ...stringList, description: 'What the importer could not read, each naming its line.' },
  },
} as const

export const SearchHitSchema = {
  $id: 'SearchHit',
  type: 'object',
  description: 'A text of a plan that matches the search.',
  required: ['kind', 'id', 'planId', 'planCompleteness', 'title', 'snippet', 'url'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...SEARCH_KINDS] },
    id: { type: 'string', description: 'The entity id; goals, missions, the policy and reform items: {plan}.goals.N, {plan}.missions.N, {plan}.policy, {plan}.reformItems.N.' },
    planId: { type: 'string' },
    planCompleteness,
    title: nullableString,
    snippet: { type: 'string', description: 'HTML: the text around the first match, escaped, the match in <mark>.' },
    url: { ...url, description: "The URL of the entity that matched; goals, missions, the policy and reform items: their plan's." },
  },
} as const

export const BudgetGroupSchema = {
  $id: 'BudgetGroup',
  type: 'object',
  description: 'Budgets summed over one group: of initiatives, or of management issues (source=issues).',
  required: ['key', 'label', 'totalYen', 'budgetedCount', 'unbudgetedCount', 'share', 'planCount', 'incompletePlanCount', 'allPlansComplete', 'settlementYen', 'settlementFiscalYear'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', description: 'Plan, organization, issue or strategy id, or the fiscal year.' },
    label: { ...nullableString, description: 'Organizations and plans with their city (大阪市北区, 堺市東区); issue and strategy titles.' },
    totalYen: { type: ['integer', 'null'], description: 'Sum of the amounts; null when no initiative (issue) of the group has one ("-円" is not 0).' },
    budgetedCount: { type: 'integer', description: 'Initiatives (issues, with source=issues) with an amount.' },
    unbudgetedCount: { type: 'integer', description: 'Initiatives with "-円" or no budget line (issues without a 予算額 for their plan\'s year).' },
    share: { type: ['number', 'null'], description: 'totalYen over the total of every group of the filtered set.' },
    planCount: { type: 'integer', description: "The plans the group covers within the filters (an organization's plans, a year's…)." },
    incompletePlanCount: { type: 'integer', description: 'Those of them that are not complete (excerpts, attachments only): their budgets are not all in totalYen.' },
    allPlansComplete: { type: 'boolean', description: 'false when totalYen mixes in plans that are not complete: it is then a sum of what was read, not the whole.' },
    settlementYen: { type: ['integer', 'null'], description: "source=issues: the 決算額 the group's issues publish (each issue's latest settled year); null for initiatives or when none is published." },
    settlementFiscalYear: { type: ['integer', 'null'], description: 'The fiscal year of settlementYen when it is one year; null when mixed or none.' },
  },
} as const

export const CatalogueEntrySchema = {
  $id: 'CatalogueEntry',
  type: 'object',
  description: 'A plan page the catalogue lists: known to be published, loaded or not. Not a plan.',
  required: ['organizationId', 'organizationName', 'city', 'fiscalYear', 'isDraft', 'url', 'planId', 'completeness'],
  additionalProperties: false,
  properties: {
    organizationId: { type: 'string', description: 'The id its plan has or gets.' },
    organizationName: { ...nullableString, description: "The loaded organization's name, or what the page address tells; null when unknown." },
    city: nullableString,
    fiscalYear: { type: 'integer' },
    isDraft: { type: 'boolean' },
    url: { type: 'string', format: 'uri', description: 'The plan page.' },
    planId: { ...nullableString, description: 'The plan loaded from this page; null while it is known but not loaded.' },
    completeness: { type: ['string', 'null'], enum: [...COMPLETENESS, null], description: "The loaded plan's completeness; null while not loaded." },
  },
} as const

export const ImportResultSchema = {
  $id: 'ImportResult',
  type: 'object',
  required: ['planId', 'completeness', 'initiatives', 'budgetYen', 'replaced', 'changed', 'warnings'],
  additionalProperties: false,
  properties: {
    planId: { type: 'string' },
    completeness: planSummaryProperties.completeness,
    initiatives: { type: 'integer' },
    budgetYen: {
      type: ['integer', 'null'],
      description: "Sum of the initiatives' budget amounts: of those the text holds, when the plan is not complete; null when no initiative has an amount (unknown is not 0).",
    },
    replaced: { type: 'boolean' },
    changed: { type: 'boolean', description: 'false when the plan was already there with this very content: nothing was written, and its updatedAt stays.' },
    warnings: { type: 'array', items: { type: 'string' } },
  },
} as const

export const ProblemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri-reference', description: 'The kind of problem, stable: a URL whose page describes it and how to fix it (/problems/{name}; absolute under the public URL when the server has one). As JSON with Accept: application/json.' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    parameter: { type: 'string', description: 'The request parameter at fault, for invalid-parameter problems.' },
    line: { type: 'integer', description: 'The line of a plan text at fault, for invalid-plan problems.' },
    pointer: { type: 'string', description: 'The JSON pointer of a plan document at fault, for invalid-plan problems.' },
  },
} as const

export const entitySchemas = [
  OrganizationSchema,
  BudgetSchema,
  IssueBudgetSchema,
  PlanSummarySchema,
  IssueSchema,
  StrategySchema,
  InitiativeSchema,
  PlanDocumentSchema,
  SearchHitSchema,
  BudgetGroupSchema,
  CatalogueEntrySchema,
  ImportResultSchema,
  ProblemSchema,
]
