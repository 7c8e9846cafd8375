// The excerpt rule: what to do with the last line of a text that stops before its end.
import { BOILERPLATE, DATE, INITIATIVE_HEADER, ISSUE_HEADER, OPEN, PAGE_ID, STRATEGY_HEADER, endsContact, isBareLabel, isContactHeader, isTitle } from './headers.js'
import { CLOSE_BRACKETS, type Line, OPEN_BRACKETS, bulletEnd, rawSlice, toLine, withoutBullet } from './text.js'
import { readSectionHeader } from './sections.js'
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

/** A sentence's end (。 . ! ?), with the quotes and brackets that close around it (…ます。」, (…。)). */
const SENTENCE_END = /[。.!?][」』)\]】≫〉》>〕〗〙›"”’]*$/
/** Brackets a header or label is wrapped in: the header brackets and parentheses ((平成29年度予算額:7,133千円)). */
const LABEL_OPEN = `${OPEN_BRACKETS}(`
const LABEL_CLOSE = `${CLOSE_BRACKETS})`
/** What may stand before a bracketed label: a list number (1. (1), ① is 1 after NFKC) or a mark (※ ◎). */
const LABEL_MARK = new RegExp(`^(?:\\d{1,2}[.)]|\\(\\d{1,2}\\)|\\d{1,2}(?=${OPEN})|[※◎])\\s?`)

/**
 * A line that ends like a finished line: a sentence's end, or a line that is wholly a
 * bracketed header or label (【経営課題1 安全】, 経営課題2【市民】, (平成29年度予算額:7,133千円)).
 * A closing bracket or quote alone ends nothing: …「地域の安全」 may go on (…を守る).
 */
function isFinishedLine(line: Line): boolean {
  return isSentence(line) || isBracketedLabel(line)
}

/** A line ending like a sentence (…。, …ます。」): no header or label. */
export function isSentence(line: Line): boolean {
  return SENTENCE_END.test(line.norm)
}

/** After a bullet, a mark or a header's number, nothing but whole bracket pairs (【1-1】【title】). */
function isBracketedLabel(line: Line): boolean {
  let rest = line.norm.slice(bulletEnd(line))
  const header = ISSUE_HEADER.exec(rest) ?? INITIATIVE_HEADER.exec(rest) ?? STRATEGY_HEADER.exec(rest)
  rest = (header && !header.groups?.open ? rest.slice(header[0].length) : rest.replace(LABEL_MARK, '')).trim()
  if (rest === '') return false
  for (let at = 0; at < rest.length; at++) {
    at = pairEnd(rest, at)
    if (at < 0) return false
    // A space between two pairs (【1-1】 【title】); norm's spaces are single.
    if (rest[at + 1] === ' ') at++
  }
  return true
}

/** The index of the bracket closing the one that opens at `at` (brackets of its kind nest), or -1. */
function pairEnd(text: string, at: number): number {
  const kind = LABEL_OPEN.indexOf(text[at])
  if (kind < 0) return -1
  let depth = 0
  for (let i = at; i < text.length; i++) {
    if (text[i] === LABEL_OPEN[kind]) depth++
    else if (text[i] === LABEL_CLOSE[kind] && --depth === 0) return i
  }
  return -1
}

/**
 * The excerpt rule. A text that never reaches the contact section
 * (このページの作成者・問合せ先) may stop at any character, so its last line may
 * be cut mid-sentence. That line is read as it is only when it ends like a
 * finished line (see isFinishedLine) or is a bare label.
 * Otherwise a numbered header (経営課題N, 戦略N-M, 具体的取組N-M-K) keeps its
 * number, and its title only when the title's bracket closes on the line;
 * any other cut line is not read. Either way the line is returned, to be kept
 * in the plan's notes as published (no text is lost, none is read as if whole),
 * and a warning quotes it. A text that stops inside the contact section has its
 * last line read by the same rule, in the section's terms (see readCutContactLine).
 */
export function readCutLastLine(lines: Line[], warnings: string[]): Line | undefined {
  if (lines.length < 2) return undefined
  // The last contact section: a block above the body (a sidebar) may come first.
  const contactAt = lines.length - 1 - [...lines].reverse().findIndex(isContactHeader)
  if (contactAt < lines.length) return readCutContactLine(lines, contactAt, warnings)
  const last = lines[lines.length - 1]
  // A bullet mark alone (- at the end of a copied list) holds no text that could be cut: the body passes over it.
  if (withoutBullet(last) === '') return undefined
  // A page number may stop at any digit: as the last line it is not read (ページ番号:39726|3).
  if (!PAGE_ID.test(last.norm) && (isFinishedLine(last) || isBareLabel(last))) return undefined
  const header = numberedHeaderPrefix(last)
  if (header) {
    lines[lines.length - 1] = header
    warnings.push(`line ${last.no}: the text stops in this line, so only '${header.raw}' of it was read; the line is kept in the plan's notes as published: '${last.raw}'`)
  } else {
    lines.pop()
    warnings.push(`line ${last.no}: the text stops in this line, which may be cut mid-sentence: it is kept in the plan's notes as published, not read: '${last.raw}'`)
  }
  return last
}

/**
 * The excerpt rule inside the contact section: a text that stops there, with no page
 * furniture after the section, may stop at any character (06-6957-96|83). Its last line is
 * read only when it ends in a whole telephone number (the template's last lines are 電話 and
 * ファックス); otherwise it is not read, but returned to be kept in the notes, and a warning quotes it.
 */
function readCutContactLine(lines: Line[], contactAt: number, warnings: string[]): Line | undefined {
  const after = lines.slice(contactAt + 1)
  if (after.length === 0 || after.some((line) => endsContact(line.norm) || BOILERPLATE.test(line.norm) || endsContactBlock(line))) return undefined
  const last = lines[lines.length - 1]
  if (endsInWholePhoneNumber(last.norm)) return undefined
  lines.pop()
  warnings.push(`line ${last.no}: the text stops in this line of the contact section, which may be cut: it is kept in the plan's notes as published, not read: '${last.raw}'`)
  return last
}

/**
 * A line after which the contact section cannot go on: a section header (区の目標, …) or a
 * management issue's (経営課題1): the contact block stood above the body (a page's sidebar
 * emitted first), and the body follows.
 */
export function endsContactBlock(line: Line): boolean {
  return readSectionHeader(line) !== undefined || ISSUE_HEADER.test(line.norm.slice(bulletEnd(line))) || isTitle(line) || DATE.test(line.norm) || PAGE_ID.test(line.norm)
}

/** 06-6957-9683 (0X-XXXX-XXXX), 090-1234-5678, 0120-123-456, 06(6957)9683: ten or eleven digits, four in the last group but for free dials. */
const PHONE_AT_END = /(?<!\d)(0\d{1,4})[-(](\d{1,4})[-)](\d{3,4})$/

function endsInWholePhoneNumber(norm: string): boolean {
  const m = PHONE_AT_END.exec(norm)
  if (!m) return false
  const digits = m[1].length + m[2].length + m[3].length
  return m[3].length === 4 ? digits === 10 || digits === 11 : /^0(?:120|800)$/.test(m[1]) && digits === 10
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
