// Which source URLs a plan may carry: it is shown to people as a link (the
// landing page, the API), so only an absolute http(s) URL, never
// javascript:, data: or a relative path.

/** The longest source URL taken: the city's plan pages are some 50 characters, and browsers and servers keep to a few thousand. */
export const MAX_SOURCE_URL_LENGTH = 2048

/** Why `text` is not a valid source URL, or undefined when it is one. */
export function sourceUrlProblem(text: string): string | undefined {
  const shown = JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)
  if (text.length > MAX_SOURCE_URL_LENGTH) return `the source URL ${shown} is ${text.length} characters long; at most ${MAX_SOURCE_URL_LENGTH} are taken`
  if (!/^https?:\/\//i.test(text)) return `the source URL ${shown} is not an absolute http(s) URL`
  try {
    const url = new URL(text)
    if (url.hostname === '') return `the source URL ${shown} has no host`
  } catch {
    return `the source URL ${shown} is not a valid URL`
  }
  return undefined
}
