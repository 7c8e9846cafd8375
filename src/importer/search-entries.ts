// The search entries of a plan: one per text-bearing entity, written with the plan.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { type SearchKind, gramsOf } from '../db/search-grams.js'
import type { PlanDocument } from '../plans/types.js'


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
  const entries: SearchEntry[] = [{ kind: 'plan', id: plan.id, title: plan.title, titleText: plan.title ?? '', body: '' }]
  plan.goals.forEach((text, i) => entries.push({ kind: 'goal', id: `${plan.id}.goals.${i + 1}`, title: text, titleText: '', body: text }))
  plan.missions.forEach((text, i) => entries.push({ kind: 'mission', id: `${plan.id}.missions.${i + 1}`, title: text, titleText: '', body: text }))
  if (plan.policy) entries.push({ kind: 'policy', id: `${plan.id}.policy`, title: plan.title, titleText: '', body: plan.policy })
  for (const issue of plan.issues) {
    entries.push({ kind: 'issue', id: issue.id, title: issue.title, titleText: issue.title ?? '', body: issue.aim ?? '' })
    for (const strategy of issue.strategies) {
      entries.push({ kind: 'strategy', id: strategy.id, title: strategy.title, titleText: strategy.title ?? '', body: strategy.points.join('\n') })
      for (const initiative of strategy.initiatives) {
        entries.push({ kind: 'initiative', id: initiative.id, title: initiative.title, titleText: initiative.title ?? '', body: initiative.points.join('\n') })
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
