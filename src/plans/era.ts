// Japanese era years (和暦) to Western fiscal years.

const ERA_START: Record<string, number> = { 平成: 1988, 令和: 2018, H: 1988, R: 2018 }

/** An era as written before its year (on NFKC text): 平成, 令和, or their initials H, R (H29, R.5; Ｈ is H after NFKC), not inside a word. */
export const ERA = '(?:平成|令和|(?<![A-Za-z])[HR]\\.?)'
/** An era year (元 is its first) or a Western year. */
export const YEAR = '(?:元|\\d{1,4})'
/** A year given again in parentheses beside the first: (2017), (平成29), (2017年度). */
const GLOSS = `\\(\\s?(?:${ERA}\\s?)?${YEAR}\\s?(?:年度?)?\\s?\\)`
/**
 * A fiscal year as a title or label writes it (a pattern's source, without groups):
 * 平成29年度, 令和元年度, H29年度, R5年度, 2019年度, 25年度, and with the year given
 * twice: 2017(平成29)年度, 平成29(2017)年度, 平成29年度(2017年度). See fiscalYearOf.
 */
export const FISCAL_YEAR_TEXT = `(?:${ERA}\\s?)?${YEAR}\\s?(?:${GLOSS}\\s?)?年度(?:\\s?${GLOSS})?`

/** The fiscal years a plan or a budget line may have: those the API can be asked for (平成元年度, 1989, to 2100). */
export const MIN_FISCAL_YEAR = 1989
export const MAX_FISCAL_YEAR = 2100

/** True for a year from MIN_FISCAL_YEAR to MAX_FISCAL_YEAR (NaN, no year, is none). */
export function isFiscalYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_FISCAL_YEAR && year <= MAX_FISCAL_YEAR
}

/**
 * The Western year of `平成29`, `H29`, `令和元`, `2019`, or a short form without
 * the era (`25年度`, `2年度`). Plans exist from FY2013 (平成25) on, so a short
 * year of 25 or more is 平成 and a smaller one 令和; this also reads 平成31
 * and 令和元 as the same year, 2019. NaN for what names no year: an era's year 0
 * (its first is 元 or 1) or of three digits or more (平成100), and a short year of
 * three digits or a four-digit one before 1900 (100年度 is neither an era's year nor a Western one).
 */
export function westernYear(era: string | undefined, year: string): number {
  const n = year === '元' ? 1 : Number.parseInt(year, 10)
  if (era) return n >= 1 && n <= 99 ? ERA_START[era[0] === 'H' || era[0] === 'R' ? era[0] : era] + n : Number.NaN
  if (n >= 1900) return n
  if (n < 1 || n > 99) return Number.NaN
  return n >= 25 ? ERA_START.平成 + n : ERA_START.令和 + n
}

const ERA_YEAR = new RegExp(`(?:(?<era>${ERA})\\s?)?(?<year>${YEAR})`, 'g')

/**
 * The fiscal year of a text matching FISCAL_YEAR_TEXT: the year written first (2017 of
 * 2017(平成29)年度, 2017 of 平成29(2017)年度), and the one given beside it in parentheses,
 * if any, so that a caller can say when the two disagree.
 */
export function fiscalYearOf(text: string): { year: number; beside: number | null } {
  const [first, second] = [...text.matchAll(ERA_YEAR)].map((m) => westernYear(m.groups!.era, m.groups!.year))
  return { year: first, beside: second ?? null }
}

/** A fiscal year anywhere in a text (NFKC): 平成29年度, 令和元年度, R5年度, 2019年度, 25年度, 2017(平成29)年度. */
export const FISCAL_YEAR = new RegExp(FISCAL_YEAR_TEXT)
