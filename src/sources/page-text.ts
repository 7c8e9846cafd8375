// A page as the city publishes it (HTML, or a plain text) -> plan text in the
// format the parser reads: a first line `source: URL`, then the page's text.
// Whether it came from a file, a request body or a fetch, a page yields the
// same text, and so the same plan document as its copied text.
import { decodeHtml, decodeText, mediaTypeOf } from './decode.js'
import { SourceError } from './errors.js'
import { MAX_NESTING, canonicalUrl, htmlToText, nestingDepth } from './html-to-text.js'

export interface Page {
  bytes: Uint8Array
  /** The Content-Type it was served with; null for a file on disk (then the bytes tell). */
  contentType: string | null
  /** Where it was fetched from (after redirects); null for a saved page. */
  url: string | null
  /** Names the page in errors: its URL or file name. */
  name: string
}

/** Media types of an HTML page. */
export const HTML_MEDIA_TYPES = ['text/html', 'application/xhtml+xml']
/** Media types a page may be served with to be read here. */
export const PAGE_MEDIA_TYPES = [...HTML_MEDIA_TYPES, 'text/plain']

/** True for bytes that open like an HTML document (a saved page, whatever its file name). */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase()
  return ['<!doctype html', '<html', '<head', '<!--'].some((opening) => head.startsWith(opening)) || (head.startsWith('<?xml') && head.includes('<html'))
}

function isHtml(page: Page): boolean {
  if (page.contentType !== null) return HTML_MEDIA_TYPES.includes(mediaTypeOf(page.contentType))
  return looksLikeHtml(page.bytes)
}

/**
 * The plan text of a page. HTML becomes the page's text (see html-to-text.ts);
 * the source URL is the address fetched, else the page's canonical link. A
 * plain text is taken as it is (it may carry its own `source:` line); when it
 * was fetched and has none, the address fetched becomes its source.
 */
export function planTextOf(page: Page): { text: string; sourceUrl: string | null } {
  const mediaType = page.contentType === null ? null : mediaTypeOf(page.contentType)
  if (mediaType !== null && !PAGE_MEDIA_TYPES.includes(mediaType)) {
    throw new SourceError(page.name, `not a web page or a text (Content-Type ${mediaType || 'missing'})`)
  }
  if (isHtml(page)) {
    const { html } = decodeHtml(page.bytes, page.contentType, page.name)
    // Counted only until the limit is passed: a page's elements are never all counted only to be refused.
    if (nestingDepth(html, MAX_NESTING) > MAX_NESTING) {
      throw new SourceError(page.name, `its elements nest ${MAX_NESTING + 1} deep or more (unclosed tags?); a page is read to at most ${MAX_NESTING} levels`)
    }
    const sourceUrl = page.url ?? canonicalUrl(html)
    return { text: withSource(htmlToText(html), sourceUrl), sourceUrl }
  }
  const text = decodeText(page.bytes, page.contentType, page.name).replace(/^\uFEFF/, '')
  const declared = /^source:\s*(\S+)/i.exec(text)?.[1] ?? null
  if (declared !== null || page.url === null) return { text, sourceUrl: declared }
  return { text: withSource(text, page.url), sourceUrl: page.url }
}

function withSource(text: string, sourceUrl: string | null): string {
  return sourceUrl === null ? text : `source: ${sourceUrl}\n${text}`
}
