// The pages problem `type` URLs resolve to: /problems lists every type, and
// /problems/{name} says what one means and how to fix it. The same facts as
// JSON for scripts (Accept: application/json), from PROBLEM_TYPES alone.
import { escapeHtml } from '../formats/html.js'
import { PROBLEM_TYPES, type ProblemType, problemTypeUrl } from '../plugins/problems.js'
import { htmlPage } from './layout.js'
import { label } from './parts.js'

/** A problem type as a script reads it: its URL as answers carry it, title, status, when it is met and how to fix it. */
export interface ProblemTypeDescription {
  type: string
  title: string
  status: number
  description: string
  fix: string
}

/** The types by the last segment of their path (invalid-parameter …). */
export const PROBLEM_TYPES_BY_NAME = new Map<string, ProblemType>(Object.values(PROBLEM_TYPES).map((p) => [p.type.split('/').pop()!, p]))

export function describeProblemType(problem: ProblemType, publicUrl: string | null): ProblemTypeDescription {
  return { type: problemTypeUrl(problem.type, publicUrl), title: problem.title, status: problem.status, description: problem.when, fix: problem.fix }
}

/** The README's Markdown code spans as <code>; everything else escaped. */
const prose = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>')

const footer = `<nav class="links"><a href="/problems">${label('エラーの種類', 'all problem types')}</a> <a href="/docs/">${label('API ドキュメント', 'API docs')}</a> <a href="/">${label('トップ', 'home')}</a></nav>`

export function renderProblemIndex(publicUrl: string | null): string {
  const rows = [...PROBLEM_TYPES_BY_NAME]
    .map(([name, p]) => `<tr><td><a href="/problems/${name}"><code>${escapeHtml(problemTypeUrl(p.type, publicUrl))}</code></a></td><td>${escapeHtml(p.title)}</td><td class="num">${p.status}</td><td>${prose(p.when)}</td></tr>`)
    .join('\n')
  return htmlPage(
    { title: 'Problem types (エラーの種類)', description: 'Every problem type the ward-plans API answers with: when it is met and how to fix it.', links: [{ rel: 'alternate', href: '/problems', type: 'application/json' }] },
    `<header><h1>${label('エラーの種類', 'Problem types')}</h1>
<p>API のエラーは <code>application/problem+json</code> (RFC 9457) で返り、<code>type</code> がここに示す種類を指します。<span class="en">Errors are problem details whose <code>type</code> is one of these; each page says what it means and how to fix it. Ask with <code>Accept: application/json</code> for JSON.</span></p></header>
<main><table><thead><tr><th>type</th><th>title</th><th class="num">status</th><th>${label('いつ', 'when')}</th></tr></thead><tbody>
${rows}
</tbody></table></main>
${footer}`,
  )
}

export function renderProblemPage(name: string, problem: ProblemType, publicUrl: string | null): string {
  const type = problemTypeUrl(problem.type, publicUrl)
  return htmlPage(
    { title: `${problem.title} (${problem.status}): ward-plans problem type`, description: problem.fix, links: [{ rel: 'alternate', href: `/problems/${name}`, type: 'application/json' }] },
    `<header><h1>${escapeHtml(problem.title)}</h1>
<dl><dt>type</dt><dd><code>${escapeHtml(type)}</code></dd><dt>status</dt><dd>${problem.status}</dd></dl></header>
<main>
<section id="meaning"><h2>${label('意味', 'What it means')}</h2><p>${prose(problem.when)}</p></section>
<section id="fix"><h2>${label('直し方', 'How to fix it')}</h2><p>${prose(problem.fix)}</p></section>
</main>
${footer}`,
  )
}
