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
  /**
   * A table row's cells (the line split at its tabs) as published, empty ones kept: raw is
   * trimmed, which would lose an empty cell at either end and shift the columns.
   */
  cells?: string[]
}

/**
 * A break inside a table cell (a <p> or <br> in it), in a plan text made of a page (see
 * src/sources/html-tables.ts): the row stays one line. Stored as a line break in raw, as
 * every break published inside a line is; a space in norm.
 */
export const CELL_BREAK = '\u2028'

/** The brackets a header may be wrapped in (after NFKC: ［］ are [ ], 〈〉 stay). */
export const OPEN_BRACKETS = '【≪<《〈‹[〔〖〘'
export const CLOSE_BRACKETS = '】≫>》〉›]〕〗〙'

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
  const decodes = (end: number, stream: boolean) => {
    try {
      // A decoder of its own each time: a streaming decoder keeps the bytes of a cut character from the last call.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream })
      return true
    } catch {
      return false
    }
  }
  let lo = 0
  let hi = bytes.length
  // Binary search for the longest valid prefix (allowing a cut multi-byte tail).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (decodes(mid, true)) lo = mid
    else hi = mid - 1
  }
  // The bad bytes begin where that cut tail's character began (at most 3 bytes back).
  while (lo > 0 && !decodes(lo, false)) lo--
  return lo
}

/**
 * A line and its matching form: NFKC per character with its combining marks
 * (decomposed kana such as か + ゙ compose), invisible format characters
 * (zero-width space, soft hyphen, word joiner) dropped, every dash between
 * digits read as '-' (1−1, 1ー1, 1—1), and each run of whitespace one space, so
 * no pattern meets a long run of spaces. The published text is kept as it is.
 */
export function toLine(no: number, published: string): Line {
  const raw = published.trim().replaceAll(CELL_BREAK, '\n')
  const folded = normalizeWithMap(raw, matchingFold, CHARACTER)
  const { norm, map } = collapseSpaces(folded.norm, folded.map)
  const line: Line = { no, raw, norm: norm.replace(DIGIT_DASH, '-'), map }
  if (published.includes('\t')) line.cells = published.split('\t')
  return line
}

/** A cell's (or line's) lines, as broken where it was published (CELL_BREAK): each a Line of its own. */
export function linesOf(cell: Line): Line[] {
  return cell.raw.includes('\n') ? cell.raw.split('\n').map((text) => toLine(cell.no, text)).filter((line) => line.norm !== '') : [cell]
}

/**
 * A table row led by a label cell (<th>区の目標</th><td><p>A</p><p>B</p></td>): the label, then
 * each line of the other cells as the page broke them, so that no cell's lines become one text.
 * A label cell that wants its title (【戦略1-1】 | 見守り | …) takes the next cell, as a header does.
 */
export function labelledRowLines(line: Line, isLabel: (cell: Line) => boolean, wantsTitle: (cell: Line) => boolean = () => false): Line[] | undefined {
  if (!line.cells) return undefined
  const cells = line.cells.map((cell) => toLine(line.no, cell)).filter((cell) => cell.norm !== '')
  if (cells.length < 2 || !isLabel(cells[0])) return undefined
  const titled = wantsTitle(cells[0]) && !cells[1].raw.includes('\n')
  const label = titled ? toLine(line.no, `${cells[0].raw} ${cells[1].raw}`) : cells[0]
  return [label, ...cells.slice(titled ? 2 : 1).flatMap(linesOf)]
}

/** A character as matched: most are their own NFKC (ASCII, kana, common kanji), which is not asked for them. */
function matchingFold(ch: string): string {
  if (ch.length === 1) {
    const code = ch.charCodeAt(0)
    if ((code >= 0x21 && code <= 0x7e) || (code >= 0x3041 && code <= 0x3096) || (code >= 0x30a1 && code <= 0x30fa) || (code >= 0x4e00 && code <= 0x9fff)) return ch
  }
  return INVISIBLE.test(ch) ? '' : ch.normalize('NFKC')
}

/** A character with its combining marks (or marks alone): NFKC composes them together. */
const CHARACTER = /\P{M}\p{M}*|\p{M}+/gsu
const INVISIBLE = /^\p{Cf}+$/u
/** A dash between digits (after NFKC): hyphens, dashes, minus, the long vowel mark. */
const DIGIT_DASH = /(?<=\d\s?)[\u2010-\u2015\u2212\u2043\u30fc\ufe58\ufe63\uff0d\uff70](?=\s?\d)/g

/** norm with each run of whitespace one space and no space at its ends, the map kept in step. */
function collapseSpaces(norm: string, map: number[]): { norm: string; map: number[] } {
  // Pieces joined once: appending to a string and asking it for its last character made a long line quadratic.
  const pieces: string[] = []
  const outMap: number[] = []
  let pendingSpace = -1
  for (let i = 0; i < norm.length; i++) {
    if (/\s/.test(norm[i])) {
      if (pieces.length > 0 && pendingSpace < 0) pendingSpace = i
      continue
    }
    if (pendingSpace >= 0) {
      pieces.push(' ')
      outMap.push(map[pendingSpace])
      pendingSpace = -1
    }
    pieces.push(norm[i])
    outMap.push(map[i])
  }
  outMap.push(map[norm.length])
  return { norm: pieces.join(''), map: outMap }
}

/**
 * `text` with each code point (or other unit) replaced by `fold(unit)`, and for each
 * character of the result the index in `text` it came from (map[norm.length] = text.length).
 */
export function normalizeWithMap(text: string, fold: (ch: string) => string, unit: RegExp = CODE_POINT): { norm: string; map: number[] } {
  let norm = ''
  const map: number[] = []
  let i = 0
  for (const [ch] of text.matchAll(unit)) {
    const folded = fold(ch)
    for (let k = 0; k < folded.length; k++) map.push(i)
    norm += folded
    i += ch.length
  }
  map.push(text.length)
  return { norm, map }
}

const CODE_POINT = /./gsu

/** Two lines as one (the first's number): the published break kept in raw, a space in norm. */
export function joinLines(first: Line, second: Line): Line {
  const offset = first.raw.length + 1
  const joined: Line = {
    no: first.no,
    raw: `${first.raw}\n${second.raw}`,
    norm: `${first.norm} ${second.norm}`,
    map: [...first.map.slice(0, first.norm.length), first.raw.length, ...second.map.map((index) => index + offset)],
  }
  // A row broken inside a cell: the cell where they meet is one cell.
  if (first.cells || second.cells) {
    const [before, after] = [first.cells ?? [first.raw], second.cells ?? [second.raw]]
    joined.cells = [...before.slice(0, -1), `${before[before.length - 1]}\n${after[0]}`, ...after.slice(1)]
  }
  return joined
}

/** The published text behind norm[start, end), trimmed. */
export function rawSlice(line: Line, start: number, end = line.norm.length): string {
  return line.raw.slice(line.map[start], line.map[end]).trim()
}

/** A bullet mark: a dash only before a space or alone on its line (-7,133千円 is no bullet). */
const BULLET = /^(?:[・•◆◇○●■□▪▶►]|-(?=\s|$))\s*/u

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
