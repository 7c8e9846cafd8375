// Tables of a page as lines of text. A row of several cells is one line, its
// cells separated by a tab, so that the parser reads the row as a row: a cell
// broken by <p> or <br> keeps its breaks as CELL_BREAK (not as new lines, which
// would cut the row), an empty cell stays an empty cell, and a cell spanning
// columns or rows (colspan, rowspan) leaves empty cells where it spans, so
// that the columns stay aligned. A row of one cell is a block of its own (a
// caption, a heading row, a boxed text): its lines stay lines.
import type { FormatCallback, SelectorDefinition } from 'html-to-text'
import { DomUtils } from 'htmlparser2'
import { CELL_BREAK } from '../plans/text.js'

type Elem = Parameters<FormatCallback>[0]
type Walk = Parameters<FormatCallback>[1]
type Builder = Parameters<FormatCallback>[2]
interface Cell {
  text: string
  colspan: number
  rowspan: number
}

/**
 * What is being built, innermost last. A row is laid out as a row only right inside a table
 * (or its thead/tbody/tfoot), a cell only right inside such a row: the builder has a table
 * or row open only there. A stray row or cell elsewhere is read as before tables were laid
 * out (a block; inline text after a tab). Reset for each page (htmlToText).
 */
const open: ('table' | 'row' | 'cell')[] = []
const inside = (part: (typeof open)[number]) => open[open.length - 1] === part

function within(part: (typeof open)[number], read: () => void): void {
  open.push(part)
  try {
    read()
  } finally {
    open.pop()
  }
}

export function resetTables(): void {
  open.length = 0
}

const isTag = (node: Elem, ...names: string[]) => node.type === 'tag' && names.includes(node.name ?? '')
/** An element, or text that is more than the spaces between tags. */
const hasContent = (node: Elem) => node.type === 'tag' || (node.type === 'text' && (node.data ?? '').trim() !== '')

/** Spans are laid out in the first columns only: a page of huge colspans makes no huge text. */
const MAX_COLUMNS = 64

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10)
  return n >= 1 ? n : 1
}

/** Content that is no row (a caption, a <div> or text inside <table>), or no cell (inside <tr>), is a cell of its own: nothing is dropped. */
function asCell(node: Elem, walk: Walk, builder: Builder): void {
  builder.openTableCell()
  within('cell', () => walk([node], builder))
  builder.closeTableCell()
}

/** A table's (or section's) children: rows, sections, runs of cells without a <tr>, and anything else as a row of one cell. */
function walkRows(nodes: Elem[], walk: Walk, builder: Builder): void {
  let cells: Elem[] = []
  const flushCells = () => {
    if (cells.length === 0) return
    builder.openTableRow()
    within('row', () => walk(cells, builder))
    builder.closeTableRow()
    cells = []
  }
  for (const node of nodes) {
    if (isTag(node, 'td', 'th')) cells.push(node)
    else {
      flushCells()
      if (isTag(node, 'tr', 'thead', 'tbody', 'tfoot')) walk([node], builder)
      else if (hasContent(node)) {
        builder.openTableRow()
        asCell(node, walk, builder)
        builder.closeTableRow()
      }
    }
  }
  flushCells()
}

export const tableFormatters: Record<string, FormatCallback> = {
  planTable(elem, walk, builder) {
    builder.openTable()
    within('table', () => walkRows(elem.children as Elem[], walk, builder))
    builder.closeTable({ tableToString: tableText, leadingLineBreaks: 1, trailingLineBreaks: 1 })
  },
  tableSection(elem, walk, builder) {
    if (inside('table')) walkRows(elem.children as Elem[], walk, builder)
    else walk(elem.children, builder)
  },
  tableRow(elem, walk, builder) {
    if (!inside('table')) {
      builder.openBlock({ leadingLineBreaks: 1 })
      walk(elem.children, builder)
      builder.closeBlock({ trailingLineBreaks: 1 })
      return
    }
    builder.openTableRow()
    within('row', () => {
      for (const node of elem.children as Elem[]) {
        if (isTag(node, 'td', 'th')) walk([node], builder)
        else if (hasContent(node)) asCell(node, walk, builder)
      }
    })
    builder.closeTableRow()
  },
  tableCell(elem, walk, builder) {
    if (!inside('row')) {
      // A stray cell: inline, after a tab when a cell precedes it.
      const previous = DomUtils.prevElementSibling(elem as never) as { name?: string } | null
      if (previous && (previous.name === 'td' || previous.name === 'th')) builder.addLiteral('\t')
      walk(elem.children, builder)
      return
    }
    builder.openTableCell()
    within('cell', () => walk(elem.children, builder))
    builder.closeTableCell({ colspan: span(elem.attribs?.colspan), rowspan: span(elem.attribs?.rowspan) })
  },
}

export const tableSelectors: SelectorDefinition[] = [
  { selector: 'table', format: 'planTable' },
  ...['thead', 'tbody', 'tfoot'].map((selector) => ({ selector, format: 'tableSection' })),
  { selector: 'tr', format: 'tableRow' },
  { selector: 'td', format: 'tableCell' },
  { selector: 'th', format: 'tableCell' },
]

/** The table's rows as lines (see the top of this file); a row of only empty cells is no line. */
export function tableText(rows: Cell[][]): string {
  const covered: number[] = []
  return rows
    .map((row) => placeRow(row, covered))
    .filter((cells) => cells.some((text) => text.trim() !== ''))
    .map((cells) => (cells.length === 1 ? cells[0] : cells.map(cellLine).join('\t')))
    .join('\n')
}

/**
 * A row's cells at their columns: before a cell, an empty one for each column a cell above
 * spans into (rowspan), and after it one for each further column it spans (colspan), unless
 * nothing follows. `covered` says, per column, how many rows below a cell still spans.
 */
function placeRow(row: Cell[], covered: number[]): string[] {
  const out: (string | null)[] = []
  const spans: [number, number][] = []
  for (const cell of row) {
    while (out.length < MAX_COLUMNS && covered[out.length] > 0) out.push(null)
    const at = out.length
    out.push(cell.text)
    for (let k = 1; k < cell.colspan && out.length < MAX_COLUMNS; k++) out.push(null)
    if (cell.rowspan > 1) for (let c = at; c < Math.min(out.length, MAX_COLUMNS); c++) spans.push([c, cell.rowspan - 1])
  }
  for (let c = 0; c < covered.length; c++) if (covered[c] > 0) covered[c]--
  for (const [c, rows] of spans) covered[c] = Math.max(covered[c] ?? 0, rows)
  while (out.length > 0 && out[out.length - 1] === null) out.pop()
  return out.map((text) => text ?? '')
}

/** A cell's text on one line: its lines (a nested table's cells too) joined by CELL_BREAK. */
function cellLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\t/g, ' ').trim())
    .filter((line) => line !== '')
    .join(CELL_BREAK)
}
