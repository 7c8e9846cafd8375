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
