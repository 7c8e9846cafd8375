// Small pieces of text every page writes the same way.
import { escapeHtml } from '../formats/html.js'
import type { Completeness } from '../services/entities.js'

/** How much of each plan was read, as the plan list says it. */
export const COMPLETENESS_LABELS: Record<Completeness, string> = {
  complete: '全文 <span class="en">complete</span>',
  excerpt: '抜粋 <span class="en">excerpt: the text stops before the end</span>',
  attachments: '添付のみ <span class="en">attachments only</span>',
}

/** The same, as one short mark (a grid cell, a chart's note). */
export const COMPLETENESS_MARKS: Record<Completeness, string> = { complete: '全文', excerpt: '抜粋', attachments: '添付' }

/** Names such as 西区 or 中区 recur across cities: an organization is shown with its city. */
export const withCity = (city: string | null, name: string | null, id: string) => escapeHtml(name === null ? `${city ? `${city} ` : ''}${id}` : `${city ?? ''}${name}`)

/** Whole yen with separators (48,639,000 円); an unknown amount ("-円", no line) is a dash, never 0. */
export const yen = (amount: number | null | undefined) => (amount === null || amount === undefined ? '—' : `${amount.toLocaleString('ja-JP')} 円`)

/** A heading: Japanese first, the English label after. */
export const label = (ja: string, en: string) => `${ja} <span class="en">${en}</span>`

/** Where a plan's page is, on this server. */
export const planPath = (id: string) => `/plans/${encodeURIComponent(id)}`
export const organizationPath = (id: string) => `/organizations/${encodeURIComponent(id)}`
export const fiscalYearPath = (fiscalYear: number) => `/fiscal-years/${fiscalYear}`
export const comparePath = (from: string, to: string) => `/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`
