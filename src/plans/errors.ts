/** A text that cannot be read as a plan. The message names file, line and what was expected. */
export class PlanParseError extends Error {
  readonly file: string
  readonly line: number
  readonly expected: string

  constructor(file: string, line: number, problem: string, expected: string) {
    super(`${file}:${line}: ${problem}; expected ${expected}`)
    this.name = 'PlanParseError'
    this.file = file
    this.line = line
    this.expected = expected
  }
}
