// The media types of the table formats, one each for the whole lists
// (/v1/{list}.csv, .jsonl), the downloads and the OpenAPI document.

/** CSV (RFC 4180), UTF-8 with a BOM. */
export const CSV_MEDIA_TYPE = 'text/csv'
/** JSON Lines (jsonlines.org): one JSON value per line; application/jsonl as the IETF draft registers it. */
export const JSONL_MEDIA_TYPE = 'application/jsonl'

/** The Content-Type header of an answer in one of them. */
export const withCharset = (mediaType: string) => `${mediaType}; charset=utf-8`

/**
 * The media ranges of an Accept header that are accepted: those given q=0 ("not this") are
 * left out, so naming a type to refuse it does not choose it. Parameters are dropped.
 */
export function acceptedTypes(accept: string): string {
  return accept
    .split(',')
    .filter((range) => !/;\s*q\s*=\s*0(?:\.0{0,3})?\s*(?:;|$)/i.test(range))
    .map((range) => range.split(';')[0].trim())
    .join(', ')
}
