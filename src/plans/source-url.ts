// Which source URLs a plan may carry: it is shown to people as a link (the
// landing page, the API), so only an absolute http(s) URL, never
// javascript:, data: or a relative path.

/** Why `text` is not a valid source URL, or undefined when it is one. */
export function sourceUrlProblem(text: string): string | undefined {
  const shown = JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)
  if (!/^https?:\/\//i.test(text)) return `the source URL ${shown} is not an absolute http(s) URL`
  try {
    const url = new URL(text)
    if (url.hostname === '') return `the source URL ${shown} has no host`
  } catch {
    return `the source URL ${shown} is not a valid URL`
  }
  return undefined
}
