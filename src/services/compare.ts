// What changed between two plans (one organization's years, or any two):
// goals and missions added, removed or reworded; issues, strategies and
// initiatives matched across the plans, first by number, then by title;
// budgets per matched initiative and in total. An excerpt's text stops before
// its end, so what it lacks may only be cut off: `parts` says how much of each
// part each plan holds, and `notCompared` says what could not be compared.
import type { Db } from '../db/connection.js'
import type { Budget, PlanDocument } from '../plans/types.js'
import type { PlanSummary } from './entities.js'
import { getPlanDocument, plansByIds } from './plans.js'
import { comparable, profileOf, profileSimilarity, similarity } from './similarity.js'
import { memoByDataVersion } from './memo.js'

/** The parts compared, in the order a plan's text holds them. */
export const COMPARED_PARTS = ['goals', 'missions', 'policy', 'issues', 'strategies', 'initiatives', 'budgets'] as const
export type ComparedPart = (typeof COMPARED_PARTS)[number]

/** How much of a part a plan's text holds. */
export const PART_READS = ['whole', 'partial', 'none'] as const
export type PartRead = (typeof PART_READS)[number]

/** Same number, titles at least this alike: the same item (a lower bar: the number agrees too). */
export const NUMBER_MATCH_MIN = 0.3
/** Different numbers (or none left), titles at least this alike: the same item renumbered. */
export const TITLE_MATCH_MIN = 0.5

export interface ComparedItem {
  id: string
  /** 1, 1-(2) for issues; 1-1 for strategies; 1-1-1 for initiatives. */
  number: string
  title: string | null
}

export interface ItemMatch {
  from: ComparedItem
  to: ComparedItem
  matchedBy: 'number' | 'title'
  /** Of the NFKC titles, 0 to 1; null when either title is unknown. */
  similarity: number | null
  /** The NFKC titles differ; false when either is unknown. */
  retitled: boolean
}

export interface BudgetChange {
  from: Budget | null
  to: Budget | null
  /** to minus from; null unless both have an amount ("-円" is no amount, not 0). */
  changeYen: number | null
}

export interface InitiativeMatch extends ItemMatch {
  budget: BudgetChange
}

export interface ItemChanges<M extends ItemMatch> {
  matched: M[]
  added: ComparedItem[]
  removed: ComparedItem[]
}

export interface StatementChanges {
  unchanged: string[]
  /** Reworded: a removed and an added statement alike enough to be one. */
  changed: { from: string; to: string; similarity: number }[]
  added: string[]
  removed: string[]
}

export interface PartCoverage {
  part: ComparedPart
  from: PartRead
  to: PartRead
}

export interface NotCompared {
  part: ComparedPart
  planId: string
  read: Exclude<PartRead, 'whole'>
  reason: string
}

export interface PlanComparison {
  from: PlanSummary
  to: PlanSummary
  parts: PartCoverage[]
  notCompared: NotCompared[]
  goals: StatementChanges
  missions: StatementChanges
  policy: { changed: boolean | null; similarity: number | null }
  issues: ItemChanges<ItemMatch>
  strategies: ItemChanges<ItemMatch>
  initiatives: ItemChanges<InitiativeMatch>
  budgetTotal: {
    /** Sum of the plan's initiative amounts; null when none has one. */
    fromYen: number | null
    toYen: number | null
    changeYen: number | null
    /** Sum of changeYen over the matched initiatives that have one. */
    matchedChangeYen: number | null
    /** Both plans hold all their budgets (neither is an excerpt or attachments only). */
    complete: boolean
  }
}

export type ComparisonResult = { comparison: PlanComparison } | { missing: { parameter: 'from' | 'to'; id: string } }

/** Comparisons kept per data version: REST, GraphQL and the page, in any encoding, share one. */
const keptComparisons = memoByDataVersion<ComparisonResult>(64)

export const comparePlans = (db: Db, fromId: string, toId: string): ComparisonResult => keptComparisons(db, `${fromId}\u0000${toId}`, () => comparePlansNow(db, fromId, toId))

