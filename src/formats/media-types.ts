// The media types of the table formats, one each for the whole lists
// (/v1/{list}.csv, .jsonl), the downloads and the OpenAPI document.

/** CSV (RFC 4180), UTF-8 with a BOM. */
export const CSV_MEDIA_TYPE = 'text/csv'
/** JSON Lines (jsonlines.org): one JSON value per line; application/jsonl as the IETF draft registers it. */
export const JSONL_MEDIA_TYPE = 'application/jsonl'

/** GraphQL over HTTP's own type for a GraphQL response; application/json is its legacy one, still the default. */
export const GRAPHQL_RESPONSE_MEDIA_TYPE = 'application/graphql-response+json'

/** The Content-Type header of an answer in one of them. */
export const withCharset = (mediaType: string) => `${mediaType}; charset=utf-8`

/** One media range of an Accept header: `type/subtype` (either may be `*`), lower-cased, with its weight. */
export interface MediaRange {
  type: string
  subtype: string
  q: number
}

/** The weight a range's parameters give (RFC 9110 §12.4.2: 0 to 1, three decimals); unreadable ones count as 1. */
function weightOf(parameters: string[]): number {
  for (const parameter of parameters) {
    const match = /^\s*q\s*=\s*"?([0-9.]+)"?\s*$/i.exec(parameter)
    if (!match) continue
    const q = Number(match[1])
    return Number.isFinite(q) && q >= 0 && q <= 1 ? q : 1
  }
  return 1
}

/** The media ranges of an Accept header, in its order; elements that are not `type/subtype` are skipped. */
export function mediaRanges(accept: string): MediaRange[] {
  const ranges: MediaRange[] = []
  // A header of 16 KiB holds a few thousand ranges at most: linear, once per request that needs it.
  for (const element of accept.split(',')) {
    const [range = '', ...parameters] = element.split(';')
    const match = /^\s*([\w!#$%&'*+.^`|~-]+)\/([\w!#$%&'*+.^`|~-]+)\s*$/.exec(range)
    if (!match) continue
    ranges.push({ type: match[1].toLowerCase(), subtype: match[2].toLowerCase(), q: weightOf(parameters) })
  }
  return ranges
}

/** The weight of a media type the header names itself, not through a wildcard (the highest where it names it twice); undefined where it does not. */
export function namedWeight(ranges: MediaRange[], mediaType: string): number | undefined {
  const [type = '', subtype = ''] = mediaType.toLowerCase().split('/')
  const weights = ranges.filter((range) => range.type === type && range.subtype === subtype).map((range) => range.q)
  return weights.length === 0 ? undefined : Math.max(...weights)
}

/**
 * The weight an Accept header gives a media type: that of the most specific range
 * matching it (type/subtype, then type/*, then *\/*), or undefined when none does.
 */
export function weightFor(ranges: MediaRange[], mediaType: string): number | undefined {
  const [type = '', subtype = ''] = mediaType.split(';', 1)[0].trim().toLowerCase().split('/')
  let best: { specificity: number; q: number } | undefined
  for (const range of ranges) {
    const specificity = range.type === type && range.subtype === subtype ? 3 : range.type === type && range.subtype === '*' ? 2 : range.type === '*' && range.subtype === '*' ? 1 : 0
    if (specificity > 0 && (best === undefined || specificity > best.specificity)) best = { specificity, q: range.q }
  }
  return best?.q
}
