// Section headers (区の目標, 区の使命, 区運営の基本的な考え方, 重点的に取り組む経営課題,
// 市政改革プラン…に基づく取組等) as lines: which section a line starts, and the text the
// page wrote after the header on the same line (【区の目標】にぎわい…), which is the
// section's first text, not a part of the header.
import { GOALS_HEADER, GOALS_HEADER_WITH_TEXT, ISSUES_HEADER, MISSIONS_HEADER, MISSIONS_HEADER_WITH_TEXT, POLICY_HEADER, REFORM_HEADER, UNMAPPED_HEADER } from './headers.js'
import { type ReformDraft, readReformLine } from './reform.js'
import { CLOSE_BRACKETS, type Line, OPEN_BRACKETS, bulletEnd, rawSlice, toLine, unwrapped, withoutBullet } from './text.js'
import type { PlanDocument } from './types.js'

export type SectionName = 'goals' | 'missions' | 'policy' | 'issues' | 'reform' | 'unmapped'

const HEADERS: [RegExp, SectionName][] = [
  [GOALS_HEADER, 'goals'],
  [MISSIONS_HEADER, 'missions'],
  [POLICY_HEADER, 'policy'],
  [ISSUES_HEADER, 'issues'],
  [REFORM_HEADER, 'reform'],
  [UNMAPPED_HEADER, 'unmapped'],
]

/** Quotes wrapping a whole header (「区の目標」, 『…』): no part of it. (Parentheses are not: (目標) labels an indicator's value.) */
const QUOTED = /^(?:「(?<a>[^「」]+)」|『(?<b>[^『』]+)』)$/

/** The header's text without the quotes wrapping it whole. */
function unquoted(text: string): string {
  const m = QUOTED.exec(text)?.groups
  return m ? (m.a ?? m.b).trim() : text
}

/** The section a header starts (on the unwrapped text), if the text is one. */
export function sectionHeaderOf(inner: string): SectionName | undefined {
  const text = unquoted(inner)
  return HEADERS.find(([re]) => re.test(text))?.[1]
}

/** A header and its explanation, with no text after them. */
function isWholeHeader(section: SectionName, text: string): boolean {
  if (section === 'policy') return POLICY_HEADER.exec(text)?.groups?.rest === ''
  if (section === 'issues') return ISSUES_HEADER.exec(text)?.groups?.rest === '' && /^(?:\s?\(様式\s?\d+\))?$/.test(ISSUES_HEADER.exec(text)?.groups?.explanation ?? '')
  return sectionHeaderOf(text) === section
}

/**
 * The section a line's header starts, and the text after the header on its line (`rest`, as
 * published; null when there is none): after the header's closing bracket (【区の目標】にぎわい…,
 * 【区運営の基本的な考え方】区長として…), or after an unbracketed policy or issues header and
 * its explanation (区運営の基本的な考え方(区長の方針) 安全を…). An unbracketed policy header
 * that runs on into its sentence (区運営の基本的な考え方に沿って…) is the header, the whole
 * line its text. A goals or missions header with its text after a colon or a space
 * (区の目標:にぎわい…, see GOALS_HEADER_WITH_TEXT) is read so only where the sections before
 * the issues may still come (`withText`; among the issues, 各区の目標:… is text), and a bare
 * 目標:… or 使命:… only before the policy ('any'; in the policy, 目標:… is its text).
 */
