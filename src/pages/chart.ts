// Horizontal bar charts drawn on the server as SVG: no script, no CDN. The
// chart is an image for the eye; the same numbers stand in a table beside it
// for screen readers, so the SVG itself is hidden from them.
import { escapeHtml } from '../formats/html.js'
import { yen } from './parts.js'

export interface Bar {
  /** Short label drawn left of the bar (経営課題1). */
  key: string
  /** The full title, shown as the bar's tooltip. */
  title: string | null
  amountYen: number | null
  /** What the bar stands for (a plan id), as data-id, when the label is not unique enough to find it by. */
  id?: string
  /** Said after the amount, e.g. that an excerpt's total is partial. */
  note?: string
}

const WIDTH = 640
const LABEL_WIDTH = 110
const AMOUNT_WIDTH = 130
const ROW = 26

export function barChart(bars: Bar[], caption: string): string {
  const max = Math.max(0, ...bars.map((b) => b.amountYen ?? 0))
  const barSpace = WIDTH - LABEL_WIDTH - AMOUNT_WIDTH
  const rows = bars
    .map((b, i) => {
      const y = i * ROW
      const length = max > 0 && b.amountYen !== null ? Math.max(1, Math.round((b.amountYen / max) * barSpace)) : 0
      const amount = `${yen(b.amountYen)}${b.note ? ` ${b.note}` : ''}`
      return `<g data-key="${escapeHtml(b.key)}"${b.id === undefined ? '' : ` data-id="${escapeHtml(b.id)}"`} data-amount-yen="${b.amountYen ?? ''}"><title>${escapeHtml(b.title ?? b.key)}: ${escapeHtml(amount)}</title>
<text x="0" y="${y + 17}">${escapeHtml(b.key)}</text><rect class="bar${b.note ? ' partial' : ''}" x="${LABEL_WIDTH}" y="${y + 4}" width="${length}" height="${ROW - 8}"></rect><text x="${LABEL_WIDTH + length + 6}" y="${y + 17}">${escapeHtml(amount)}</text></g>`
    })
    .join('\n')
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${Math.max(1, bars.length) * ROW}" width="${WIDTH}" height="${Math.max(1, bars.length) * ROW}" aria-hidden="true" data-caption="${escapeHtml(caption)}">
${rows}
</svg>`
}
