// The bench's rows for the HTML pages (src/pages/), beside the API's rows in
// run.ts: a plan, an organization's timeline, a comparison and a fiscal year,
// each cycling over up to 20 of them spread over the data. `--only "HTML page"`
// runs these alone.

/** Plan ids are `{organization}-{year}` or `{organization}-{year}-draft`. */
const PLAN_ID = /^(.+)-(\d{4})(-draft)?$/

/** Up to `n` items spread evenly over the list. */
const spread = <T>(items: T[], n = 20): T[] => (items.length <= n ? items : Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]))

export function pageTargets(planIds: string[]): { name: string; paths: string[] }[] {
  const plans = planIds.flatMap((id) => {
    const match = PLAN_ID.exec(id)
    return match ? [{ id, organization: match[1], fiscalYear: Number(match[2]), isDraft: match[3] !== undefined }] : []
  })
  const organizations = [...new Set(plans.map((p) => p.organization))]
  // Each organization's final plans, year after year: the comparisons its timeline links.
  const pairs = organizations.flatMap((organization) => {
    const finals = plans.filter((p) => p.organization === organization && !p.isDraft).sort((a, b) => a.fiscalYear - b.fiscalYear)
    return finals.slice(1).map((to, i) => `/compare?from=${encodeURIComponent(finals[i].id)}&to=${encodeURIComponent(to.id)}`)
  })
  const years = [...new Set(plans.map((p) => p.fiscalYear))].sort()
  return [
    { name: 'HTML page: plan', paths: spread(plans.map((p) => `/plans/${encodeURIComponent(p.id)}`)) },
    { name: 'HTML page: organization timeline', paths: spread(organizations.map((o) => `/organizations/${encodeURIComponent(o)}`)) },
    { name: 'HTML page: comparison', paths: spread(pairs) },
    { name: 'HTML page: fiscal year', paths: spread(years.map((y) => `/fiscal-years/${y}`)) },
  ]
}
