/** A page that could not be fetched or read; the message says why, for one line of a report. */
export class SourceError extends Error {
  /** The page (URL or file) the reason is about. */
  readonly source: string
  readonly reason: string

  constructor(source: string, reason: string) {
    super(`${source}: ${reason}`)
    this.name = 'SourceError'
    this.source = source
    this.reason = reason
  }
}
