// Dataset-wide facts: counts, the last import, the source pages, the coverage
// of the catalogue. Each reads every plan (or counts every row), so each is
// computed once per data version: the landing page, /v1/meta and the timeline
// and fiscal-year pages ask for them on every request. Callers never change what they get.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/connection.js'
import { type OrganizationCoverage, coverage, listCatalogue } from './catalogue.js'
import { datasetChangedAt } from './changes.js'
import type { Completeness } from './entities.js'
import { memoByDataVersion } from './memo.js'

const kept = memoByDataVersion<object>(8)

export interface DatasetCounts {
  organizations: number
  plans: number
  plansByCompleteness: Record<Completeness, number>
  /** Plan pages in the catalogue, and those of them whose plan is not loaded. */
  catalogueEntries: number
  catalogueEntriesNotLoaded: number
  issues: number
  strategies: number
  initiatives: number
  budgetedInitiatives: number
  budgetTotalYen: number | null
}

export function datasetCounts(db: Db): DatasetCounts {
  return kept(db, 'counts', () => countDataset(db))
}

function countDataset(db: Db): DatasetCounts {
  const { complete, excerpt, attachments, ...counts } = db.get<Omit<DatasetCounts, 'plansByCompleteness' | 'catalogueEntriesNotLoaded'> & Record<Completeness, number>>(sql`select
    (select count(*) from organizations) as organizations,
    (select count(*) from plans) as plans,
    (select count(*) from plans where completeness = 'complete') as complete,
    (select count(*) from plans where completeness = 'excerpt') as excerpt,
    (select count(*) from plans where completeness = 'attachments') as attachments,
    (select count(*) from catalogue_entries) as catalogueEntries,
    (select count(*) from management_issues) as issues,
    (select count(*) from strategies) as strategies,
    (select count(*) from initiatives) as initiatives,
    (select count(amount_yen) from budgets) as budgetedInitiatives,
    (select sum(amount_yen) from budgets) as budgetTotalYen`)!
  const catalogueEntriesNotLoaded = listCatalogue(db, { loaded: false }, { limit: 1 }).page.total
  return { ...counts, plansByCompleteness: { complete, excerpt, attachments }, catalogueEntriesNotLoaded }
}

/** The last import or delete that changed the data (a re-import of the same content is none). */
export function lastImportedAt(db: Db): string | null {
  return datasetChangedAt(db)
}

export interface PlanSource {
  planId: string
  title: string | null
  organizationId: string
  organizationName: string
  /** The organization's city: names such as 西区 or 中区 recur across cities. */
  city: string
  fiscalYear: number
  isDraft: boolean
  completeness: Completeness
  /** The page the plan was read from. */
  url: string | null
}

/**
 * Each plan's source page: its `source:` URL, or else, for Osaka's plans, the
 * page its page number (ページ番号) names on www.city.osaka.lg.jp, the URL
 * scheme every Osaka plan page uses (…/{organization}/page/{10-digit page number}.html).
 */
export function planSources(db: Db): readonly PlanSource[] {
  return kept(db, 'sources', () => readPlanSources(db))
}

/** Organizations by fiscal years: every loaded plan and every catalogued page without one (services/catalogue.ts). */
export function datasetCoverage(db: Db): readonly OrganizationCoverage[] {
  return kept(db, 'coverage', () => coverage(db, planSources(db)))
}

function readPlanSources(db: Db): PlanSource[] {
  const rows = db.all<Omit<PlanSource, 'url' | 'isDraft'> & { isDraft: number; sourceUrl: string | null; pageId: string | null }>(sql`
    select p.id as planId, p.title, o.id as organizationId, o.name as organizationName, o.city as city, p.fiscal_year as fiscalYear,
      p.is_draft as isDraft, p.completeness, p.source_url as sourceUrl, p.page_id as pageId
    from plans p join organizations o on o.id = p.organization_id order by p.id`)
  return rows.map(({ sourceUrl, pageId, isDraft, ...plan }) => ({
    ...plan,
    isDraft: isDraft === 1,
    url: sourcePageUrl({ sourceUrl, pageId, city: plan.city, organizationId: plan.organizationId }),
  }))
}

/** A plan's source page: its `source:` URL, or the Osaka page its page number names (see planSources). */
export function sourcePageUrl(plan: { sourceUrl: string | null; pageId: string | null; city: string; organizationId: string }): string | null {
  return plan.sourceUrl ?? (plan.pageId && plan.city === '大阪市' ? `https://www.city.osaka.lg.jp/${plan.organizationId}/page/${plan.pageId.padStart(10, '0')}.html` : null)
}
