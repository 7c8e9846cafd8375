// Column names of a table in the issues (取組名 | 取組内容 | 予算額): a header row says
// what the columns below hold; it is structure, no initiative's point or text.
import { ERA, FISCAL_YEAR_TEXT } from './era.js'
import { type Line, toLine, unwrapped } from './text.js'

/** A unit after a column name: (千円), (単位:千円). */
const UNIT = '(?:\\s?\\((?:単位\\s?:?\\s?)?(?:円|千円|万円|百万円)\\))?'
/**
 * One column's name (on NFKC text, without wrapping brackets or a colon): numbers, the issue,
 * strategy and initiative by any of their spellings, contents, budgets of a year, targets,
 * indicators, who and when. Whole names only: 取組内容を見直す is text.
 */
const COLUMN_NAME = new RegExp(
  '^(?:' +
    [
      'No\\.?|NO\\.?|番号|項番|整理番号|#',
      '経営課題(?:名)?|課題|(?:主な)?戦略(?:名)?|めざす状態',
      '(?:主な)?(?:具体的な?)?取り?組み?(?:名|名称|項目|内容|の内容|概要|の概要|番号|み内容)?',
      '事業(?:名|内容|概要)?|施策(?:名)?|内容|概要|説明',
      `(?:(?:${FISCAL_YEAR_TEXT}|(?:${ERA}\\s?)?\\d{1,4})\\s?)?(?:当初)?(?:予算額?|決算額)${UNIT}`,
      '(?:業績)?目標(?:値)?|成果指標|(?:アウトカム|プロセス)?指標|撤退基準|取組実績|実績|進捗(?:状況)?|評価',
      '担当(?:課|部署|部局)?|所管(?:課)?|実施時期|スケジュール|備考',
    ].join('|') +
    ')$',
)

/** A cell's or word's text as a column name: without its wrapping brackets, bullet or colon. */
function isColumnName(text: string): boolean {
  if (text === '') return false
  const inner = unwrapped(toLine(0, text)).text.replace(/\s?:$/, '')
  return COLUMN_NAME.test(inner)
}

/**
 * A header row: two or more names and nothing else, as a table's cells (a page's <th> row,
 * a copied text's tabs) or on one line split by slashes or spaces (取組名 / 取組内容 / 予算額).
 */
export function isColumnHeaderRow(line: Line): boolean {
  const names = line.cells ? line.cells.map((cell) => toLine(line.no, cell).norm).filter((norm) => norm !== '') : line.norm.split(/\s?[/|]\s?|\s/)
  return names.length >= 2 && names.every(isColumnName)
}

/** A line that is one column name alone (a header row copied a cell a line). */
export function isColumnNameLine(line: Line): boolean {
  return !line.cells && isColumnName(line.norm)
}
