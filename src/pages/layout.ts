// The shell every page shares: head (title, description, alternates, JSON-LD),
// one stylesheet, no JavaScript. Readable on a phone; Japanese first.
import { escapeHtml } from '../formats/html.js'

export interface PageHead {
  title: string
  description?: string
  /** <link> elements: alternates (JSON, CSV), licence. */
  links?: { rel: string; href: string; type?: string }[]
  /** schema.org / DCAT objects, each in its own script element. */
  jsonLd?: unknown[]
}

/** JSON inside <script>: "</" would end the script element. */
const jsonInHtml = (value: unknown) => JSON.stringify(value, null, 2).replace(/</g, '\\u003c')

const STYLE = `
  body { font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; line-height: 1.6; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1a1a1a; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #ccc; margin-top: 2rem; } h3 { font-size: 1.1rem; margin-top: 1.5rem; } h4 { font-size: 1rem; }
  .en { color: #555; font-size: 0.9em; }
  table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
  th, td { border-bottom: 1px solid #e5e5e5; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
  td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  tfoot td { font-weight: bold; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; } dt { font-weight: bold; }
  code { background: #f4f4f4; padding: 0 0.2rem; word-break: break-all; }
  .licence { background: #f7f7f2; padding: 0.6rem 1rem; border-left: 4px solid #8a8a5c; }
  .notice { background: #fff8e1; padding: 0.6rem 1rem; border-left: 4px solid #c9a227; }
  nav.links a { margin-right: 1rem; }
  ins, .added { background: #e6f4ea; text-decoration: none; } del, .removed { background: #fce8e6; }
  .changed { background: #fef7e0; }
  svg.chart { max-width: 100%; height: auto; } svg.chart .bar { fill: #3b6ea5; } svg.chart .bar.partial { fill: #9db7d2; } svg.chart text { font-size: 12px; fill: #1a1a1a; }
`

export function htmlPage(head: PageHead, body: string): string {
  const links = (head.links ?? []).map((l) => `<link rel="${escapeHtml(l.rel)}" href="${escapeHtml(l.href)}"${l.type ? ` type="${escapeHtml(l.type)}"` : ''}>`).join('\n')
  const scripts = (head.jsonLd ?? []).map((data) => `<script type="application/ld+json">\n${jsonInHtml(data)}\n</script>`).join('\n')
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(head.title)}</title>
${head.description ? `<meta name="description" content="${escapeHtml(head.description)}">\n` : ''}${links}
${scripts}
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`
}
