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

/**
 * A line under an SDGs label that names one goal: its number, then maybe its
 * name (`3 すべての人に健康と福祉を`, `ゴール11`). Numbered list items
 * (`1. …`, `1-1 …`) and lines holding other numbers are not goals.
 */
export function isSdgGoalLine(norm: string): boolean {
  const m = /^(?:ゴール|目標)?\s*(\d{1,2})(?![\d.\-])\s*(\D{0,40})$/.exec(norm)
  return !!m && Number(m[1]) >= 1 && Number(m[1]) <= 17
}