export function readSectionHeader(line: Line, withText: 'any' | 'qualified' | 'none' = 'any'): { section: SectionName; rest: Line | null } | undefined {
  const start = bulletEnd(line)
  const norm = line.norm
  if (OPEN_BRACKETS.includes(norm[start] ?? '')) {
    let close = start + 1
    while (close < norm.length && !CLOSE_BRACKETS.includes(norm[close])) close++
    if (close < norm.length - 1) {
      const inside = norm.slice(start + 1, close).trim()
      const section = sectionHeaderOf(inside)
      // 【区の目標】(何をめざすのか): the header's explanation outside its bracket is still the header's.
      if (section && isWholeHeader(section, `${inside}${norm.slice(close + 1)}`)) return { section, rest: null }
      // 【区の目標】:にぎわい…: a colon after the bracket is no part of the text.
      // 【区運営の基本的な考え方】(区長の方針) 安全を…: the policy's explanation is its header's.
      const policyRest = section === 'policy' ? POLICY_HEADER.exec(`${inside}${norm.slice(close + 1)}`)?.groups?.rest : undefined
      let from = policyRest !== undefined ? norm.length - policyRest.length : close + 1
      if (/^\s?:/.test(norm.slice(from))) from = norm.indexOf(':', from) + 1
      if (section) return { section, rest: toLine(line.no, rawSlice(line, from)) }
    }
  }
  const { text: inner, start: innerStart } = unwrapped(line)
  const text = unquoted(inner)
  const section = sectionHeaderOf(inner)
  if (!section) return withText === 'none' ? undefined : headerWithTextOf(line, withText === 'any')
  if (text !== inner) return { section, rest: null }
  const m = section === 'policy' ? POLICY_HEADER.exec(text) : section === 'issues' ? ISSUES_HEADER.exec(text) : null
  // The issues header's explanation is text the page wrote (but for its form's name, (様式2)).
  const explanation = m?.groups?.explanation
  const rest = (explanation && !/^\s?\(様式\s?\d+\)$/.test(explanation) ? explanation : '') + (m?.groups?.rest ?? '')
  if (!rest) return { section, rest: null }
  const restStart = innerStart + inner.length - rest.length
  // After a space, a colon or the explanation, the rest is text of its own; else the line is a sentence.
  const separated = /^[\s:(]/.test(rest) || /\)$/.test(norm.slice(0, restStart))
  const from = separated ? restStart : 0
  return { section, rest: toLine(line.no, rawSlice(line, from).replace(/^[:：]\s*/, '')) }
}

/** 区の目標:にぎわい…, 【区の使命:にぎわいを守る】: the goals or missions header and its text (inside the bracket the line opens with); 目標:… only when `bare`. */
function headerWithTextOf(line: Line, bare: boolean): { section: SectionName; rest: Line } | undefined {
  const start = bulletEnd(line)
  const bracketed = OPEN_BRACKETS.includes(line.norm[start] ?? '')
  const { start: from, end } = bracketed ? unwrapped(line) : { start, end: line.norm.length }
  const text = line.norm.slice(from, end)
  for (const [re, section] of [[GOALS_HEADER_WITH_TEXT, 'goals'], [MISSIONS_HEADER_WITH_TEXT, 'missions']] as const) {
    const m = re.exec(text)?.groups
    const rest = m && (bare || m.bare === undefined) ? m.rest : undefined
    if (rest !== undefined) return { section, rest: toLine(line.no, rawSlice(line, end - rest.length, end)) }
  }
  return undefined
}

/**
 * The text after a section's header on its line (【区の目標】にぎわい…): the section's first goal,
 * mission, policy text or reform field; after the issues header (its explanation) it is no
 * issue's, and is kept in the notes with a warning quoting it.
 */
export function placeSectionRest(plan: PlanDocument, section: SectionName, rest: Line, into: { policyLines: string[]; reform: ReformDraft }): void {
  if (withoutBullet(rest) === '') return
  if (section === 'goals') plan.goals.push(withoutBullet(rest))
  else if (section === 'missions') plan.missions.push(withoutBullet(rest))
  else if (section === 'policy') into.policyLines.push(rest.raw)
  else if (section === 'reform') readReformLine(plan, into.reform, rest)
  else if (section === 'issues') {
    plan.notes.push(rest.raw)
    plan.warnings.push(`line ${rest.no}: '${rest.raw}' after the management issues' header is no issue's text: kept in the plan's notes`)
  }
}