function comparePlansNow(db: Db, fromId: string, toId: string): ComparisonResult {
  const from = getPlanDocument(db, fromId)
  if (!from) return { missing: { parameter: 'from', id: fromId } }
  const to = getPlanDocument(db, toId)
  if (!to) return { missing: { parameter: 'to', id: toId } }
  const [fromSummary, toSummary] = [plansByIds(db, [fromId])[0], plansByIds(db, [toId])[0]]
  const [fromReads, toReads] = [partsRead(from), partsRead(to)]
  const parts = COMPARED_PARTS.map((part) => ({ part, from: fromReads[part], to: toReads[part] }))
  const initiatives = matchItems(initiativesOf(from), initiativesOf(to))
  const matchedInitiatives = initiatives.matched.map((m) => ({ ...m, budget: budgetChange(m.from.budget, m.to.budget) }))
  const fromTotal = totalYen(initiativesOf(from))
  const toTotal = totalYen(initiativesOf(to))
  const matchedChanges = matchedInitiatives.map((m) => m.budget.changeYen).filter((c): c is number => c !== null)
  const policyComparable = from.policy !== null && to.policy !== null
  return {
    comparison: {
      from: fromSummary,
      to: toSummary,
      parts,
      notCompared: notCompared(parts, from, to),
      goals: compareStatements(from.goals, to.goals),
      missions: compareStatements(from.missions, to.missions),
      policy: {
        changed: policyComparable ? comparable(from.policy!) !== comparable(to.policy!) : null,
        similarity: policyComparable ? similarity(from.policy!, to.policy!) : null,
      },
      issues: withoutExtras(matchItems(issuesOf(from), issuesOf(to))),
      strategies: withoutExtras(matchItems(strategiesOf(from), strategiesOf(to))),
      initiatives: { matched: matchedInitiatives.map(({ from, to, ...m }) => ({ ...m, from: item(from), to: item(to) })), added: initiatives.added.map(item), removed: initiatives.removed.map(item) },
      budgetTotal: {
        fromYen: fromTotal,
        toYen: toTotal,
        changeYen: fromTotal !== null && toTotal !== null ? toTotal - fromTotal : null,
        matchedChangeYen: matchedChanges.length > 0 ? matchedChanges.reduce((a, b) => a + b, 0) : null,
        complete: from.completeness === 'complete' && to.completeness === 'complete',
      },
    },
  }
}

/**
 * How much of each part the plan's text holds. A complete plan holds all; an
 * attachments-only page none. An excerpt holds the parts before the last one
 * its text reaches; that one and those after may be cut off.
 */
export function partsRead(plan: PlanDocument): Record<ComparedPart, PartRead> {
  const all = (read: PartRead) => Object.fromEntries(COMPARED_PARTS.map((p) => [p, read])) as Record<ComparedPart, PartRead>
  if (plan.completeness === 'complete') return all('whole')
  if (plan.completeness === 'attachments') return all('none')
  // goals 0, missions 1, policy 2, then issues with their strategies, initiatives and budgets (3 to 6, read together).
  const reached = plan.issues.length > 0 ? 3 : plan.policy !== null ? 2 : plan.missions.length > 0 ? 1 : plan.goals.length > 0 ? 0 : -1
  if (reached === -1) return all('none')
  return Object.fromEntries(COMPARED_PARTS.map((p, i) => [p, Math.min(i, 3) < reached ? 'whole' : 'partial'])) as Record<ComparedPart, PartRead>
}

function notCompared(parts: PartCoverage[], from: PlanDocument, to: PlanDocument): NotCompared[] {
  const reasons: NotCompared[] = []
  for (const { part, ...reads } of parts) {
    for (const [side, plan] of [
      ['from', from],
      ['to', to],
    ] as const) {
      const read = reads[side]
      if (read === 'whole') continue
      const reason =
        plan.completeness === 'attachments'
          ? `${plan.id} only links its attachments: it holds no ${part}`
          : read === 'none'
            ? `the text of ${plan.id} is an excerpt that stops before its ${part}`
            : `the text of ${plan.id} is an excerpt that stops in or before its ${part}: what ${side === 'from' ? 'seems added' : 'seems removed'} may only be cut off`
      reasons.push({ part, planId: plan.id, read, reason })
    }
  }
  return reasons
}

/**
 * Leftovers of a part compared pair by pair, at most: real plans have tens of items a part (a few
 * thousand pairs); a text made of thousands would take seconds of one request. Beyond it, a part's
 * items are matched by number and same text only, and the rest are added and removed.
 */
export const MAX_COMPARED_PAIRS = 40_000

/** Statements (goals, missions) kept word for word (NFKC), reworded (alike enough), added or removed. */
export function compareStatements(from: string[], to: string[]): StatementChanges {
  const unchanged: string[] = []
  // Each NFKC text's statements of the later plan not yet claimed, in their order.
  const toByText = new Map<string, number[]>()
  to.forEach((text, i) => toByText.set(comparable(text), [...(toByText.get(comparable(text)) ?? []), i]))
  const claimed = new Set<number>()
  const fromLeft: string[] = []
  for (const text of from) {
    const same = toByText.get(comparable(text))?.find((i) => !claimed.has(i))
    if (same === undefined) fromLeft.push(text)
    else {
      claimed.add(same)
      unchanged.push(to[same])
    }
  }
  const toLeft = to.filter((_, i) => !claimed.has(i))
  const pairs = alikePairs(fromLeft, toLeft, (s) => s)
  const changed = pairs.map(({ from, to, similarity }) => ({ from, to, similarity }))
  const pairedFrom = new Set(pairs.map((p) => p.from))
  const pairedTo = new Set(pairs.map((p) => p.to))
  return { unchanged, changed, added: toLeft.filter((t) => !pairedTo.has(t)), removed: fromLeft.filter((f) => !pairedFrom.has(f)) }
}

