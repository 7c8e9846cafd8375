// The reform section (市政改革プラン…に基づく取組等): pairs of 取組項目 (item) and
// 取組内容 (content), written as labelled paragraphs or as a table.
import { CLOSE_BRACKETS, type Line, OPEN_BRACKETS, bulletEnd, linesOf, rawSlice, toLine, unwrapped, withoutBullet } from './text.js'
import type { PlanDocument, ReformItem } from './types.js'

type ReformField = 'item' | 'content'

/** Where the section's lines go. */
export interface ReformDraft {
  /** The item being read. */
  item?: ReformItem
  /** The field of it that following text lines add to. */
  field?: ReformField
  /**
   * A table's columns, from its header row (取組項目 | 取組内容): the field of each, 'number' for a
   * column of row numbers (番号, No.), null for a column of neither.
   */
  columns?: (ReformField | 'number' | null)[]
}

const LABELS: Record<string, ReformField> = { 取組項目: 'item', 取組内容: 'content' }
const LABEL_OF: Record<ReformField, string> = { item: '取組項目', content: '取組内容' }

/** 取組項目 or 取組内容, bracketed or not, with a colon or not, as a line or cell of its own. */
/** A header cell naming a column of row numbers. */
const NUMBER_COLUMN = /^(?:No\.?|NO\.?|№|番号|項番|整理番号|#)$/
/**
 * A row number (on NFKC text: ① is 1, （１） is (1)): structure (the item's place in the table), as a
 * list's number is, in a column of such numbers: 1, 1., 1), (1), [1], 〔1〕, No.1, 一, Ⅰ.
 */
const ROW_NUMBER = /^(?:[Nn][Oo]\.?\s?)?(?:\d{1,3}|\(\d{1,3}\)|\[\d{1,3}\]|〔\d{1,3}〕|[一二三四五六七八九十]{1,3}|[IVX]{1,4})[.)、]?$/

function labelOf(line: Line): ReformField | undefined {
  // 取組項目: with nothing after its colon is the label alone.
  const text = unwrapped(/\s?:$/.test(line.norm) ? toLine(line.no, line.norm.replace(/\s?:$/, '')) : line).text
  return Object.hasOwn(LABELS, text) ? LABELS[text] : undefined
}

/** One line of the reform section. */
export function readReformLine(plan: PlanDocument, reform: ReformDraft, line: Line): void {
  const cells = (line.cells ?? []).map((cell) => toLine(line.no, cell))
  const filled = cells.filter((cell) => cell.norm !== '').length
  // A row of one filled cell is read as a row inside a table, whose columns say which field it is.
  if (filled >= 2 || (filled === 1 && reform.columns)) {
    readRow(plan, reform, line, cells)
    return
  }
  const label = labelOf(line)
  const inline = label ? undefined : inlineLabel(line)
  if (label) {
    startField(plan, reform, label)
    reform.columns = undefined
  } else if (inline) {
    // 【取組項目】5Sの推進, 取組内容:…: the label, then its value.
    startField(plan, reform, inline.field)
    reform.columns = undefined
    addText(reform.item!, inline.field, textOf(inline.value))
  } else if (reform.item && reform.field) {
    // In a table, a line of one cell is a cell broken over lines (<br>) or a row whose other cells are empty: it cannot be told which.
    if (reform.columns) plan.warnings.push(`line ${line.no}: '${line.raw}' in the reform table has no cells of its own: read as the rest of the ${LABEL_OF[reform.field]} cell above`)
    addText(reform.item, reform.field, textOf(line))
  } else {
    // Text before any 取組項目/取組内容 (an introduction to the items) is no item's: the plan's notes keep it.
    const text = textOf(line)
    if (text !== '') plan.notes.push(text)
    plan.warnings.push(`line ${line.no}: '${line.raw}' in the reform section is outside 取組項目/取組内容: kept in the plan's notes as published`)
  }
}

/** 【取組項目】value, 取組項目:value, 取組項目 value: the label and its value on one line. */
const INLINE_LABEL = new RegExp(`^(?:[${OPEN_BRACKETS.replace('[', '\\[')}]\\s?(?<a>取組項目|取組内容)\\s?[${CLOSE_BRACKETS.replace(']', '\\]')}]\\s?:?|(?<b>取組項目|取組内容)\\s?(?::|\\s))\\s?(?=[^\\s:])`)

function inlineLabel(line: Line): { field: ReformField; value: Line } | undefined {
  const start = bulletEnd(line)
  const m = INLINE_LABEL.exec(line.norm.slice(start))
  if (!m?.groups) return undefined
  return { field: LABELS[m.groups.a ?? m.groups.b], value: toLine(line.no, rawSlice(line, start + m[0].length)) }
}

/** 取組項目 starts an item; 取組内容 starts one only when none is open (a content given before its item). */
function startField(plan: PlanDocument, reform: ReformDraft, field: ReformField): void {
  if (field === 'item' || !reform.item) {
    reform.item = { item: null, content: null }
    plan.reformItems.push(reform.item)
  }
  reform.field = field
}

