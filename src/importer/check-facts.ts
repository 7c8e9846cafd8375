// What an import may not bring into the database, whatever its path (a plan
// text, a JSON document, the CLI, the seed): a source URL that is not an
// absolute http(s) URL, a page number that is not digits, an organization id that is
// not a short slug, and organization facts that disagree with the
// parser's table or with what other plans already say about the organization.
import { and, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import * as t from '../db/schema.js'
import { MAX_BUDGET_YEN } from '../plans/budget.js'
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR, isFiscalYear } from '../plans/era.js'
import { MAX_HEADER_NUMBER, PAGE_NUMBER } from '../plans/headers.js'
import { ORGANIZATION_ID, tableOrganization } from '../plans/organizations.js'
import { sourceUrlProblem } from '../plans/source-url.js'
import type { Organization, PlanDocument } from '../plans/types.js'
import { PlanDocumentError } from './validate-document.js'

const FACTS = ['name', 'kind', 'code', 'city'] as const

/** Throws a PlanDocumentError pointing at the first value the import may not write. Runs inside the import's transaction. */
export function checkPlanFacts(db: Db, plan: PlanDocument): void {
  const urlProblem = plan.sourceUrl === null ? undefined : sourceUrlProblem(plan.sourceUrl)
  if (urlProblem) throw new PlanDocumentError('/sourceUrl', urlProblem)
  // The page number becomes part of the source page's URL when there is no source URL (services/dataset.ts).
  if (plan.pageId !== null && !PAGE_NUMBER.test(plan.pageId)) throw new PlanDocumentError('/pageId', `expected the page number's digits (ページ番号), got ${JSON.stringify(plan.pageId.slice(0, 80))}`)

  // The plan's fiscal year is one the API can be asked for, as its budget lines' are.
  if (!isFiscalYear(plan.fiscalYear)) throw new PlanDocumentError('/fiscalYear', `expected a fiscal year from ${MIN_FISCAL_YEAR} to ${MAX_FISCAL_YEAR}, got ${plan.fiscalYear}`)
  checkAmounts(plan)
  checkIssueNumbers(plan)
  checkText(plan, '')

  const org = plan.organization
  // Every id of the plan begins with the organization's, and each is a path segment of the API.
  if (!ORGANIZATION_ID.test(org.id)) {
    throw new PlanDocumentError('/organization/id', `expected an organization id of 1 to 64 ASCII letters, digits, '-' or '_' (a slug such as asahi), got ${JSON.stringify(org.id.slice(0, 80))}`)
  }
  const known = tableOrganization(org.id)
  if (known) {
    // A known organization's facts are the table's, for every plan and year.
    const field = differingFact(org, known)
    if (field) throw new PlanDocumentError(`/organization/${field}`, `organization '${org.id}' has ${field} ${JSON.stringify(known[field])} (the organization table), not ${JSON.stringify(org[field])}`)
    return
  }
  // An organization outside the table keeps the facts its plans gave it: a plan may change them
  // only while no other plan names the organization.
  const [stored] = db.select().from(t.organizations).where(eq(t.organizations.id, org.id)).all()
  const field = stored ? differingFact(org, stored) : undefined
  if (!field) return
  const others = db
    .select({ id: t.plans.id })
    .from(t.plans)
    .where(and(eq(t.plans.organizationId, org.id), ne(t.plans.id, plan.id)))
    .orderBy(sql`${t.plans.id}`)
    .limit(3)
    .all()
    .map((p) => p.id)
  if (others.length > 0) {
    throw new PlanDocumentError(
      `/organization/${field}`,
      `organization '${org.id}' has ${field} ${JSON.stringify(stored[field])} from other plans (${others.join(', ')}), not ${JSON.stringify(org[field])}; an import does not change an organization other plans name`,
    )
  }
}

/**
 * Every string of the document well-formed UTF-16: a lone surrogate (\uD800 sent without its pair,
 * which JSON allows) has no UTF-8 form, and SQLite would store U+FFFD in its place, changing
 * the text without a word. Texts read from pages and files are decoded from bytes and never hold one.
 */
function checkText(value: unknown, pointer: string): void {
  if (typeof value === 'string') {
    // With the u flag a pair is one code point: only a lone surrogate is of category Cs.
    if (/\p{Cs}/u.test(value)) throw new PlanDocumentError(pointer || '/', 'expected text of Unicode characters, got a lone UTF-16 surrogate (an escape such as \\ud800 without its pair), which no UTF-8 text can hold')
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkText(item, `${pointer}/${i}`))
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) checkText(item, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`)
  }
}

/** Each issue's number and sub-number one a header gives (0 to MAX_HEADER_NUMBER): GraphQL's Int refused 3000000000, nulling the plan in every answer. */
function checkIssueNumbers(plan: PlanDocument): void {
  plan.issues.forEach((issue, i) => {
    for (const field of ['number', 'subNumber'] as const) {
      const value = issue[field]
      if (value === null && field === 'subNumber') continue
      if (!(Number.isInteger(value) && value! >= 0 && value! <= MAX_HEADER_NUMBER)) {
        throw new PlanDocumentError(`/issues/${i}/${field}`, `expected a whole number from 0 to ${MAX_HEADER_NUMBER}${field === 'subNumber' ? ', or null' : ''}, got ${value}`)
      }
    }
  })
}

function differingFact(a: Organization, b: Pick<Organization, (typeof FACTS)[number]>) {
  return FACTS.find((field) => a[field] !== b[field])
}

/** Every amount a whole number of yen from 0 to MAX_BUDGET_YEN, and the plan's initiatives' and issues' lines each within it together. */
function checkAmounts(plan: PlanDocument): void {
  // Each line with the pointer of its budget object: the pointers of its amount and year are built on it.
  const lines = plan.issues.flatMap((issue, i) => [
    ...issue.budgets.map((line, b) => ({ amount: line.amountYen, year: line.fiscalYear, budget: `/issues/${i}/budgets/${b}`, of: 'issues' })),
    ...issue.strategies.flatMap((strategy, s) =>
      strategy.initiatives.map((initiative, n) => ({
        amount: initiative.budget?.amountYen ?? null,
        year: initiative.budget?.fiscalYear ?? null,
        budget: `/issues/${i}/strategies/${s}/initiatives/${n}/budget`,
        of: 'initiatives',
      })),
    ),
  ])
  const totals: Record<string, number> = { issues: 0, initiatives: 0 }
  for (const { amount, year, budget, of } of lines) {
    // A budget's year is one the API can be asked for (fiscalYear 1989–2100), or unknown.
    if (year !== null && !isFiscalYear(year)) {
      throw new PlanDocumentError(`${budget}/fiscalYear`, `expected a fiscal year from ${MIN_FISCAL_YEAR} to ${MAX_FISCAL_YEAR}, or null, got ${year}`)
    }
    if (amount === null) continue
    const pointer = `${budget}/amountYen`
    if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_BUDGET_YEN) {
      throw new PlanDocumentError(pointer, `expected a whole number of yen from 0 to ${MAX_BUDGET_YEN} (10^15), got ${amount}`)
    }
    totals[of] += amount
    if (totals[of] > MAX_BUDGET_YEN) throw new PlanDocumentError(pointer, `the plan's ${of === 'issues' ? "issues' budget lines" : "initiatives' budgets"} add up to over ${MAX_BUDGET_YEN} yen (10^15) here`)
  }
}
