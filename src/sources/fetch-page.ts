// Fetching one page: redirects followed by hand (so a loop is named), one
// time limit for the whole exchange, a size cap, and conditional requests
// (If-None-Match / If-Modified-Since) for pages fetched before.
import { SourceError } from './errors.js'
import { PAGE_MEDIA_TYPES } from './page-text.js'

export interface FetchOptions {
  /** Time for the whole exchange, redirects and body included. */
  timeoutMs: number
  maxRedirects?: number
  maxBytes?: number
  /** Validators of the copy we hold: a 304 answer means it is still current. */
  etag?: string | null
  lastModified?: string | null
}

export type FetchResult =
  | { kind: 'not-modified'; url: string }
  | { kind: 'page'; url: string; bytes: Uint8Array; contentType: string | null; etag: string | null; lastModified: string | null }

export const USER_AGENT = 'ward-plans (open data from the city\'s published operating plans)'
const REDIRECTS = new Set([301, 302, 303, 307, 308])
const DEFAULT_MAX_REDIRECTS = 5
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024

/** Fetches `url`; a failure throws a SourceError naming the page and the reason. */
export async function fetchPage(url: string, options: FetchOptions): Promise<FetchResult> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS
  const signal = AbortSignal.timeout(options.timeoutMs)
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: `${PAGE_MEDIA_TYPES.join(', ')};q=0.9, */*;q=0.1` }
  if (options.etag) headers['if-none-match'] = options.etag
  if (options.lastModified) headers['if-modified-since'] = options.lastModified

  const visited = [checkedUrl(url, url)]
  try {
    for (;;) {
      const current = visited[visited.length - 1]
      const response = await fetch(current, { redirect: 'manual', signal, headers })
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel()
        const location = response.headers.get('location')
        if (!location) throw new SourceError(url, `HTTP ${response.status} redirect without a Location`)
        const next = checkedUrl(url, new URL(location, current).href)
        if (visited.includes(next)) throw new SourceError(url, `redirect loop: ${[...visited, next].join(' -> ')}`)
        if (visited.length > maxRedirects) throw new SourceError(url, `more than ${maxRedirects} redirects`)
        visited.push(next)
        continue
      }
      if (response.status === 304) {
        await response.body?.cancel()
        return { kind: 'not-modified', url: current }
      }
      if (!response.ok) {
        await response.body?.cancel()
        throw new SourceError(url, `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`)
      }
      return {
        kind: 'page',
        url: current,
        bytes: await readCapped(url, response, options.maxBytes ?? DEFAULT_MAX_BYTES),
        contentType: response.headers.get('content-type'),
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      }
    }
  } catch (error) {
    if (error instanceof SourceError) throw error
    throw new SourceError(url, networkReason(error, options.timeoutMs))
  }
}

function checkedUrl(page: string, url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new SourceError(page, `not a URL: ${url}`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new SourceError(page, `not an http(s) URL: ${url}`)
  return parsed.href
}

async function readCapped(page: string, response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'))
  if (declared > maxBytes) {
    await response.body?.cancel()
    throw new SourceError(page, `the page is larger than ${maxBytes} bytes`)
  }
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength
    if (size > maxBytes) throw new SourceError(page, `the page is larger than ${maxBytes} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** A one-line reason for a failed exchange: timed out, offline, refused, … */
function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no complete answer within ${timeoutMs} ms (timeout)`
  const code = e.cause?.code
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve the host (${code}: offline or no such host)`
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)'
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `connection closed by the server (${code})`
  if (code) return `${code}${e.cause?.message ? `: ${e.cause.message}` : ''}`
  return e.cause?.message ?? e.message ?? String(error)
}
