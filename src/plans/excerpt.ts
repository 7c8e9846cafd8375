// The excerpt rule: what to do with the last line of a text that stops before its end.
import { INITIATIVE_HEADER, ISSUE_HEADER, PAGE_ID, STRATEGY_HEADER, isBareLabel, isContactHeader } from './headers.js'
import { CLOSE_BRACKETS, type Line, rawSlice, toLine } from './text.js'
import type { PlanDocument } from './types.js'

type Read = Pick<PlanDocument, 'goals' | 'missions' | 'issues' | 'reformItems' | 'policy' | 'attachments' | 'contact'>

/**
 * How much of a plan was read, from what was read: `attachments` when the
 * page only links its files, `complete` when the text reaches the contact
 * section (このページの作成者・問合せ先), else `excerpt`. The parser and the
 * check of plan documents sent as JSON both ask this.
 */
export function completenessOf(plan: Read): PlanDocument['completeness'] {
  const hasBody = plan.goals.length + plan.missions.length + plan.issues.length + plan.reformItems.length > 0 || plan.policy !== null
  return !hasBody && plan.attachments.length > 0 ? 'attachments' : plan.contact === null ? 'excerpt' : 'complete'
}

/** A line that ends like a finished sentence or item. */
const FINISHED_LINE = /[。.!?」』)】≫〉》>\]〕"”’]$/

/**
 * The excerpt rule. A text that never reaches the contact section
 * (このページの作成者・問合せ先) may stop at any character, so its last line may
 * be cut mid-sentence. That line is read as it is only when it ends like a
 * finished line (。 ! ? or a closing bracket or quote) or is a bare label.
 * Otherwise a numbered header (経営課題N, 戦略N-M, 具体的取組N-M-K) keeps its
 * number, and its title only when the title's bracket closes on the line;
 * any other cut line is dropped. Either way a warning quotes the line.
 */
export function readCutLastLine(lines: Line[], warnings: string[]): void {
  if (lines.length < 2 || lines.some(isContactHeader)) return
  const last = lines[lines.length - 1]
  // A page number may stop at any digit: as the last line it is not read (ページ番号:39726|3).
  if (!PAGE_ID.test(last.norm) && (FINISHED_LINE.test(last.norm) || isBareLabel(last))) return
  const header = numberedHeaderPrefix(last)
  if (header) {
    lines[lines.length - 1] = header
    warnings.push(`line ${last.no}: the text stops in this line, so only '${header.raw}' of it was read: '${last.raw}'`)
  } else {
    lines.pop()
    warnings.push(`line ${last.no}: the text stops in this line, which may be cut mid-sentence and was not imported: '${last.raw}'`)
  }
}

/** The whole part of a cut numbered header: through its closing bracket when it has one, else its number. */
function numberedHeaderPrefix(line: Line): Line | null {
  const norm = line.norm
  const initiative = INITIATIVE_HEADER.exec(norm)
  const strategy = STRATEGY_HEADER.exec(norm)
  const m = ISSUE_HEADER.exec(norm) ?? (initiative?.groups?.open || initiative?.groups?.kw ? initiative : null) ?? (strategy?.groups?.open || strategy?.groups?.kw ? strategy : null)
  if (!m) return null
  let end = m[0].length
  if (m.groups?.open) {
    let close = end
    while (close < norm.length && !CLOSE_BRACKETS.includes(norm[close])) close++
    if (close < norm.length) end = close + 1
  }
  return toLine(line.no, rawSlice(line, 0, end))
}
