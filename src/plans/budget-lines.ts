// Budget lines placed in the plan document: an initiative's budget (the plan year's
// amount of a line naming several years; a second line kept as a point) and an issue's
// budgets (one per year and kind a line names). budget.ts reads the amounts and years.
import { budgetFiscalYear, budgetTextsByYear, isApproximate, issueBudgetOf, issueBudgetParts, readYen } from './budget.js'
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR, isFiscalYear } from './era.js'
import { type Line, joinLines, rawSlice, toLine, withoutBullet } from './text.js'
import type { Budget, Initiative, IssueBudget, ManagementIssue, PlanDocument } from './types.js'

/** (平成29年度予算額: / 7,133千円): a 予算額 line with no amount that reads is one line with the next when together they read. */
export function joinSplitBudgets(lines: Line[]): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i].norm.includes('予算額') || readYen(lines[i].norm) !== undefined) continue
    const joined = joinLines(lines[i], lines[i + 1])
    if (readYen(joined.norm) !== undefined) lines.splice(i, 2, joined)
  }
}

/**
 * The yen of a budget line (or of its text for one year); null for "-円" and, with a warning, for an amount that cannot be read.
 * An amount written as approximate (約7千万円) is the figure published, its text keeping the 約, with a warning: null would say
 * "no budget" (-円), which it is not, and drop it from every total.
 */
function amountOf(plan: PlanDocument, line: Line, norm = line.norm): number | null {
  const amountYen = readYen(norm)
  if (amountYen === undefined) plan.warnings.push(`line ${line.no}: cannot read the amount of budget '${line.raw}'`)
  else warnIfApproximate(plan, line, amountYen, norm)
  return amountYen ?? null
}

function warnIfApproximate(plan: PlanDocument, line: Line, amountYen: number | null, norm = line.norm): void {
  if (amountYen !== null && isApproximate(norm)) plan.warnings.push(`line ${line.no}: budget '${line.raw}' is an approximate amount: ${amountYen} yen is the figure as published, not an exact budget`)
}

/**
 * Where a remark on the line after a budget line goes (※補正予算を含む, (うち国庫補助 500千円) alone on
 * its line): into the text of the budget that line gave, after a line break, as a remark on the
 * budget line itself stays in its text. The amount, already read, is never changed by it.
 */
export type BudgetRemarkTarget = (remark: Line) => void

/**
 * The fiscal year a budget text names: undefined when it names none; null, with a warning, when it
 * names one no plan can have (3000年度予算額, 平成0年度, 100年度): unknown, not the plan's year.
 */
function namedYear(plan: PlanDocument, line: Line, norm: string): number | null | undefined {
  const year = budgetFiscalYear(norm)
  if (year === undefined || isFiscalYear(year)) return year
  plan.warnings.push(`line ${line.no}: budget '${line.raw}' names a fiscal year that is none from ${MIN_FISCAL_YEAR} to ${MAX_FISCAL_YEAR}: its year is left unknown`)
  return null
}

/** The year of a list column's budgets (主な具体的取組(4年度予算額)): undefined, with a warning, for one no plan can have. */
export function listBudgetYearOf(plan: PlanDocument, line: Line, fy: string | undefined): number | undefined {
  if (!fy) return undefined
  const year = budgetFiscalYear(`${fy}予算額`)
  if (year === undefined || isFiscalYear(year)) return year
  plan.warnings.push(`line ${line.no}: the budget column of '${line.raw}' names a fiscal year that is none from ${MIN_FISCAL_YEAR} to ${MAX_FISCAL_YEAR}: its budgets' years are read from their own lines or the plan's`)
  return undefined
}

/** A text with a remark of the next line added, the published break kept. */
const withRemark = (text: string, remark: Line) => `${text}\n${withoutBullet(remark)}`

/**
 * The budget of an initiative from a budget line; `listBudgetYear` is its list column's year (主な具体的取組(4年度予算額)), if any.
 * Returns where a remark on the next line goes: the budget's text, or the point this line was kept as.
 */
