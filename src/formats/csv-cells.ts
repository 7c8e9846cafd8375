// CSV formula injection (OWASP "CSV Injection"): a spreadsheet opening a CSV
// runs a text cell that begins with = + - @, a tab or a carriage return as a
// formula. Such text cells get a leading single quote and are quoted, so they
// open as text; numbers are typed as numbers and never pass through here.
import type { CastReturnObject } from 'csv-stringify'

/** The characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/

/** A text cell as written to CSV: unchanged, or `'` + the text, quoted, when it could run as a formula. */
export function textCell(value: string): string | CastReturnObject {
  return FORMULA_START.test(value) ? { value: `'${value}`, quoted: true } : value
}
