// The bounds of every argument a client passes to a list or an item, in one
// place for both transports: REST's JSON schemas are built from these rules
// and its list routes call checkArguments; GraphQL checks the root fields'
// arguments with it before estimating cost or executing. The same input gets
// the same refusal, naming the argument.
import { searchRuns } from '../db/search-grams.js'
import { InvalidParameterError } from './errors.js'

/** Longest search text (characters), and most words in it: each word is a term of the full-text query. */
export const MAX_SEARCH_CHARS = 200
export const MAX_SEARCH_WORDS = 16

const id = { type: 'string', minLength: 1, maxLength: 200 } as const
const yen = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const
/** ISO 8601 date-time with its offset, as RFC 3339 profiles it: 2026-04-01T00:00:00Z, 2026-04-01T09:00:00.5+09:00. */
const dateTime = { type: 'string', minLength: 1, maxLength: 35, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$' } as const

/** JSON schema pieces (REST spreads them into its route schemas); checkArguments enforces the same. */
export const ARGUMENT_RULES = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  cursor: { type: 'string', minLength: 1, maxLength: 1000 },
  id,
  plan: id,
  from: id,
  to: id,
  organization: id,
  issue: id,
  strategy: id,
  fiscalYear: { type: 'integer', minimum: 1989, maximum: 2100 },
  fiscalYearFrom: { type: 'integer', minimum: 1989, maximum: 2100 },
  fiscalYearTo: { type: 'integer', minimum: 1989, maximum: 2100 },
  minBudgetYen: yen,
  maxBudgetYen: yen,
  q: { type: 'string', minLength: 1, maxLength: MAX_SEARCH_CHARS },
  updatedSince: dateTime,
} as const

/** REST's fiscalYear: one year (2017) or a range, both ends inclusive (2017..2022, 2017.., ..2022). */
export const FISCAL_YEAR_SYNTAX = { type: 'string', pattern: '^(\\d{4}|\\d{4}\\.\\.(\\d{4})?|\\.\\.\\d{4})$' } as const

/** A REST query with its fiscalYear text as the year filters the services (and GraphQL) take: fiscalYear, or fiscalYearFrom/To. */
export function withYearRange<Args extends object>(args: Args): Args {
  const { fiscalYear: text, ...rest } = args as { fiscalYear?: unknown }
  if (typeof text !== 'string') return args
  const [from, to] = text.includes('..') ? text.split('..') : [text, text]
  const years = from === to ? { fiscalYear: Number(from) } : { ...(from ? { fiscalYearFrom: Number(from) } : {}), ...(to ? { fiscalYearTo: Number(to) } : {}) }
  return { ...rest, ...years } as unknown as Args
}

type Rule = { type: 'integer'; minimum: number; maximum: number } | { type: 'string'; minLength: number; maxLength: number; pattern?: string }
const RULES: Record<string, Rule> = ARGUMENT_RULES

/** Words of a search text: whitespace-separated words, or runs of letters and digits, whichever are more. */
export function wordCount(text: string): number {
  return Math.max(text.split(/\s+/).filter((w) => w !== '').length, searchRuns(text).length)
}

/**
 * Throws InvalidParameterError for the first argument out of its bounds; unknown names and absent values pass.
 * With the list's name (REST's path, GraphQL's root field), its sort and facets are checked against that list's.
 */
export function checkArguments(args: Record<string, unknown>, list?: string): void {
  for (const [name, value] of Object.entries(args)) {
    const rule = RULES[name]
    if (rule === undefined || value === undefined || value === null) continue
    checkArgument(name, value, rule)
  }
  const { fiscalYearFrom: from, fiscalYearTo: to } = args
  if (typeof from === 'number' && typeof to === 'number' && from > to) {
    throw new InvalidParameterError('fiscalYearFrom', `fiscalYearFrom ${from} is after fiscalYearTo ${to}: the range holds no year`)
  }
  // As a reversed year range: bounds that can hold nothing are a mistake to say, not an empty answer.
  const { minBudgetYen: min, maxBudgetYen: max } = args
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    throw new InvalidParameterError('minBudgetYen', `minBudgetYen ${min} is above maxBudgetYen ${max}: no amount is within them`)
  }
  if (list !== undefined && isList(list)) checkListChoices(list, args)
}

/**
 * checkArguments for a REST query: a refusal of the year filters, which REST spells as one
 * parameter (fiscalYear=2017..2022), is named as REST's.
 */
export function checkRestArguments(args: Record<string, unknown>, list: string): void {
  try {
    checkArguments(args, list)
  } catch (error) {
    if (!(error instanceof InvalidParameterError) || !/^fiscalYear(?:From|To)$/.test(error.parameter)) throw error
    throw new InvalidParameterError('fiscalYear', error.message.replace(/fiscalYear(?:From|To)/g, (name) => (name.endsWith('From') ? 'fiscalYear (its start)' : 'fiscalYear (its end)')))
  }
}

