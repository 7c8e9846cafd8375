// The database schema (drizzle). One table per entity of the glossary; child
// rows carry their plan id so filters need no joins, and go with their plan
// (ON DELETE CASCADE) when a plan is re-imported.
import { type SQL, sql } from 'drizzle-orm'
import { type SQLiteColumn, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** 区 / 局・室 */
export const organizations = sqliteTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['ward', 'bureau'] }).notNull(),
    code: text('code'),
    city: text('city').notNull(),
  },
  // The list's sorts by name and by kind (services/organizations.ts).
  (t) => [index('organizations_name_idx').on(t.name, t.id), index('organizations_kind_idx').on(t.kind, t.id), index('organizations_kind_name_idx').on(t.kind, t.name, t.id)],
)

/** 区運営方針 */
export const plans = sqliteTable(
  'plans',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    fiscalYear: integer('fiscal_year').notNull(),
    fiscalYearLabel: text('fiscal_year_label'),
    title: text('title'),
    isDraft: integer('is_draft', { mode: 'boolean' }).notNull(),
    pageId: text('page_id'),
    updatedOn: text('updated_on'),
    sourceUrl: text('source_url'),
    /** complete, excerpt (the text stops before the end) or attachments (the page only links them) */
    completeness: text('completeness', { enum: ['complete', 'excerpt', 'attachments'] }).notNull().default('complete'),
    /** 区運営の基本的な考え方 (区長の方針) */
    policy: text('policy'),
    notes: text('notes', { mode: 'json' }).$type<string[]>().notNull(),
    /** Names of the files the page links (概要版 PDF, 様式N), as published. */
    attachments: text('attachments', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    warnings: text('warnings', { mode: 'json' }).$type<string[]>().notNull(),
    /** The file the plan was imported from, for provenance. */
    sourceFile: text('source_file'),
    /** When this plan id was first imported (ISO 8601); kept when the plan is replaced. */
    importedAt: text('imported_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    /** When the plan's content last changed (ISO 8601): a re-import of the same content leaves it. */
    updatedAt: text('updated_at').notNull().default(''),
    /** SHA-256 (hex) of the imported plan document, keys sorted: an identical re-import writes nothing. */
    contentSha256: text('content_sha256'),
  },
  // The plan list's filters, each walked in the list's order (id); its sorts by organization and by
  // fiscal year (services/plans.ts), alone or after the other one's filter.
  (t) => [
    index('plans_organization_idx').on(t.organizationId, t.id),
    index('plans_fiscal_year_idx').on(t.fiscalYear, t.id),
    index('plans_completeness_idx').on(t.completeness, t.id),
    index('plans_organization_year_idx').on(t.organizationId, t.fiscalYear, t.id),
    index('plans_year_organization_idx').on(t.fiscalYear, t.organizationId, t.id),
    index('plans_completeness_organization_idx').on(t.completeness, t.organizationId, t.fiscalYear, t.id),
    index('plans_completeness_year_idx').on(t.completeness, t.fiscalYear, t.organizationId, t.id),
    index('plans_draft_idx').on(t.isDraft, t.id),
    index('plans_draft_organization_idx').on(t.isDraft, t.organizationId, t.fiscalYear, t.id),
    index('plans_draft_year_idx').on(t.isDraft, t.fiscalYear, t.organizationId, t.id),
    index('plans_updated_at_idx').on(t.updatedAt, t.id),
  ],
)

/**
 * What each import and delete did to a plan, in the writing transaction: the
 * Atom feed (/feed.xml) and the dataset's last change read it. A re-import of
 * identical content writes nothing, so it records nothing.
 */
export const planEvents = sqliteTable('plan_events', {
  /** Increases with every event: the feed's order. */
  id: integer('id').primaryKey({ autoIncrement: true }),
  planId: text('plan_id').notNull(),
  kind: text('kind', { enum: ['added', 'replaced', 'deleted'] }).notNull(),
  /** ISO 8601, the plan's updatedAt for added and replaced. */
  at: text('at').notNull(),
  /** The plan's title then: a deleted plan's is gone from plans. */
  title: text('title'),
})

const planRef = () =>
  text('plan_id')
    .notNull()
    .references(() => plans.id, { onDelete: 'cascade' })

/** 区の目標, in published order */
export const goals = sqliteTable(
  'goals',
  { planId: planRef(), position: integer('position').notNull(), text: text('text').notNull() },
  (t) => [primaryKey({ columns: [t.planId, t.position] })],
)

/** 区の使命, in published order */
export const missions = sqliteTable(
  'missions',
  { planId: planRef(), position: integer('position').notNull(), text: text('text').notNull() },
  (t) => [primaryKey({ columns: [t.planId, t.position] })],
)

/** 経営課題N */
export const managementIssues = sqliteTable(
  'management_issues',
  {
    id: text('id').primaryKey(),
    planId: planRef(),
    position: integer('position').notNull(),
    /** Place in the plan in document order: the default sort and the keyset of cursors. */
    ordinal: integer('ordinal').notNull(),
    number: integer('number').notNull(),
    /** The (k) of 経営課題N-(k); null for a plain 経営課題N. */
    subNumber: integer('sub_number'),
    title: text('title'),
    aim: text('aim'),
    /** SDG goal numbers (1–17). */
    sdgs: text('sdgs', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
    /** アウトカム指標, each line as published. */
    outcomeIndicators: text('outcome_indicators', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index('management_issues_plan_idx').on(t.planId, t.ordinal)],
)

/** A budget line of a management issue: 予算額 (budget) or 決算額 (settlement). */
export const issueBudgets = sqliteTable(
  'issue_budgets',
  {
    issueId: text('issue_id')
      .notNull()
      .references(() => managementIssues.id, { onDelete: 'cascade' }),
    planId: planRef(),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['budget', 'settlement'] }).notNull(),
    amountYen: integer('amount_yen'),
    fiscalYear: integer('fiscal_year'),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.position] }), index('issue_budgets_plan_idx').on(t.planId)],
)

