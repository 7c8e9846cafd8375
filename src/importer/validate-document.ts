// Checks a plan document sent as JSON beyond its JSON schema: the ids must be
// the ones the parser would give, so documents and texts import alike.
import { completenessOf } from '../plans/excerpt.js'
import type { PlanDocument } from '../plans/types.js'

export class PlanDocumentError extends Error {
  /** The file the document came from, when the importer knows it (the CLI names it). */
  file?: string

  constructor(
    /** JSON pointer of the offending value, e.g. /issues/0/strategies/1/id */
    readonly pointer: string,
    message: string,
  ) {
    super(`${pointer}: ${message}`)
    this.name = 'PlanDocumentError'
  }
}

export function validatePlanDocument(plan: PlanDocument): void {
  const expectedId = `${plan.organization.id}-${plan.fiscalYear}${plan.isDraft ? '-draft' : ''}`
  if (plan.id !== expectedId) throw new PlanDocumentError('/id', `expected '${expectedId}' ({organization}-{fiscalYear}, -draft for drafts), got '${plan.id}'`)
  // An excerpt sent as a document may not pass for a whole plan (nor the other way round).
  const completeness = completenessOf(plan)
  if (plan.completeness !== completeness) {
    throw new PlanDocumentError('/completeness', `expected '${completeness}' (complete only with the contact section read, attachments for a page of only attachments), got '${plan.completeness}'`)
  }
  const seen = new Set<string>()
  const expect = (pointer: string, id: string, expected: string) => {
    if (id !== expected) throw new PlanDocumentError(pointer, `expected '${expected}', got '${id}'`)
    if (seen.has(id)) throw new PlanDocumentError(pointer, `'${id}' appears twice`)
    seen.add(id)
  }
  plan.issues.forEach((issue, i) => {
    // 経営課題1-(2) has the id {plan}.1.2 (see ManagementIssue).
    const key = issue.subNumber == null ? `${issue.number}` : `${issue.number}.${issue.subNumber}`
    expect(`/issues/${i}/id`, issue.id, `${plan.id}.${key}`)
    issue.strategies.forEach((strategy, s) => {
      expect(`/issues/${i}/strategies/${s}/id`, strategy.id, `${plan.id}.${strategy.number}`)
      strategy.initiatives.forEach((initiative, n) => {
        expect(`/issues/${i}/strategies/${s}/initiatives/${n}/id`, initiative.id, `${plan.id}.${initiative.number}`)
      })
    })
  })
}
