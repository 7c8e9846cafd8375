// Bytes of a page -> text, in the charset the page declares. HTML follows the
// WHATWG sniffing order (BOM, the HTTP header's charset, then <meta charset> or
// <meta http-equiv="Content-Type">), done by encoding-sniffer; decoding is
// Node's TextDecoder (full ICU: UTF-8, Shift_JIS, EUC-JP, …).
import { getEncoding } from 'encoding-sniffer'
import { SourceError } from './errors.js'

/** How far into a page to look for <meta charset>: pages with a long <head> declare it late. */
const SNIFF_BYTES = 16 * 1024

/** The charset parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')
  return m?.[1]
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase()
}

/**
 * Decodes an HTML page. A page without any declaration is read as UTF-8.
 * Bytes that are not valid in the charset found are refused rather than
 * stored as replacement characters.
 */
export function decodeHtml(bytes: Uint8Array, contentType: string | null | undefined, source: string): { html: string; encoding: string } {
  const encoding = getEncoding(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    transportLayerEncodingLabel: charsetOf(contentType),
    defaultEncoding: 'utf-8',
    maxBytes: SNIFF_BYTES,
  })
  return { html: decodeAs(bytes, encoding, source), encoding }
}

/** Decodes plain text in the header's charset, UTF-8 when it names none. */
export function decodeText(bytes: Uint8Array, contentType: string | null | undefined, source: string): string {
  return decodeAs(bytes, charsetOf(contentType) ?? 'utf-8', source)
}

function decodeAs(bytes: Uint8Array, encoding: string, source: string): string {
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(encoding, { fatal: true })
  } catch {
    throw new SourceError(source, `unknown charset ${JSON.stringify(encoding.slice(0, 40))}`)
  }
  try {
    return decoder.decode(bytes)
  } catch {
    throw new SourceError(source, `the bytes are not valid ${decoder.encoding} (wrong charset declared?)`)
  }
}
