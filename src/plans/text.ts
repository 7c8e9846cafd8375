// Text handling shared by the parser: decoding, per-line NFKC with a map back
// to the published characters, bullets and wrapping brackets.
import { PlanParseError } from './errors.js'

/** One line of the source: `raw` as published (trimmed), `norm` its NFKC form for matching. */
export interface Line {
  no: number
  raw: string
  norm: string
  /** map[i] = index in raw of the character that produced norm[i]; map[norm.length] = raw.length */
  map: number[]
}

export const OPEN_BRACKETS = '【≪<《〈‹[〔'
export const CLOSE_BRACKETS = '】≫>》〉›]〕'

/**
 * Decodes a file's bytes as UTF-8 text. Binary or non-UTF-8 input is refused
 * with the line where it was found, so nothing half-read reaches the parser.
 */
export function decodePlanBytes(bytes: Uint8Array, file: string): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    const bad = firstInvalidUtf8Offset(bytes)
    const line = countLines(bytes.subarray(0, bad))
    throw new PlanParseError(file, line, `bytes at offset ${bad} are not UTF-8 (binary file?)`, 'a UTF-8 plan text')
  }
  return text
}

function countLines(bytes: Uint8Array): number {
  let n = 1
  for (const b of bytes) if (b === 0x0a) n++
  return n
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let lo = 0
  let hi = bytes.length
  // Binary search for the longest valid prefix (allowing a cut multi-byte tail).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true })
      lo = mid
    } catch {
      hi = mid - 1
    }
  }
  return lo
}

/** Per-code-point NFKC, keeping where each normalized char came from. */
export function toLine(no: number, published: string): Line {
  const raw = published.trim()
  return { no, raw, ...normalizeWithMap(raw, (ch) => ch.normalize('NFKC')) }
}

/**
 * `text` with each code point replaced by `fold(code point)`, and for each
 * character of the result the index in `text` it came from (map[norm.length] = text.length).
 */
export function normalizeWithMap(text: string, fold: (ch: string) => string): { norm: string; map: number[] } {
  let norm = ''
  const map: number[] = []
  let i = 0
  for (const ch of text) {
    const folded = fold(ch)
    for (let k = 0; k < folded.length; k++) map.push(i)
    norm += folded
    i += ch.length
  }
  map.push(text.length)
  return { norm, map }
}

/** The published text behind norm[start, end), trimmed. */
export function rawSlice(line: Line, start: number, end = line.norm.length): string {
  return line.raw.slice(line.map[start], line.map[end]).trim()
}

const BULLET = /^(?:[・•◆◇○●■□▪▶►]|-(?=\s))\s*/u

/** Index in norm after a leading bullet mark (・ • - ◆ ○ …), or 0. */
export function bulletEnd(line: Line): number {
  const m = BULLET.exec(line.norm)
  return m ? m[0].length : 0
}

/** The line's text without its bullet, as published. */
export function withoutBullet(line: Line): string {
  return rawSlice(line, bulletEnd(line))
}

/**
 * The span of norm inside one pair of wrapping brackets (【…】, ≪…≫, <…>),
 * after any bullet. Unbalanced openings (cut-off headers) are unwrapped too.
 */
export function unwrapped(line: Line): { start: number; end: number; text: string } {
  let start = bulletEnd(line)
  let end = line.norm.length
  if (start < end && OPEN_BRACKETS.includes(line.norm[start])) start++
  if (end > start && CLOSE_BRACKETS.includes(line.norm[end - 1])) end--
  while (start < end && /\s/.test(line.norm[start])) start++
  while (end > start && /\s/.test(line.norm[end - 1])) end--
  return { start, end, text: line.norm.slice(start, end) }
}

/**
 * Splits a numbered header's remainder (norm from `from`) into its title and
 * what trails the closing bracket: 【戦略1-1 title】, 【1-1】title,
 * 【経営課題1:title】, 経営課題1【title】, 【1-1-1 title】 [budget…].
 */
export function headerTitle(line: Line, from: number, opened: boolean): { title: string | null; trailing: Line | null } {
  const norm = line.norm
  let s = from
  while (s < norm.length && /[\s:]/.test(norm[s])) s++
  let e = norm.length
  let trailingStart = -1
  if (opened) {
    let c = s
    while (c < norm.length && !CLOSE_BRACKETS.includes(norm[c])) c++
    if (c < norm.length) {
      if (norm.slice(s, c).trim() === '') {
        s = c + 1
      } else {
        e = c
        trailingStart = c + 1
      }
    }
  }
  if (trailingStart < 0) {
    // 経営課題1【title】 or 【1-1】【title】: the title carries its own brackets.
    while (s < e && /\s/.test(norm[s])) s++
    if (s < e && OPEN_BRACKETS.includes(norm[s])) {
      s++
      if (e > s && CLOSE_BRACKETS.includes(norm[e - 1])) e--
    }
  }
  const title = rawSlice(line, s, e)
  const trailingRaw = trailingStart >= 0 ? rawSlice(line, trailingStart) : ''
  return {
    title: title === '' ? null : title,
    trailing: trailingRaw === '' ? null : toLine(line.no, trailingRaw),
  }
}
