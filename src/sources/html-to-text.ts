// HTML page -> the page's text, one line per block, as a reader copying the
// page would get it: each block element, <br>, list item and table row starts
// a line; a table row of several cells is one line, its cells separated by a
// tab (see html-tables.ts). The site's furniture around the plan (banner,
// menus, breadcrumbs, footer, hidden parts) is left out, so the text is the
// page's own content; see README "Data from the city's site".
import { type FormatCallback, type SelectorDefinition, compile } from 'html-to-text'
import { DomUtils, Parser, parseDocument } from 'htmlparser2'
import { resetTables, tableFormatters, tableSelectors } from './html-tables.js'

type Elem = Parameters<FormatCallback>[0]

/** Elements whose content is laid out as lines of their own. */
const BLOCKS = [
  'address', 'article', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'form', 'hgroup', 'legend', 'li', 'main', 'section', 'summary', 'ul',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]

/** What a reader never sees, and the site's navigation: menus, search, banner, footer, breadcrumbs. */
const NOT_CONTENT = [
  'head', 'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'img', 'picture',
  'video', 'audio', 'map', 'input', 'select', 'textarea', 'button', 'nav',
  // Ruby readings (rt, rp) are not the text; an element styled display:none is not seen.
  'rt', 'rp', '[style*="display:none" i]', '[style*="display: none" i]',
  '[hidden]', '[aria-hidden=true]', '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[role=search]',
  // Breadcrumbs not marked as <nav>: the names Japanese sites give them (whole names only, so no wrapper is caught).
  ...['breadcrumb', 'breadcrumbs', 'pankuzu', 'topicpath', 'topic-path'].flatMap((name) => [`[id=${name} i]`, `[class~=${name}]`]),
]

/** Sectioning elements: a header/footer/aside inside one belongs to the content, not to the site. */
const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section'])

function insideSection(elem: Elem): boolean {
  for (let node = elem.parent as Elem | null; node; node = node.parent as Elem | null) {
    if (node.name && SECTIONING.has(node.name)) return true
  }
  return false
}

const formatters: Record<string, FormatCallback> = {
  /** <header>, <footer>, <aside>: the site's banner and footer unless they belong to a section of the content. */
  siteFurniture(elem, walk, builder, options) {
    if (!insideSection(elem)) return
    builder.openBlock({ leadingLineBreaks: options.leadingLineBreaks ?? 1 })
    walk(elem.children, builder)
    builder.closeBlock({ trailingLineBreaks: options.trailingLineBreaks ?? 1 })
  },
  ...tableFormatters,
}

const selectors: SelectorDefinition[] = [
  ...BLOCKS.map((selector) => ({ selector, format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } })),
  ...['header', 'footer', 'aside'].map((selector) => ({ selector, format: 'siteFurniture', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } })),
  ...NOT_CONTENT.map((selector) => ({ selector, format: 'skip' })),
  ...tableSelectors,
  { selector: 'a', options: { ignoreHref: true } },
  { selector: 'p', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
  { selector: 'ol', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
  { selector: 'hr', format: 'skip' },
]

const convert = compile({ wordwrap: false, formatters, selectors, baseElements: { selectors: ['body'] } })

/** Deepest nesting of elements read: a plan page nests some 30 deep; the converter recurses per level. */
export const MAX_NESTING = 1_000

/** Thrown by nestingDepth's parser to stop reading once the page is known to nest too deep. */
const TOO_DEEP = Symbol('too deep')

/**
 * How deep the page's elements nest, as the parser closes them (implied closings included), walked
 * without recursion; reading stops once `limit` is passed (the answer is then `limit + 1`). The parser
 * keeps its open elements in an array it grows at the front, so each element opened costs as many
 * steps as are open: 200,000 unclosed <div>s (1 MB) took 9 s to count in full, and stopping at the limit
 * keeps every page linear.
 */
export function nestingDepth(html: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0
  let deepest = 0
  const parser = new Parser({
    onopentag() {
      depth++
      if (depth > deepest) deepest = depth
      if (deepest > limit) throw TOO_DEEP
    },
    onclosetag() {
      depth--
    },
  })
  try {
    parser.end(html)
  } catch (error) {
    if (error !== TOO_DEEP) throw error
  }
  return deepest
}

/**
 * The page's text, one line per block; no trailing spaces, no runs of blank lines. A table
 * row's tabs are kept at the ends of its line too: they are its empty cells.
 */
export function htmlToText(html: string): string {
  resetTables()
  return convert(html)
    .split('\n')
    .map((line) => line.replace(/[^\S\t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n*[^\S\t\n]*/, '')
    .replace(/\n+$/, '')
}

/**
 * The page's canonical address (<link rel="canonical">), resolved against
 * `base` when relative; null when the page names none or names no http(s) URL.
 */
export function canonicalUrl(html: string, base?: string): string | null {
  const document = parseDocument(html)
  const link = DomUtils.findOne(
    (elem) => elem.name === 'link' && (elem.attribs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical') && !!elem.attribs.href,
    document.children,
  )
  if (!link) return null
  try {
    const url = new URL(link.attribs.href.trim(), base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}
