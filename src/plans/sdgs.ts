// SDGs lines of an issue or strategy: 関連するSDGs 11住み続けられるまちづくりを,
// or a 主なSDGsゴール label followed by lines such as 「3 すべての人に健康と福祉を」.
// The 17 goals' names hold no digits, so every number from 1 to 17 is a goal.

/**
 * An SDGs label (関連するSDGs, 主なSDGsゴール, SDGsの目標), matched on the unwrapped
 * NFKC text; goals may follow on the same line. Sentences about SDGs
 * (SDGsの視点にもとづく…) are not labels.
 */
export const SDG_LABEL = /^(?:(?:関連する|主な)SDGs(?:の?ゴール|の?目標)?|SDGs(?:の?ゴール|の?目標))(?=$|[\s\d::、,(】])/

/** The goal numbers (1–17) in an SDGs text, in published order, without repeats. */
export function sdgNumbers(norm: string): number[] {
  const goals: number[] = []
  for (const m of norm.matchAll(/\d+/g)) {
    const n = Number(m[0])
    if (n >= 1 && n <= 17 && !goals.includes(n)) goals.push(n)
  }
  return goals
}

/** The first characters of the 17 goals' Japanese names (UN reference data, not plan data). */
const GOAL_NAME_STARTS = ['貧困', '飢餓', 'すべ', '質の', 'ジェ', '安全', 'エネ', '働き', '産業', '人や', '住み', 'つく', '気候', '海の', '陸の', '平和', 'パー']

/**
 * A line under an SDGs label that names one goal: its number alone
 * (`ゴール11`) or followed by that goal's name (`3 すべての人に健康と福祉を`).
 * Other lines starting with a number (`1. …`, `3つの柱…`) are not goals.
 */
export function isSdgGoalLine(norm: string): boolean {
  const m = /^(?:ゴール|目標)?\s*(\d{1,2})(?![\d.\-])\s*(.*)$/.exec(norm)
  if (!m) return false
  const goal = Number(m[1])
  if (goal < 1 || goal > 17) return false
  return m[2] === '' || m[2].replace(/\s/g, '').startsWith(GOAL_NAME_STARTS[goal - 1])
}
