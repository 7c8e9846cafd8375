// The part of jsonld (a dev dependency: the tests expand the API's JSON-LD with it) that is used.
declare module 'jsonld' {
  interface Options {
    base?: string
    documentLoader?: (url: string) => Promise<unknown>
  }
  const jsonld: {
    expand(input: object, options?: Options): Promise<Record<string, unknown>[]>
  }
  export default jsonld
}
