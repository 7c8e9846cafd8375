/** A client's mistake found by the service layer (a bad cursor, say): a 400 naming the parameter. */
export class InvalidParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message)
    this.name = 'InvalidParameterError'
  }
}

/** A cursor made by another query (other list, filters or sort): its rows would be another list's. */
export class CursorMismatchError extends InvalidParameterError {
  constructor(message: string) {
    super('cursor', message)
    this.name = 'CursorMismatchError'
  }
}
