// Dataset-wide facts: counts, the last import, the source pages.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'

export interface DatasetCounts {
  organizations: number
  plans: number
  issues: number
  strategies: number
  initiatives: number
  budgetedInitiatives: number
  budgetTotalYen: number | null
}

export function datasetCounts(db: Db): DatasetCounts {
  return db.get<DatasetCounts>(sql`select
    (select count(*) from organizations) as organizations,
    (select count(*) from plans) as plans,
    (select count(*) from management_issues) as issues,
    (select count(*) from strategies) as strategies,
    (select count(*) from initiatives) as initiatives,
    (select count(amount_yen) from budgets) as budgetedInitiatives,
    (select sum(amount_yen) from budgets) as budgetTotalYen`)!
}

export function lastImportedAt(db: Db): string | null {
  return db.get<{ at: string | null }>(sql`select max(imported_at) as at from plans`)!.at
}

export interface PlanSource {
  planId: string
  title: string | null
  organizationName: string
  fiscalYear: number
  /** The page the plan was read from. */
  url: string | null
}

/**
 * Each plan's source page: its `source:` URL, or else, for Osaka's plans, the
 * page its page number (ページ番号) names on www.city.osaka.lg.jp, the URL
 * scheme every Osaka plan page uses (…/{organization}/page/{10-digit page number}.html).
 */
export function planSources(db: Db): PlanSource[] {
  const rows = db.all<Omit<PlanSource, 'url'> & { sourceUrl: string | null; pageId: string | null; organizationId: string; city: string }>(sql`
    select p.id as planId, p.title, o.name as organizationName, p.fiscal_year as fiscalYear, p.source_url as sourceUrl, p.page_id as pageId,
      o.id as organizationId, o.city as city
    from plans p join organizations o on o.id = p.organization_id order by p.id`)
  return rows.map(({ sourceUrl, pageId, organizationId, city, ...plan }) => ({
    ...plan,
    url: sourceUrl ?? (pageId && city === '大阪市' ? `https://www.city.osaka.lg.jp/${organizationId}/page/${pageId.padStart(10, '0')}.html` : null),
  }))
}
