// 予算額: reading the yen amounts of budget lines in all their published forms:
// (7,133千円), 〔25予算額 29,474 千円〕, (7年度予算額65百万円), 6千2百万円, -円.
import { ERA, FISCAL_YEAR, FISCAL_YEAR_TEXT, YEAR, fiscalYearOf, westernYear } from './era.js'

/** Any dash, which "-円" may be written with (the line is NFKC, its spaces single). */
export const DASH = '\\-\\u2010-\\u2015\\u2212\\u30fc\\ufe58\\ufe63\\uff70'
const DASHES = new RegExp(`^[${DASH}]+$`)
const AMOUNT_CHAR = /[\d,.\s億万千百十]/
/**
 * Remarks after an amount, as a pattern's source: a ※ note to the line's end (※補正予算を含む), or a
 * bracket of a part or of what is in or out ((うち国費1,000千円), (補正予算を含む), (見込)). See withoutRemark.
 */
const REMARKS = `(?:\\s?\\((?=うち|内|[^()]*(?:含む|除く|見込|再掲|補正))[^()]*\\))*(?:\\s?※[^※]*)?`
const STANDALONE_AMOUNT = new RegExp(`^[(\\[〔]?\\s?(?:[${DASH}]+|(?:約\\s?)?\\d[\\d,.\\s億万千百十]*)\\s?円${REMARKS}(?:\\s?[)\\]〕]${REMARKS})?$`)
/** 予算額 and an amount without 円 at the end of the line (予算額 7,133千), or none (予算額:なし, 予算額:-). */
const LABELLED_AMOUNT = new RegExp(`予算額\\s?[::]?\\s?(?<amount>なし|無し|[${DASH}]+|\\d[\\d,.\\s億万千百十]*[千万億])\\s?[)\\]〕]?$`)
/** A line that is a budget by its label (〔平成29年度予算額:再掲〕), whatever follows: what is not read is warned about. */
const BUDGET_LABEL = new RegExp(`^[(\\[〔]?\\s?(?:${FISCAL_YEAR_TEXT})?\\s?(?:当初)?予算額\\s?:`)
/**
 * Before an amount, what makes it unreadable: a sign (▲ △ for a decrease), a digit cut off by
 * a 、 (7、133千円), or the start of a range (7,000~7,500千円), whose end alone is no amount.
 */
const SIGN_OR_CUT = /(?:[▲△▼\u2212~〜]|\d[、])\s?$/
/** After an amount's 円, the rest of a range (7,000千円~7,500千円): neither end is the amount. */
const RANGE_AFTER = /^\s?[~〜]/
/** After an amount's 円, what makes it a part of the amount that follows (国費3,000千円を含む7,133千円). */
const PART_AFTER = /^\s?(?:を含む|含む)/

/**
 * An amount ending a title: in brackets (地域活動の支援(77,800千円), 訓練(平成29年度予算額:7,133千円),
 * 訓練(-円), 訓練(約1,000千円)), or after a space with its label (訓練 予算額 7,133千円, 訓練 令和5年度予算額:5千万円).
 */
const TITLE_AMOUNT = new RegExp(
  `\\s?[(〔\\[](?:[^()〔〕\\[\\]]*予算額[^()〔〕\\[\\]]*|(?:約\\s?)?(?:\\d[\\d,.\\s億万千百十]*|[${DASH}]+)\\s?[千万億百]*円(?:\\s?※[^()〔〕\\[\\]]*)?)[)〕\\]]$|\\s(?:${FISCAL_YEAR_TEXT}\\s?)?予算額\\s?:?\\s?(?:約\\s?)?(?:\\d[\\d,.\\s億万千百十]*|[${DASH}]+)\\s?円$`,
)

/** Where the amount ending a title (see TITLE_AMOUNT) begins in its text (NFKC), if it ends in one. */
export function titleAmountAt(norm: string): number | undefined {
  return TITLE_AMOUNT.exec(norm)?.index
}

/** True for a line that states an initiative's budget. */
export function isBudgetLine(norm: string): boolean {
  return (norm.includes('予算額') && (yenSpan(norm) !== undefined || LABELLED_AMOUNT.test(norm) || BUDGET_LABEL.test(norm))) || STANDALONE_AMOUNT.test(norm)
}

