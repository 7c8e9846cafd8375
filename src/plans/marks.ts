// Marks, list numbers and brackets around the template's headers, as pages write them: read
// past to find the header (・具体的取組1-1-1, (1)経営課題1, 「経営課題1 …」), or dropped from a title
// where they are structure (a list's number, an amount ending an initiative's title).
import { titleAmountAt } from './budget.js'
import { INITIATIVE_HEADER, ISSUE_HEADER, OPEN, STRATEGY_HEADER, sectionNumber } from './headers.js'
import { CLOSE_BRACKETS, type Line, OPEN_BRACKETS, bulletEnd, rawSlice, toLine } from './text.js'

/** A bullet or mark (・ ■ ◎ ※ …) before an unbracketed header's keyword. */
const MARK = '[・•◆◇○●◎■□▪▶►※★☆]'
/** The keyword an unbracketed numbered header begins with (経営課題1, 戦略1-1, 具体的取組1-1-1, 主要な取組1-1-1). */
const KEYWORD = '(?:主要な|主な)?(?:経営課題|戦略|具体的な?取|取り?組)'

/**
 * A mark or a list number before a bracketed numbered header (・【経営課題1】, ※【戦略1-1】,
 * 1. 【戦略1-1】 from an <ol>, ①【具体的取組1-1-1】, 主な戦略【戦略1-1】): the header is read
 * after it. Only a header is read so: a point such as ※【注】… keeps its mark.
 * The line stays as published; only its matching form is cut.
 */
const LIST_MARK = new RegExp(
  `^(?:(?:\\d{1,2}[.)]|\\(\\d{1,2}\\)|\\d{1,2}(?=${OPEN})|(?:(?!${OPEN})[^\\s\\d]){1,4})\\s?(?=${OPEN})|(?:${MARK}|\\d{1,2}[.)]?|\\(\\d{1,2}\\))\\s?(?=${KEYWORD}))`,
)

export function withoutListMark(published: Line): Line {
  const line = quotedIssueHeader(published) ?? published
  const mark = LIST_MARK.exec(line.norm)
  if (!mark) return line
  const rest = { ...line, norm: line.norm.slice(mark[0].length), map: line.map.slice(mark[0].length) }
  return ISSUE_HEADER.test(rest.norm) || INITIATIVE_HEADER.test(rest.norm) || STRATEGY_HEADER.test(rest.norm) ? rest : line
}

/** (経営課題1 安全), 「経営課題1 安全」, 『…』 as a whole line: read as 【経営課題1 安全】 (its matching form only; the published line stays). */
const QUOTED_ISSUE = /^(?:\(\s?経営課題[^()]*\)|「\s?経営課題[^「」]*」|『\s?経営課題[^『』]*』)$/

function quotedIssueHeader(line: Line): Line | undefined {
  if (!QUOTED_ISSUE.test(line.norm)) return undefined
  const norm = `【${line.norm.slice(1, -1)}】`
  return ISSUE_HEADER.test(norm) ? { ...line, norm } : undefined
}

export function startsIssuesPart(published: Line): boolean {
  const line = withoutListMark(published)
  return ISSUE_HEADER.test(line.norm) || !!STRATEGY_HEADER.exec(line.norm)?.groups?.kw || !!INITIATIVE_HEADER.exec(line.norm)?.groups?.kw
}

/** An initiative's title as published and the amount ending it (訓練(7,133千円)), as a budget line of its own. */
export function titleAndAmount(no: number, published: string | null): { title: string | null; amount?: Line } {
  if (published === null) return { title: null }
  const text = toLine(no, published)
  const at = titleAmountAt(text.norm)
  if (at === undefined || at === 0) return { title: published }
  return { title: rawSlice(text, 0, at), amount: toLine(no, rawSlice(text, at)) }
}

/** A line wholly in one pair of header brackets: 【多文化共生】, ［多文化共生］ ([…] after NFKC), 〔…〕, ≪…≫. */
export function isHeading(line: Line): boolean {
  const kind = OPEN_BRACKETS.indexOf(line.norm[0])
  if (kind < 0 || line.norm.length < 3 || !line.norm.endsWith(CLOSE_BRACKETS[kind])) return false
  const inside = line.norm.slice(1, -1)
  return !inside.includes(OPEN_BRACKETS[kind]) && !inside.includes(CLOSE_BRACKETS[kind])
}

/**
 * An unnumbered strategy's text without the list number that numbered it (1. 子どもが… as the
 * list's first): structure, as a bullet is. undefined when the line has no list number of `n`.
 */
export function withoutListNumber(line: Line, n: number): string | undefined {
  const from = bulletEnd(line)
  // ①子どもが… (1 after NFKC, with no mark after it).
  const circled = line.raw.codePointAt(line.map[from]) ?? 0
  if (circled >= 0x2460 && circled <= 0x2473) {
    const digits = /^\d{1,2}\s?/.exec(line.norm.slice(from))
    const text = digits && circled - 0x2460 + 1 === n ? rawSlice(line, from + digits[0].length) : ''
    return text === '' ? undefined : text
  }
  const number = sectionNumber(line.norm.slice(from))
  if (number?.n !== n || number.form.startsWith('I') || number.form.startsWith('第')) return undefined
  const m = /^(?:\d{1,2}\s?[.)、]?|\(\d{1,2}\)|[一二三四五六七八九十]{1,3}\s?[.)、]?)\s?/.exec(line.norm.slice(from))
  const text = m ? rawSlice(line, from + m[0].length) : ''
  return text === '' ? undefined : text
}