/** The most alike pairs first, each item in one pair at most, none below TITLE_MATCH_MIN; none past MAX_COMPARED_PAIRS. */
function alikePairs<T>(from: T[], to: T[], textOf: (item: T) => string | null): { from: T; to: T; similarity: number }[] {
  if (from.length * to.length > MAX_COMPARED_PAIRS) return []
  // Each text normalized once, not once per pair.
  const profiles = (items: T[]) => items.flatMap((item) => {
    const text = textOf(item)
    return text === null ? [] : [{ item, profile: profileOf(text) }]
  })
  const toProfiles = profiles(to)
  const candidates: { from: T; to: T; similarity: number }[] = []
  for (const f of profiles(from)) {
    for (const t of toProfiles) {
      const s = profileSimilarity(f.profile, t.profile)
      if (s >= TITLE_MATCH_MIN) candidates.push({ from: f.item, to: t.item, similarity: s })
    }
  }
  // Stable: equal similarities keep the published order.
  candidates.sort((x, y) => y.similarity - x.similarity)
  const usedFrom = new Set<T>()
  const usedTo = new Set<T>()
  return candidates.filter((c) => {
    if (usedFrom.has(c.from) || usedTo.has(c.to)) return false
    usedFrom.add(c.from)
    usedTo.add(c.to)
    return true
  })
}

type Numbered = ComparedItem & { budget?: Budget | null }

/** Matched by number where the titles agree enough (or one is unknown), then by title among the rest. */
function matchItems<T extends Numbered>(from: T[], to: T[]): { matched: (Omit<ItemMatch, 'from' | 'to'> & { from: T; to: T })[]; added: T[]; removed: T[] } {
  const matched: (Omit<ItemMatch, 'from' | 'to'> & { from: T; to: T })[] = []
  const toByNumber = new Map(to.map((t) => [t.number, t]))
  const fromLeft: T[] = []
  const toTaken = new Set<T>()
  for (const f of from) {
    const t = toByNumber.get(f.number)
    const s = t && f.title !== null && t.title !== null ? similarity(f.title, t.title) : null
    if (t && (s === null || s >= NUMBER_MATCH_MIN)) {
      matched.push({ from: f, to: t, matchedBy: 'number', similarity: s, retitled: s !== null && retitled(f, t) })
      toTaken.add(t)
    } else fromLeft.push(f)
  }
  const toLeft = to.filter((t) => !toTaken.has(t))
  const byTitle = alikePairs(fromLeft, toLeft, (i) => i.title)
  for (const p of byTitle) matched.push({ from: p.from, to: p.to, matchedBy: 'title', similarity: p.similarity, retitled: retitled(p.from, p.to) })
  const matchedFrom = new Set(matched.map((m) => m.from))
  const matchedTo = new Set(matched.map((m) => m.to))
  // In the order of the later plan, so a reader follows it.
  const order = new Map(to.map((t, i) => [t, i]))
  matched.sort((a, b) => order.get(a.to)! - order.get(b.to)!)
  return { matched, added: to.filter((t) => !matchedTo.has(t)), removed: from.filter((f) => !matchedFrom.has(f)) }
}

const retitled = (a: ComparedItem, b: ComparedItem) => a.title !== null && b.title !== null && comparable(a.title) !== comparable(b.title)

const item = ({ id, number, title }: ComparedItem): ComparedItem => ({ id, number, title })

function withoutExtras(changes: ReturnType<typeof matchItems<Numbered>>): ItemChanges<ItemMatch> {
  return { matched: changes.matched.map(({ from, to, ...m }) => ({ ...m, from: item(from), to: item(to) })), added: changes.added.map(item), removed: changes.removed.map(item) }
}

const issuesOf = (plan: PlanDocument): Numbered[] =>
  plan.issues.map((i) => ({ id: i.id, number: i.subNumber === null ? String(i.number) : `${i.number}-(${i.subNumber})`, title: i.title }))
const strategiesOf = (plan: PlanDocument): Numbered[] => plan.issues.flatMap((i) => i.strategies.map(({ id, number, title }) => ({ id, number, title })))
const initiativesOf = (plan: PlanDocument): Numbered[] =>
  plan.issues.flatMap((i) => i.strategies.flatMap((s) => s.initiatives.map(({ id, number, title, budget }) => ({ id, number, title, budget }))))

function budgetChange(from: Budget | null | undefined, to: Budget | null | undefined): BudgetChange {
  const [a, b] = [from ?? null, to ?? null]
  return { from: a, to: b, changeYen: a?.amountYen != null && b?.amountYen != null ? b.amountYen - a.amountYen : null }
}

/** Sum of the amounts; null when no initiative has one ("-円" is not 0). */
function totalYen(initiatives: Numbered[]): number | null {
  const amounts = initiatives.map((i) => i.budget?.amountYen).filter((a): a is number => a !== null && a !== undefined)
  return amounts.length > 0 ? amounts.reduce((x, y) => x + y, 0) : null
}