/**
 * Where a remark after an amount may begin: a ※ note (※補正予算を含む, ※1), a bracket of a
 * part or of what is in or out ((うち国費1,000千円), (補正予算を含む), (人件費を除く)), or うち
 * after a space (7,133千円 うち国費3,000千円).
 */
const REMARK = /※|[(\[〔【]\s?(?:うち|内訳|内\s?\d)|[(\[〔【][^()[\]〔〕【】]*(?:含む|除く)\s?[)\]〕】]|\sうち/g
/**
 * A remark standing alone on a line (NFKC, after its bullet), as the line after a budget line may carry
 * it: a ※ note (※補正予算を含む), a bracket wholly of a note, a part or of what is in or out ((※再掲),
 * (うち国庫補助 500千円), (補正予算を含む), (人件費を除く), (見込), 【再掲】), or うち and an amount (うち国費 500千円).
 * The remarks REMARK and REMARKS read after an amount on its line.
 */
const REMARK_LINE = /^(?:※.*|[(\[〔【](?=\s?(?:※|うち|内訳|内\s?\d)|[^()[\]〔〕【】]*(?:含む|除く|見込|再掲|補正))[^()[\]〔〕【】]*[)\]〕】]|うち\s?[^\d\s。]{0,20}\s?:?\s?\d[\d,.\s億万千百十]*\s?円)$/

/** True for a line (NFKC, after its bullet) that is a remark alone (see REMARK_LINE). */
export function isRemarkLine(norm: string): boolean {
  return REMARK_LINE.test(norm)
}

/**
 * An amount in a text (AMOUNT_ANYWHERE, or AMOUNT_AT_END at its end): digits before a 円 (or before 千/万/億 at its end), a dash amount, or none (なし).
 * Each run of digits or dashes is tried from its first character only, so a long run costs one pass.
 */
const RUN_START = `(?<![\\d,.億万千百十]|[\\d,.億万千百十]\\s)`
const AMOUNT_ANYWHERE = new RegExp(`${RUN_START}\\d[\\d,.\\s億万千百十]*\\s?円|(?<![${DASH}])[${DASH}]+\\s?円|なし|無し`)
/** An amount at a text's end that has no 円: digits before 千/万/億 (予算額 7,133千), or a dash alone. */
const AMOUNT_AT_END = new RegExp(`${RUN_START}\\d[\\d,.]*\\s?[千万億]$|(?:^|[\\s:])[${DASH}]+$`)
/** Where an amount ends, to look for a remark after it: as AMOUNT_ANYWHERE and AMOUNT_AT_END, an amount without 円 or a dash alone before a space, a remark or the end. */
const AMOUNT_END = new RegExp(`${RUN_START}\\d[\\d,.\\s億万千百十]*\\s?円|${RUN_START}\\d[\\d,.]*\\s?[千万億](?=\\s|※|[(\\[〔【]|$)|(?<![${DASH}])[${DASH}]+\\s?円|(?:^|[\\s:])[${DASH}]+(?=\\s|※|[(\\[〔【]|$)|なし|無し`)

/**
 * A budget text without the remark after its amount (7,133千円 ※補正予算を含む, 5千万円(うち国費1千万円)):
 * a remark, whatever amounts it names, never changes the amount read, and the budget's text keeps it.
 * A remark before any amount (※再掲 7,133千円) follows none: the text is read whole.
 */
export function withoutRemark(norm: string): string {
  const amount = AMOUNT_END.exec(norm)
  if (!amount) return norm
  const remark = new RegExp(REMARK.source, 'g')
  remark.lastIndex = amount.index + amount[0].length
  const m = remark.exec(norm)
  return m ? norm.slice(0, m.index).trimEnd() : norm
}

/**
 * The amount in yen of a budget text (NFKC). null for "-円" (and 予算額:なし); undefined when
 * the text holds no amount that can be read. A remark after the amount is not read (see withoutRemark).
 */
export function readYen(text: string): number | null | undefined {
  const norm = withoutRemark(text)
  // The amount after the 予算額 label, when there is one: not a 決算額 or another amount before it.
  const label = norm.lastIndexOf('予算額')
  const span = (label >= 0 ? yenSpan(norm, label) : undefined) ?? yenSpan(norm)
  const labelled = span === undefined ? LABELLED_AMOUNT.exec(norm)?.groups?.amount : undefined
  if (labelled !== undefined) return /^\d/.test(labelled) ? parseJapaneseAmount(labelled) : null
  if (span === undefined) return undefined
  if (span.amount === null) return null
  return SIGN_OR_CUT.test(norm.slice(0, span.start)) || RANGE_AFTER.test(norm.slice(span.end)) ? undefined : parseJapaneseAmount(span.amount)
}

/**
 * The first amount before a 円 from `from` on: its digits (from the first digit of the run of
 * amount characters before the 円), or null for a run of dashes ("-円", not after a digit); an
 * amount that is a part of the next (…を含む) is passed over. `end` is just after its 円.
 * Each 円 is looked back from once, over characters no other 円 looks at: linear in the text.
 */
function yenSpan(norm: string, from = 0): { amount: string | null; start: number; end: number } | undefined {
  for (let yen = norm.indexOf('円', from); yen >= 0; yen = norm.indexOf('円', yen + 1)) {
    let start = yen
    while (start > 0 && AMOUNT_CHAR.test(norm[start - 1])) start--
    const digit = norm.slice(start, yen).search(/\d/)
    if (digit >= 0 && PART_AFTER.test(norm.slice(yen + 1, yen + 8))) continue
    if (digit >= 0) return { amount: norm.slice(start + digit, yen), start: start + digit, end: yen + 1 }
    // -円, - 円, -千円: dashes before the run of units and spaces before the 円.
    let dashEnd = start
    if (dashEnd > 0 && /\s/.test(norm[dashEnd - 1])) dashEnd--
    let dashStart = dashEnd
    while (dashStart > 0 && DASHES.test(norm[dashStart - 1])) dashStart--
    if (dashStart < dashEnd && (dashStart === 0 || !/\d/.test(norm[dashStart - 1]))) return { amount: null, start: dashStart, end: yen + 1 }
  }
  return undefined
}

/**
 * The largest amount a budget line, or a plan's lines together, may hold: 10^15 yen (1,000兆円, some
 * ten times Japan's national budget; Osaka City's is about 2兆円). Sums over every plan stay exact and
 * far below SQLite's integer range: an amount of 5×10^18 yen in two lines made sum() overflow, and
 * every budget total, /v1/meta and the landing page answered 500 until the plan was deleted. The
 * importer refuses a document over it; the parser reads no amount over it (see parseJapaneseAmount).
 */
export const MAX_BUDGET_YEN = 1e15

/** 6千2百万 -> 62000000, 7,133千 -> 7133000, 1.5億 -> 150000000; undefined over MAX_BUDGET_YEN. */
export function parseJapaneseAmount(text: string): number | undefined {
  // Commas group thousands: 7,133 and 1,234,567, not 7,13 (a digit lost) nor 71,33.
  if (/\d,/.test(text) && text.split(/[^\d,]+/).some((run) => run.includes(',') && !/^\d{1,3}(?:,\d{3})+$/.test(run))) return undefined
  let rest = text.replace(/[,\s]/g, '')
  let total = 0
  for (const [unit, scale] of [['億', 1e8], ['万', 1e4]] as const) {
    const at = rest.indexOf(unit)
    if (at < 0) continue
    const part = parseBelowTenThousand(rest.slice(0, at))
    if (part === undefined) return undefined
    total += part * scale
    rest = rest.slice(at + 1)
  }
  if (rest !== '') {
    const part = parseBelowTenThousand(rest)
    if (part === undefined) return undefined
    total += part
  }
  const yen = Math.round(total)
  // Beyond 2^53 yen the amount cannot be held exactly, and beyond 10^15 no import takes it: not an amount we can read.
  return Number.isSafeInteger(yen) && yen <= MAX_BUDGET_YEN ? yen : undefined
}

const SMALL = /^(?:(\d+(?:\.\d+)?)?千)?(?:(\d+(?:\.\d+)?)?百)?(?:(\d+(?:\.\d+)?)?十)?(\d+(?:\.\d+)?)?$/

function parseBelowTenThousand(text: string): number | undefined {
  if (text === '') return undefined
  const m = SMALL.exec(text)
  if (!m) return undefined
  const [, thousands, hundreds, tens, ones] = m
  const unit = (digits: string | undefined, present: boolean) => (digits !== undefined ? Number(digits) : present ? 1 : 0)
  return (
    unit(thousands, text.includes('千')) * 1000 +
    unit(hundreds, text.includes('百')) * 100 +
    unit(tens, text.includes('十')) * 10 +
    (ones !== undefined ? Number(ones) : 0)
  )
}

/** An amount written as approximate: 約7千万円, 概ね5千万円, 7千万円程度 (its figure rounded, not the budget's exact yen). */
const APPROXIMATE = /(?:約|概ね|おおむね|およそ)\s?\d|\d[\d,.\s億万千百十]*\s?円\s?(?:程度|前後|余り)|概算/

/** True for a budget text (NFKC) whose amount is written as approximate (約7千万円); a remark's figures ((うち約1千万円)) are not its amount. */
export function isApproximate(norm: string): boolean {
  return APPROXIMATE.test(withoutRemark(norm))
}

/** A year's budget label, with its year: 平成29年度予算額, R5年度予算額, 25予算額. */
const BUDGET_YEAR = new RegExp(`(?:(?<era>${ERA})\\s?)?(?<year>${YEAR})\\s?(?:年度)?\\s?予算額`)
/** A budget label, with the year before it or not (平成29年度予算額, 予算額), where a year's part of a line may begin. */
const BUDGET_LABELS = new RegExp(`(?:[(\\[〔【]\\s?)?(?:(?:${ERA}\\s?)?${YEAR}\\s?(?:年度)?\\s?)?(?:当初)?予算額`, 'g')
/**
 * A fiscal year with its amount after it and no label of its own: a year's part of a line whose label
 * is given once (予算額 令和5年度:5千万円 令和4年度:4千万円, 5千万円(令和4年度 4千万円)).
 */
const YEAR_BEFORE_AMOUNT = `(?:[(\\[〔【]\\s?)?(?:${FISCAL_YEAR_TEXT})\\s?[)\\]〕】]?\\s?[::]?\\s?`
const YEAR_AMOUNT = new RegExp(`${YEAR_BEFORE_AMOUNT}(?=(?:約\\s?)?(?:\\d[\\d,.\\s億万千百十]*\\s?円|[${DASH}]+(?:\\s?円|\\s?[)\\]〕】、,/]|\\s|$)))`, 'g')
const YEAR_AMOUNT_AT = new RegExp(`^${YEAR_BEFORE_AMOUNT}`)
/** An open bracket of a part ((うち …), which a close bracket ends: inside it is a remark after an amount. */
const REMARK_OPEN = /[(\[〔【]\s?(?:うち|内)/g
const REMARK_CLOSE = /[)\]〕】]/
/** What yearPartStarts strips from a part's end before looking for an amount there. */
const PART_SEPARATOR = /[\s、,/(\[〔【]/

/**
 * What the text of a part holds so far, read a stretch at a time (each stretch ends where a mark
 * begins): an amount (AMOUNT_ANYWHERE's, or AMOUNT_AT_END's at its end), and whether its end is inside a remark (a ※ note, or an open
 * bracket of a part, (うち…, not closed). No amount, remark or bracket of a part crosses a mark's start
 * (a mark begins with a bracket, an era or a year's digits and holds 予算額 or 年度), so each stretch is
 * read once: a line of a hundred thousand labels with no amount between them costs one pass, not one
 * per label over all the text before it.
 */
class PartText {
  private amount = false
  private note = false
  private openRemark = false

  constructor(private readonly norm: string) {}

  /** Adds norm[from, to) to the part; true when the part up to `to` holds an amount and does not end inside a remark. */
  add(from: number, to: number): boolean {
    const stretch = this.norm.slice(from, to)
    if (!this.amount) this.amount = AMOUNT_ANYWHERE.test(stretch)
    this.note ||= stretch.includes('※')
    let lastClose = stretch.length - 1
    while (lastClose >= 0 && !REMARK_CLOSE.test(stretch[lastClose])) lastClose--
    let openAfterClose = false
    for (const m of stretch.matchAll(REMARK_OPEN)) if (m.index! > lastClose) openAfterClose = true
    this.openRemark = lastClose >= 0 ? openAfterClose : this.openRemark || openAfterClose
    // An amount without 円 ends the part, before any separator (、 , / or an opening bracket) at its end.
    let end = stretch.length
    while (end > 0 && PART_SEPARATOR.test(stretch[end - 1])) end--
    const holdsAmount = this.amount || AMOUNT_AT_END.test(stretch.slice(0, end))
    return holdsAmount && !this.note && !this.openRemark
  }
}

/**
 * Where each year's part of a budget line begins: at each label (`labels`, global) and at each
 * fiscal year followed by its amount (YEAR_AMOUNT) once the part before holds an amount (so 令和5年度
 * in 予算額 令和5年度:5千万円 is the label's year), never inside a remark after an amount
 * (※…, (うち…)). Each start says whether a label begins the part.
 */
function yearPartStarts(norm: string, labels: RegExp): { at: number; labelled: boolean }[] {
  const marks = [
    ...[...norm.matchAll(labels)].map((m) => ({ at: m.index!, end: m.index! + m[0].length, labelled: true })),
    ...[...norm.matchAll(YEAR_AMOUNT)].map((m) => ({ at: m.index!, end: m.index! + m[0].length, labelled: false })),
  ].sort((a, b) => a.at - b.at || Number(b.labelled) - Number(a.labelled))
  const starts: { at: number; labelled: boolean }[] = []
  let covered = 0
  let part: PartText | undefined
  let readTo = 0
  for (const mark of marks) {
    if (mark.at < covered) continue
    const endsPart = part?.add(readTo, mark.at)
    readTo = mark.at
    if (part && !endsPart) {
      // The year of the label before it (予算額 令和5年度:…), or a figure of a remark: no part of its own.
      if (!mark.labelled) covered = mark.end
      continue
    }
    starts.push({ at: mark.at, labelled: mark.labelled })
    part = new PartText(norm)
    covered = mark.end
  }
  return starts
}

/** The [start, end) of each part, the separator between two (、 , /) no part's text. */
function partSpans(norm: string, starts: number[]): [number, number][] {
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? norm.length
    return [start, end - (/[、,/]\s?$/.exec(norm.slice(start, end))?.[0].length ?? 0)]
  })
}

/**
 * A budget text naming several years' amounts on one line, cut into one text per year: each after
 * a label of its year (平成28年度予算額:6,000千円 平成29年度予算額:7,133千円) or after its year, the
 * label given once (予算額 平成28年度:6,000千円、平成29年度:7,133千円); a text naming one (or none) is itself.
 */
export function budgetTextsByYear(norm: string): string[] {
  const starts = yearPartStarts(norm, BUDGET_LABELS).map((start) => start.at)
  if (starts.length < 2) return [norm]
  starts[0] = 0
  return partSpans(norm, starts).map(([start, end]) => norm.slice(start, end).trim())
}

/** The fiscal year a budget text names (平成29年度予算額, 25予算額, 7年度予算額), if any. */
export function budgetFiscalYear(norm: string): number | undefined {
  const beforeBudget = BUDGET_YEAR.exec(norm)
  if (beforeBudget?.groups) return westernYear(beforeBudget.groups.era, beforeBudget.groups.year)
  const anyYear = FISCAL_YEAR.exec(norm)
  return anyYear ? fiscalYearOf(anyYear[0]).year : undefined
}

/**
 * An issue's budget line (FY2023 on), as a line of its own: a label (令和5年度予算額, 予算額(令和5年度), 【令和5年度予算額】,
 * 令和5年度予算, 決算額, 予算額(見込)) and an amount as initiatives' budgets write it (5千4百万円,
 * 約5千4百万円, -円, ― or - alone), with remarks after it (※, (見込), (うち国費1千万円)).
 */
const ISSUE_BUDGET_LABEL = new RegExp(`^(?:[・•\\-]\\s?)?[(\\[〔【]?\\s?(?:${FISCAL_YEAR_TEXT}\\s?)?(?:当初)?(?:予算額?|決算額)(?:\\s?\\([^()]{1,16}\\))?(?:\\s?[)\\]〕】](?=\\s?[^\\s)\\]〕】]))?\\s?[::]?\\s?(?:${FISCAL_YEAR_TEXT}\\s?[::]?\\s?)?`)
const ISSUE_BUDGET_AMOUNT = new RegExp(`^(?:約\\s?)?(?:(?<digits>\\d[\\d,.\\s億万千百十]*\\s?円)|(?<dashes>[${DASH}]+)\\s?円?)(?:\\s?(?:※.*|\\([^()]*\\)|程度|うち.*))*\\s?[)\\]〕]?$`)

/** The amount of an issue's budget line (null for -円 or a dash alone; undefined when it cannot be read), or undefined for a line that is none. */
export function issueBudgetOf(norm: string): { amountYen: number | null | undefined } | undefined {
  const label = ISSUE_BUDGET_LABEL.exec(norm)
  if (!label) return undefined
  const amount = ISSUE_BUDGET_AMOUNT.exec(norm.slice(label[0].length))?.groups
  if (!amount) return undefined
  return { amountYen: amount.dashes !== undefined ? null : readYen(amount.digits) }
}

/** Where each budget or settlement label begins in a line (令和5年度予算額 … 令和4年度決算額 …), the bracket opening it with it. */
const ISSUE_BUDGET_LABELS = new RegExp(`(?:[(\\[〔【]\\s?)?(?:(?:${ERA}\\s?)?${YEAR}\\s?(?:年度)?\\s?)?(?:当初)?(?:予算額?|決算額)`, 'g')

/** One budget line of an issue, or one part of a line naming several: its span, its kind and its amount. */
export interface IssueBudgetPart {
  start: number
  end: number
  kind: 'budget' | 'settlement'
  amountYen: number | null | undefined
}

/** The kind of a budget text by its label: 決算額 (settlement, what was spent) or 予算額. */
function kindOf(norm: string): IssueBudgetPart['kind'] {
  return /決算額/.test(norm) ? 'settlement' : 'budget'
}

/**
 * An issue's budget line naming several amounts (令和5年度予算額 5千万円 令和4年度決算額 4千万円,
 * 令和5年度予算額 5千万円(令和4年度予算額 4千万円), and with the label given once, 予算額 令和5年度:5千万円、
 * 令和4年度:4千万円): its parts, in order and together the whole line but for a 、 between two, each
 * read as a budget of its own, a part after its year alone of the kind of the label before it;
 * undefined for any other line, and for one whose parts do not all read.
 */
export function issueBudgetParts(norm: string): IssueBudgetPart[] | undefined {
  const starts = yearPartStarts(norm, ISSUE_BUDGET_LABELS)
  if (starts.length < 2 || !starts[0].labelled || !/^(?:[・•\-]\s?)?$/.test(norm.slice(0, starts[0].at))) return undefined
  const parts: IssueBudgetPart[] = []
  for (const [i, [start, end]] of partSpans(norm, starts.map((s, i) => (i === 0 ? 0 : s.at))).entries()) {
    const text = norm.slice(start, end).trim()
    const labelled = starts[i].labelled
    const amount = labelled ? issueBudgetOf(text) : yearAmountOf(text)
    if (!amount) return undefined
    parts.push({ start, end, kind: labelled ? kindOf(text) : parts[i - 1].kind, amountYen: amount.amountYen })
  }
  return parts
}

/** A year and its amount, its label given before it (令和4年度:4千万円, (令和4年度 4千万円)): its amount, as issueBudgetOf's. */
function yearAmountOf(norm: string): { amountYen: number | null | undefined } | undefined {
  const year = YEAR_AMOUNT_AT.exec(norm)
  const amount = year ? ISSUE_BUDGET_AMOUNT.exec(norm.slice(year[0].length))?.groups : undefined
  if (!amount) return undefined
  return { amountYen: amount.dashes !== undefined ? null : readYen(amount.digits) }
}

/** A line led by an issue budget's label with an amount in it that issueBudgetOf cannot read whole (two years' amounts, a note around it). */
export function looksLikeIssueBudget(norm: string): boolean {
  const label = ISSUE_BUDGET_LABEL.exec(norm)
  if (!label || /。$/.test(norm)) return false
  const rest = norm.slice(label[0].length)
  return /^(?:約\s?)?\d/.test(rest) && /\d[\d,.\s億万千百十]*\s?円/.test(rest) && issueBudgetOf(norm) === undefined
}