/** 戦略N-M */
export const strategies = sqliteTable(
  'strategies',
  {
    id: text('id').primaryKey(),
    planId: planRef(),
    issueId: text('issue_id')
      .notNull()
      .references(() => managementIssues.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    ordinal: integer('ordinal').notNull(),
    number: text('number').notNull(),
    title: text('title'),
    points: text('points', { mode: 'json' }).$type<string[]>().notNull(),
    /** SDG goal numbers (1–17). */
    sdgs: text('sdgs', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
    /** アウトカム指標, each line as published. */
    outcomeIndicators: text('outcome_indicators', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index('strategies_plan_idx').on(t.planId, t.ordinal), index('strategies_issue_idx').on(t.issueId, t.planId, t.ordinal)],
)

/** 具体的取組N-M-K, with its 予算額 (a budget line; amount null for "-円") */
export const initiatives = sqliteTable(
  'initiatives',
  {
    id: text('id').primaryKey(),
    planId: planRef(),
    issueId: text('issue_id')
      .notNull()
      .references(() => managementIssues.id, { onDelete: 'cascade' }),
    strategyId: text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    ordinal: integer('ordinal').notNull(),
    number: text('number').notNull(),
    title: text('title'),
    points: text('points', { mode: 'json' }).$type<string[]>().notNull(),
    /** NFKC of title and points, for the `q` filter: full- and half-width forms match. */
    searchText: text('search_text').notNull(),
    // Copies kept by the importer so that budget filters, sorts and totals
    // read one table through its indexes (at 1000 plans, joins cost 10x).
    /** budgets.amount_yen of this initiative (null: "-円" or no budget line). */
    budgetYen: integer('budget_yen'),
    /** plans.organization_id of this initiative's plan. */
    organizationId: text('organization_id').notNull(),
    /** plans.fiscal_year of this initiative's plan. */
    fiscalYear: integer('fiscal_year').notNull(),
  },
  (t) => [
    // Every filter of the list, walked in each sort's order (the plan's, by budget either way), so
    // a page reads its own rows and never sorts every match. The budget expressions are the sort keys
    // of services/initiatives.ts (unbudgeted last either way).
    // Each ends with budget_yen, so the budget filters (hasBudget, minBudgetYen, maxBudgetYen) are
    // checked in the index: the amount sits after the long search_text, in the row's overflow pages.
    index('initiatives_plan_idx').on(t.planId, t.ordinal, t.budgetYen),
    index('initiatives_organization_idx').on(t.organizationId, t.planId, t.ordinal, t.budgetYen),
    index('initiatives_fiscal_year_idx').on(t.fiscalYear, t.planId, t.ordinal, t.budgetYen),
    index('initiatives_issue_idx').on(t.issueId, t.planId, t.ordinal, t.budgetYen),
    index('initiatives_strategy_idx').on(t.strategyId, t.planId, t.ordinal, t.budgetYen),
    ...budgetSortIndexes('asc', sql`coalesce(${t.budgetYen}, 9007199254740991)`, t),
    ...budgetSortIndexes('desc', sql`coalesce(${t.budgetYen}, -1) desc`, t),
    // hasBudget=false in each sort: only the unbudgeted rows, in order.
    // (budget_yen, null in all, makes them covering: SQLite checks "is null" on a column it can read.)
    index('initiatives_unbudgeted_idx').on(t.planId, t.ordinal, t.budgetYen).where(sql`${t.budgetYen} is null`),
    index('initiatives_unbudgeted_budget_asc_idx').on(sql`coalesce(${t.budgetYen}, 9007199254740991)`, t.planId, t.ordinal, t.budgetYen).where(sql`${t.budgetYen} is null`),
    index('initiatives_unbudgeted_budget_desc_idx').on(sql`coalesce(${t.budgetYen}, -1) desc`, t.planId, t.ordinal, t.budgetYen).where(sql`${t.budgetYen} is null`),
    // Budget totals by group read only these.
    index('initiatives_organization_budget_idx').on(t.organizationId, t.budgetYen),
    index('initiatives_fiscal_year_budget_idx').on(t.fiscalYear, t.budgetYen),
    index('initiatives_issue_budget_idx').on(t.issueId, t.budgetYen),
    index('initiatives_strategy_budget_idx').on(t.strategyId, t.budgetYen),
  ],
)

/** The indexes of a budget sort: alone, and after each equality filter of the initiative list. */
function budgetSortIndexes(direction: 'asc' | 'desc', key: SQL, t: { budgetYen: SQLiteColumn; planId: SQLiteColumn; organizationId: SQLiteColumn; fiscalYear: SQLiteColumn; issueId: SQLiteColumn; strategyId: SQLiteColumn; ordinal: SQLiteColumn }) {
  return [
    index(`initiatives_budget_${direction}_idx`).on(key, t.planId, t.ordinal, t.budgetYen),
    ...(['plan', 'organization', 'fiscal_year', 'issue', 'strategy'] as const).map((filter) => {
      const column = { plan: t.planId, organization: t.organizationId, fiscal_year: t.fiscalYear, issue: t.issueId, strategy: t.strategyId }[filter]
      // After plan_id = ?, the plan is the same on every row: the ordinal follows the budget.
      return index(`initiatives_${filter}_budget_${direction}_idx`).on(column, key, ...(filter === 'plan' ? [] : [t.planId]), t.ordinal, t.budgetYen)
    }),
  ]
}

/** 予算額: at most one per initiative; a row with a null amount is a "-円" line. */
export const budgets = sqliteTable(
  'budgets',
  {
    initiativeId: text('initiative_id')
      .primaryKey()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    planId: planRef(),
    amountYen: integer('amount_yen'),
    fiscalYear: integer('fiscal_year'),
    text: text('text').notNull(),
  },
  (t) => [index('budgets_amount_idx').on(t.amountYen), index('budgets_plan_idx').on(t.planId)],
)

/** 市政改革プラン2.0に基づく取組等 */
export const reformItems = sqliteTable(
  'reform_items',
  {
    planId: planRef(),
    position: integer('position').notNull(),
    item: text('item'),
    content: text('content'),
  },
  (t) => [primaryKey({ columns: [t.planId, t.position] })],
)

/** 中間振り返り / 自己評価: the parser does not read them yet; the table keeps their place. */
export const reviews = sqliteTable(
  'reviews',
  {
    planId: planRef(),
    position: integer('position').notNull(),
    issueId: text('issue_id').references(() => managementIssues.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['midterm', 'selfEvaluation', 'outcome'] }).notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.position] })],
)