function checkArgument(name: string, value: unknown, rule: Rule): void {
  if (rule.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.minimum || value > rule.maximum) {
      throw new InvalidParameterError(name, `${name} must be an integer from ${rule.minimum} to ${rule.maximum}, not ${describe(value)}`)
    }
    return
  }
  if (typeof value !== 'string') throw new InvalidParameterError(name, `${name} must be a string`)
  // JSON schema counts characters (code points), not UTF-16 units; a string far too long is not split to count.
  const length = value.length > 2 * rule.maxLength ? value.length : [...value].length
  if (length < rule.minLength || length > rule.maxLength) {
    throw new InvalidParameterError(name, `${name} must be ${rule.minLength} to ${rule.maxLength} characters long, not ${length}`)
  }
  if (rule.pattern === dateTime.pattern && !isDateTime(value)) {
    throw new InvalidParameterError(name, `${name} must be an ISO 8601 date-time with its offset, such as 2026-04-01T00:00:00Z or 2026-04-01T09:00:00+09:00, not ${describe(value)}`)
  }
  if (name === 'q') {
    const words = wordCount(value)
    if (searchRuns(value).length === 0) throw new InvalidParameterError(name, `${name} has no letters or digits to search for`)
    if (words > MAX_SEARCH_WORDS) throw new InvalidParameterError(name, `${name} has ${words} words; at most ${MAX_SEARCH_WORDS} are searched for`)
  }
}

/** How a refusal of an enumerated value lists what is allowed, in REST's problems and GraphQL's errors alike. */
export function allowedValues(values: readonly unknown[]): string {
  return `allowed: ${values.map(String).join(', ')}`
}

/** The pattern of a date-time, and a real one: no 30 February, 24:00 or leap second (Date would roll them over). */
function isDateTime(text: string): boolean {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(text)
  if (!parts) return false
  const [year, month, day, hour, minute, second, offsetHours = 0, offsetMinutes = 0] = parts.slice(1).map((part) => (part === undefined ? 0 : Number(part)))
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60 && offsetHours < 24 && offsetMinutes < 60
}

/** A checked date-time as the database writes times (UTC, milliseconds), so they compare as text. */
export function instantOf(dateTime: string): string {
  return new Date(dateTime).toISOString()
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 20)) : String(value)
}

/**
 * The sorts of each list: a field, or -field for the reverse order; the first
 * is the default. Each is stable: its keys end with the row's identity, and the
 * services walk an index in that order (services/sorts.ts).
 */
export const LIST_SORTS = {
  organizations: ['id', '-id', 'name', '-name', 'kind', '-kind'],
  plans: ['id', '-id', 'organization', '-organization', 'fiscalYear', '-fiscalYear'],
  issues: ['plan', '-plan'],
  strategies: ['plan', '-plan'],
  initiatives: ['plan', '-plan', 'budget', '-budget'],
  budgets: ['key', '-key', 'totalYen', '-totalYen'],
  search: ['rank', 'plan', '-plan', 'fiscalYear', '-fiscalYear'],
  catalogue: ['organization', '-organization', 'fiscalYear', '-fiscalYear'],
} as const
export type ListName = keyof typeof LIST_SORTS
export type SortOf<L extends ListName> = (typeof LIST_SORTS)[L][number]

/** GraphQL's former spellings of sorts, still accepted there (deprecated): GraphQL names cannot start with '-'. */
export const SORT_ALIASES: Partial<Record<ListName, Record<string, string>>> = { initiatives: { budgetDesc: '-budget' } }

/** The dimensions each list counts its whole filtered result by (?facets=); budgets are counts already. */
export const LIST_FACETS = {
  organizations: ['kind'],
  plans: ['organization', 'fiscalYear', 'completeness', 'isDraft'],
  issues: ['organization', 'fiscalYear', 'completeness'],
  strategies: ['organization', 'fiscalYear', 'completeness'],
  initiatives: ['organization', 'fiscalYear', 'completeness', 'hasBudget'],
  budgets: [],
  search: ['kind', 'organization', 'fiscalYear', 'completeness'],
  catalogue: ['organization', 'fiscalYear', 'isDraft', 'loaded'],
} as const satisfies Record<ListName, readonly string[]>
export type FacetOf<L extends ListName> = (typeof LIST_FACETS)[L][number]

function isList(name: string): name is ListName {
  return Object.hasOwn(LIST_SORTS, name)
}

/** Most facet names a request may give, repeats included (a list has at most four facets). */
export const MAX_FACET_NAMES = 16

/** The facet names of a request (REST's comma-separated text, or GraphQL's list), each once, in the order first given. */
export function facetNames(value: unknown): string[] {
  return [...new Set(givenFacetNames(value))]
}

function givenFacetNames(value: unknown): string[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value.map(String) : String(value).split(',')
}

function checkListChoices(list: ListName, args: Record<string, unknown>): void {
  const sorts: readonly string[] = LIST_SORTS[list]
  if (args.sort !== undefined && args.sort !== null && !sorts.includes(String(args.sort))) {
    throw new InvalidParameterError('sort', `sort ${describe(args.sort)} is not a sort of ${list}; allowed: ${sorts.join(', ')}`)
  }
  const facets: readonly string[] = LIST_FACETS[list]
  const given = givenFacetNames(args.facets)
  if (given.length > MAX_FACET_NAMES) throw new InvalidParameterError('facets', `facets: ${given.length} names given; at most ${MAX_FACET_NAMES}`)
  const unknown = given.find((name) => !facets.includes(name))
  if (unknown !== undefined) {
    const allowed = facets.length > 0 ? `allowed: ${facets.join(', ')}` : 'it has none'
    throw new InvalidParameterError('facets', `facets: ${describe(unknown)} is not a facet of ${list}; ${allowed}`)
  }
}
