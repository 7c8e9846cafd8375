// 予算額: reading the yen amounts of budget lines in all their published forms:
// (7,133千円), 〔25予算額 29,474 千円〕, (7年度予算額65百万円), 6千2百万円, -円.
import { FISCAL_YEAR, westernYear } from './era.js'

/** "-円": a budget line with no amount, which is not zero. */
const NO_AMOUNT = /(?:^|[^\d])[-−‐―ー–—]+\s*円/
const AMOUNT = /\d[\d,.\s億万千百十]*円/
const STANDALONE_AMOUNT = /^[(\[〔]?\s*(?:[-−‐―ー–—]+|\d[\d,.\s億万千百十]*)\s*円\s*[)\]〕]?$/

/** True for a line that states an initiative's budget. */
export function isBudgetLine(norm: string): boolean {
  return (norm.includes('予算額') && (AMOUNT.test(norm) || NO_AMOUNT.test(norm))) || STANDALONE_AMOUNT.test(norm)
}

/**
 * The amount in yen of a budget text (NFKC). null for "-円"; undefined when
 * the text holds no amount that can be read.
 */
export function readYen(norm: string): number | null | undefined {
  const amount = AMOUNT.exec(norm)
  if (amount) return parseJapaneseAmount(amount[0].replace(/円$/, ''))
  if (NO_AMOUNT.test(norm)) return null
  return undefined
}

/** 6千2百万 -> 62000000, 7,133千 -> 7133000, 1.5億 -> 150000000. */
export function parseJapaneseAmount(text: string): number | undefined {
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
  // Beyond 2^53 yen the amount cannot be held exactly: not an amount we can read.
  return Number.isSafeInteger(yen) ? yen : undefined
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

/** The fiscal year a budget text names (平成29年度予算額, 25予算額, 7年度予算額), if any. */
export function budgetFiscalYear(norm: string): number | undefined {
  const beforeBudget = /(?:(?<era>平成|令和)\s*)?(?<year>元|\d{1,4})\s*(?:年度)?\s*予算額/.exec(norm)
  if (beforeBudget?.groups) return westernYear(beforeBudget.groups.era, beforeBudget.groups.year)
  const anyYear = FISCAL_YEAR.exec(norm)
  if (anyYear?.groups) return westernYear(anyYear.groups.era, anyYear.groups.year)
  return undefined
}
