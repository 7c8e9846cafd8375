// The search entries of a plan: one per text-bearing entity, written with the plan.
// Every text of the plan is in one of them: what has no kind of its own (notes,
// contact, attachments) in the plan's, budget lines and outcome indicators in
// their issue's, strategy's or initiative's.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { SEARCH_ENTRIES_FORM, type SearchKind, gramsOf } from '../db/search-grams.js'
import type { PlanDocument } from '../plans/types.js'
import { getPlanDocument } from '../services/plans.js'


/** Lines of text, the missing ones left out. */
const lines = (...texts: (string | null | undefined)[]) => texts.filter((text): text is string => typeof text === 'string' && text !== '').join('\n')

interface SearchEntry {
  kind: SearchKind
  id: string
  /** What a hit shows as its title. */
  title: string | null
  /** Text indexed with the title's weight. */
  titleText: string
  body: string
}

/** Every text of the plan, as search entries in document order. */
export function searchEntriesOf(plan: PlanDocument): SearchEntry[] {
  const contact = plan.contact
  const planText = lines(...plan.notes, contact?.department, contact?.postalCode, contact?.address, contact?.phone, contact?.fax, ...plan.attachments)
  const entries: SearchEntry[] = [{ kind: 'plan', id: plan.id, title: plan.title, titleText: plan.title ?? '', body: planText }]
  plan.goals.forEach((text, i) => entries.push({ kind: 'goal', id: `${plan.id}.goals.${i + 1}`, title: text, titleText: '', body: text }))
  plan.missions.forEach((text, i) => entries.push({ kind: 'mission', id: `${plan.id}.missions.${i + 1}`, title: text, titleText: '', body: text }))
  if (plan.policy) entries.push({ kind: 'policy', id: `${plan.id}.policy`, title: plan.title, titleText: '', body: plan.policy })
  for (const issue of plan.issues) {
    const issueText = lines(issue.aim, ...issue.budgets.map((b) => b.text), ...issue.outcomeIndicators)
    entries.push({ kind: 'issue', id: issue.id, title: issue.title, titleText: issue.title ?? '', body: issueText })
    for (const strategy of issue.strategies) {
      entries.push({ kind: 'strategy', id: strategy.id, title: strategy.title, titleText: strategy.title ?? '', body: lines(...strategy.points, ...strategy.outcomeIndicators) })
      for (const initiative of strategy.initiatives) {
        entries.push({ kind: 'initiative', id: initiative.id, title: initiative.title, titleText: initiative.title ?? '', body: lines(...initiative.points, initiative.budget?.text) })
      }
    }
  }
  plan.reformItems.forEach((r, i) =>
    entries.push({ kind: 'reformItem', id: `${plan.id}.reformItems.${i + 1}`, title: r.item, titleText: r.item ?? '', body: r.content ?? '' }),
  )
  return entries
}

/** Replaces the plan's search entries; runs inside the import's transaction. */
export function writeSearchEntries(db: Db, plan: PlanDocument): void {
  db.run(sql`delete from search_entries where plan_id = ${plan.id}`)
  for (const e of searchEntriesOf(plan)) {
    db.run(sql`insert into search_entries (title_grams, body_grams, kind, entity_id, plan_id, organization_id, fiscal_year, title, body)
      values (${gramsOf(e.titleText)}, ${gramsOf(e.body)}, ${e.kind}, ${e.id}, ${plan.id}, ${plan.organization.id}, ${plan.fiscalYear}, ${e.title}, ${e.body})`)
  }
}

/**
 * Writes every plan's search entries again when the database's are of an older form than
 * SEARCH_ENTRIES_FORM, in one transaction, and records the form; the number of plans rewritten.
 */
export function refreshSearchEntries(db: Db): number {
  const form = db.get<{ user_version: number }>(sql`select user_version from pragma_user_version`)!.user_version
  if (form >= SEARCH_ENTRIES_FORM) return 0
  return db.transaction(() => rewriteSearchEntries(db))
}

/**
 * Writes every plan's search entries from its stored document and records their form; the
 * number of plans. The caller holds the transaction (a restored snapshot, an older form).
 */
export function rewriteSearchEntries(db: Db): number {
  const planIds = db.all<{ id: string }>(sql`select id from plans order by id`).map((row) => row.id)
  for (const id of planIds) writeSearchEntries(db, getPlanDocument(db, id)!)
  db.run(sql.raw(`pragma user_version = ${SEARCH_ENTRIES_FORM}`))
  return planIds.length
}
