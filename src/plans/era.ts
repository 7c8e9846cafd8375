// Japanese era years (和暦) to Western fiscal years.

const ERA_START: Record<string, number> = { 平成: 1988, 令和: 2018 }

/**
 * The Western year of `平成29`, `令和元`, `2019`, or a short form without
 * the era (`25年度`, `2年度`). Plans exist from FY2013 (平成25) on, so a short
 * year of 25 or more is 平成 and a smaller one 令和; this also reads 平成31
 * and 令和元 as the same year, 2019.
 */
export function westernYear(era: string | undefined, year: string): number {
  const n = year === '元' ? 1 : Number.parseInt(year, 10)
  if (era) return ERA_START[era] + n
  if (n >= 1900) return n
  return n >= 25 ? ERA_START.平成 + n : ERA_START.令和 + n
}

/** Matches 平成29年度, 令和元年度, 2019年度, 25年度 (on NFKC text). */
export const FISCAL_YEAR = /(?:(?<era>平成|令和)\s*)?(?<year>元|\d{1,4})\s*年度/