export function setInitiativeBudget(plan: PlanDocument, initiative: Initiative, listBudgetYear: number | null | undefined, line: Line): BudgetRemarkTarget {
  // (平成28年度予算額:6,000千円 平成29年度予算額:7,133千円): the plan's year is read, the line kept whole.
  const texts = budgetTextsByYear(line.norm)
  const chosen = texts.find((text) => budgetFiscalYear(text) === plan.fiscalYear) ?? texts[texts.length - 1]
  if (texts.length > 1) plan.warnings.push(`line ${line.no}: budget '${line.raw}' names ${texts.length} years' amounts; the amount of ${budgetFiscalYear(chosen) ?? 'the last'} was read`)
  // The year its text names, else its column's (主な具体的取組(4年度予算額)), else the plan's: a plan's budget lines are its year's.
  const named = namedYear(plan, line, chosen)
  const budget: Budget = {
    amountYen: amountOf(plan, line, chosen),
    fiscalYear: named !== undefined ? named : (listBudgetYear ?? plan.fiscalYear),
    text: line.raw,
  }
  const toBudget: BudgetRemarkTarget = (remark) => {
    budget.text = withRemark(budget.text, remark)
  }
  if (initiative.budget === null) {
    initiative.budget = budget
    return toBudget
  }
  // Several budget lines (決算額/予算額 of other years): the plan year's is the budget; the other is kept as a point, not dropped.
  const other = budget.fiscalYear === plan.fiscalYear && initiative.budget.fiscalYear !== plan.fiscalYear ? initiative.budget : budget
  if (other !== budget) initiative.budget = budget
  initiative.points.push(other.text)
  plan.warnings.push(`line ${line.no}: initiative ${initiative.number} has more than one budget line; kept '${initiative.budget.text}' as its budget and '${other.text}' as a point`)
  if (other !== budget) return toBudget
  // This line is kept as a point: its remark goes with it.
  const at = initiative.points.length - 1
  return (remark) => {
    initiative.points[at] = withRemark(initiative.points[at], remark)
  }
}

/** One budget of an issue: its text as published, its kind and its amount (undefined: not read). */
export interface IssueBudgetLine {
  line: Line
  kind: IssueBudget['kind']
  amountYen: number | null | undefined
}

/**
 * An issue's budget line as the budget lines it holds: itself, or, for a line naming several
 * amounts (令和5年度予算額 5千万円 令和4年度決算額 4千万円, 予算額 令和5年度:5千万円 令和4年度:4千万円),
 * each part as published, read as a budget of its own with its year and kind; undefined for no such line.
 */
export function issueBudgetLines(line: Line): IssueBudgetLine[] | undefined {
  // A year's amount in brackets after another's is a budget of its own, not a remark of the first's.
  const parts = issueBudgetParts(line.norm)?.map((part) => ({ line: toLine(line.no, rawSlice(line, part.start, part.end)), kind: part.kind, amountYen: part.amountYen }))
  if (parts) return parts
  const whole = issueBudgetOf(line.norm)
  return whole ? [{ line, kind: line.norm.includes('決算額') ? 'settlement' : 'budget', amountYen: whole.amountYen }] : undefined
}

/**
 * An issue's budget. Its fiscal year is the one its text names; a 予算額 naming none is the plan's
 * year's (the plan's budget lines are its year's, as initiatives' are), a 決算額 naming none is of a
 * year before, which the text does not say: null.
 */
export function addIssueBudget(plan: PlanDocument, issue: ManagementIssue, { line, kind, amountYen }: IssueBudgetLine): BudgetRemarkTarget {
  if (amountYen === undefined) plan.warnings.push(`line ${line.no}: cannot read the amount of budget '${line.raw}'`)
  else warnIfApproximate(plan, line, amountYen)
  const named = namedYear(plan, line, line.norm.replace('決算額', '予算額'))
  const budget: IssueBudget = {
    kind,
    amountYen: amountYen ?? null,
    fiscalYear: named !== undefined ? named : kind === 'budget' ? plan.fiscalYear : null,
    text: withoutBullet(line),
  }
  issue.budgets.push(budget)
  return (remark) => {
    budget.text = withRemark(budget.text, remark)
  }
}

/** An issue's budget line, each budget it holds added: a remark on the next line goes to the last (as one at its end would). */
export function addIssueBudgets(plan: PlanDocument, issue: ManagementIssue, budgets: IssueBudgetLine[]): BudgetRemarkTarget | undefined {
  let last: BudgetRemarkTarget | undefined
  for (const budget of budgets) last = addIssueBudget(plan, issue, budget)
  return last
}