/** A line's or cell's text as published, each of its lines (as a page broke a cell) without its bullet. */
function textOf(cell: Line): string {
  return linesOf(cell)
    .map(withoutBullet)
    .filter((text) => text !== '')
    .join('\n')
}

function addText(item: ReformItem, field: ReformField, text: string): void {
  if (text !== '') item[field] = item[field] === null ? text : `${item[field]}\n${text}`
}

/**
 * The columns of a table with no header row, from its first row: the cells leading it that are a row
 * number alone (1, (1), ①) are in a column of numbers, which is structure, not the 取組項目; the other
 * cells are 取組項目 then 取組内容 in the template's order, any further one of neither field (a number
 * after the text, 100, is a value of the row's, kept).
 */
function headlessColumns(cells: Line[]): NonNullable<ReformDraft['columns']> {
  const fields: ReformField[] = ['item', 'content']
  const numbers = leadingCount(cells, (cell) => ROW_NUMBER.test(cell.norm))
  return cells.map((_, i) => (i < numbers ? 'number' : (fields[i - numbers] ?? null)))
}

/** How many of the cells, from the first, pass `test`. */
function leadingCount(cells: Line[], test: (cell: Line) => boolean): number {
  const first = cells.findIndex((cell) => !test(cell))
  return first < 0 ? cells.length : first
}

/**
 * A table row (cells split by tabs): a header row naming both columns (取組項目 | 取組内容, in
 * either order) gives the columns; a row led by a label cell (取組項目 | 5Sの推進) is that label
 * and its value; any other row is one item, cell by cell, in the header's columns, or in the
 * template's order (取組項目, 取組内容) when the table has no header row, with a warning; a row
 * with an empty 取組項目 cell adds its cells to the item above (joined by a line break).
 */
function readRow(plan: PlanDocument, reform: ReformDraft, line: Line, cells: Line[]): void {
  const labels = cells.map((cell) => labelOf(cell) ?? null)
  if (labels.includes('item') && labels.includes('content')) {
    // A header cell left empty before the named ones stands over the rows' numbers, as 番号 does: what is no number in it is still its row's.
    const leadingEmpty = leadingCount(cells, (cell) => cell.norm === '')
    reform.columns = labels.map((label, i) => label ?? (i < leadingEmpty || NUMBER_COLUMN.test(unwrapped(cells[i]).text) ? 'number' : null))
    // A new table: its first row continues no item of the text above.
    reform.item = undefined
    return
  }
  if (labels[0] !== null) {
    startField(plan, reform, labels[0])
    for (const cell of cells.slice(1)) addText(reform.item!, labels[0], textOf(cell))
    return
  }
  if (!reform.columns) {
    reform.columns = headlessColumns(cells)
    const numbers = cells.filter((_, i) => reform.columns![i] === 'number').map((cell) => `'${cell.raw}'`)
    const numbered = numbers.length > 0 ? `; the cells of row numbers (${numbers.join(', ')}) are structure, not 取組項目` : ''
    plan.warnings.push(`line ${line.no}: a table in the reform section without a header row (取組項目, 取組内容): its columns are read in the template's order, 取組項目 then 取組内容${numbered}`)
  }
  // A row whose 取組項目 cell is empty goes on with the item above: its cell spans the row
  // (rowspan; a copied text shows it as an empty cell), and an item without its name is none.
  const isField = (i: number) => reform.columns![i] === 'item' || reform.columns![i] === 'content'
  const continues = reform.item !== undefined && cells.some((cell, i) => isField(i) && cell.norm !== '') && cells.every((cell, i) => reform.columns![i] !== 'item' || cell.norm === '')
  const item: ReformItem = continues ? reform.item! : { item: null, content: null }
  if (!continues) plan.reformItems.push(item)
  const unplaced: string[] = []
  cells.forEach((cell, i) => {
    const column = reform.columns![i]
    // A row's number in a 番号 column is structure; any other text in it is the row's, like a cell of no column.
    if (column === 'number' && (cell.norm === '' || ROW_NUMBER.test(cell.norm))) return
    const field = column === 'number' ? null : column
    if (field) {
      addText(item, field, textOf(cell))
      // A cell broken by <br> goes on on the next line: the row's last cell is the one that can.
      reform.field = field
    } else if (cell.norm !== '') {
      // A cell of another column (No., 備考) is its row's text: the item's content keeps it, after a line break.
      unplaced.push(textOf(cell))
      plan.warnings.push(`line ${line.no}: cell '${cell.raw}' of the reform table is in no 取組項目/取組内容 column: kept in its item's 取組内容 as published`)
    }
  })
  for (const text of unplaced) addText(item, 'content', text)
  reform.item = item
  // The first row has no item above to go on with: said, not guessed.
  if (item.item === null && item.content !== null) {
    plan.warnings.push(`line ${line.no}: the 取組項目 cell of this reform table row is empty and no item is above it: '${item.content}' is an item of its own, its 取組項目 unknown`)
  }
}