/** このページの作成者・問合せ先 */
export const contacts = sqliteTable('contacts', {
  planId: text('plan_id')
    .primaryKey()
    .references(() => plans.id, { onDelete: 'cascade' }),
  department: text('department'),
  postalCode: text('postal_code'),
  address: text('address'),
  phone: text('phone'),
  fax: text('fax'),
})

/**
 * One row: a random token that changes with every write to plans or
 * organizations, in the writing transaction (triggers in
 * migrations/0005_content_version.sql, so a write outside the importer moves
 * it too). Downloads record the token they were written from.
 */
export const contentVersion = sqliteTable('content_version', {
  id: integer('id').primaryKey(),
  version: text('version').notNull(),
})

/**
 * What `npm run sync` last fetched of each catalogue page: the validators for
 * conditional requests and a hash of the bytes, so an unchanged page is not
 * imported again. Written only when a page was fetched and read.
 */
export const pageFetches = sqliteTable('page_fetches', {
  /** The page's address as the catalogue lists it. */
  url: text('url').primaryKey(),
  etag: text('etag'),
  lastModified: text('last_modified'),
  /** SHA-256 (hex) of the page's bytes as last fetched. */
  contentSha256: text('content_sha256').notNull(),
  /** The plan the page was imported as. */
  planId: text('plan_id').notNull(),
  /** The last sync's outcome for the page: new, changed or unchanged. */
  status: text('status', { enum: ['new', 'changed', 'unchanged'] }).notNull(),
  /** When the page was last fetched (ISO 8601) and when its content last changed. */
  fetchedAt: text('fetched_at').notNull(),
  changedAt: text('changed_at').notNull(),
})

/**
 * The catalogue (seed/catalogue.csv): the plan pages known to be published,
 * whether or not their text has been read. An entry is not a plan: it says
 * where one is, and which plan id it gets once imported.
 */
export const catalogueEntries = sqliteTable(
  'catalogue_entries',
  {
    url: text('url').primaryKey(),
    /** The catalogue's slug column as written. */
    slug: text('slug').notNull(),
    organizationId: text('organization_id').notNull(),
    /** What the page's address tells of its organization before its text is read; null when unknown. */
    organizationName: text('organization_name'),
    city: text('city'),
    fiscalYear: integer('fiscal_year').notNull(),
    isDraft: integer('is_draft', { mode: 'boolean' }).notNull(),
    /** {organizationId}-{fiscalYear}[-draft]: the id the page's plan gets. */
    planId: text('plan_id').notNull(),
  },
  // The list's sorts (services/catalogue.ts): by organization, or by fiscal year; then by address.
  (t) => [
    index('catalogue_entries_plan_idx').on(t.planId),
    index('catalogue_entries_organization_idx').on(t.organizationId, t.fiscalYear, t.url),
    index('catalogue_entries_year_idx').on(t.fiscalYear, t.organizationId, t.url),
  ],
)
