// The plan document: what the parser produces, the importer stores and
// GET /v1/plans/{id} returns. Shape and names follow shared/API.md.

export type OrganizationKind = 'ward' | 'bureau'

/** 区 / 局・室: a ward or a city bureau that publishes plans. */
export interface Organization {
  id: string
  name: string
  kind: OrganizationKind
  /** 全国地方公共団体コード with check digit, for Osaka's wards; null when unknown. */
  code: string | null
  /** The city the organization belongs to, e.g. 大阪市. */
  city: string
}

/** 予算額: the budget line of an initiative. amountYen null means "-円" (no budget line). */
export interface Budget {
  amountYen: number | null
  fiscalYear: number | null
  text: string
}

/** 具体的取組N-M-K */
export interface Initiative {
  id: string
  number: string
  title: string | null
  points: string[]
  budget: Budget | null
}

/** 戦略N-M */
export interface Strategy {
  id: string
  number: string
  title: string | null
  points: string[]
  /** SDG goal numbers (1–17) of its 関連するSDGs / 主なSDGsゴール lines. */
  sdgs: number[]
  /** Its アウトカム指標 (outcome indicators), each line as published. */
  outcomeIndicators: string[]
  initiatives: Initiative[]
}

/**
 * 経営課題N: with the state it aims for (めざす状態 / 概要 / 課題認識).
 * A sub-numbered issue 経営課題1-(2) has number 1 and subNumber 2, and the id
 * {plan}.1.2 (plain 経営課題1 keeps {plan}.1). An issue implied by its
 * strategies' numbers (no 経営課題N header on the page) has title null.
 */
export interface ManagementIssue {
  id: string
  number: number
  /** The (k) of 経営課題N-(k); null for a plain 経営課題N. */
  subNumber: number | null
  title: string | null
  aim: string | null
  /** The issue's own budget lines (FY2023 on: 令和5年度予算額 5千4百万円, 令和3年度決算額 …). */
  budgets: IssueBudget[]
  /** SDG goal numbers (1–17) of its 関連するSDGs / 主なSDGsゴール lines. */
  sdgs: number[]
  /** Its アウトカム指標 (outcome indicators), each line as published. */
  outcomeIndicators: string[]
  strategies: Strategy[]
}

/** A budget line of a management issue: 予算額 (budget) or 決算額 (settlement, what was spent). */
export interface IssueBudget {
  kind: 'budget' | 'settlement'
  amountYen: number | null
  fiscalYear: number | null
  text: string
}

/** 市政改革プラン2.0に基づく取組等: 取組項目 (item) and 取組内容 (content). */
export interface ReformItem {
  item: string | null
  content: string | null
}

/** このページの作成者・問合せ先 */
export interface Contact {
  department: string | null
  postalCode: string | null
  address: string | null
  phone: string | null
  fax: string | null
}

/**
 * How much of the plan the source text holds: the whole page ('complete'), an
 * opening cut off before the end, so the contact section and later parts are
 * missing ('excerpt'), or a page that carries only links to attachments.
 */
export type Completeness = 'complete' | 'excerpt' | 'attachments'

/** 区運営方針: one organization's plan for one fiscal year. */
export interface PlanDocument {
  id: string
  organization: Organization
  fiscalYear: number
  fiscalYearLabel: string | null
  title: string | null
  isDraft: boolean
  pageId: string | null
  updatedOn: string | null
  sourceUrl: string | null
  completeness: Completeness
  /**
   * Text published with the plan outside its sections: update notes above it
   * (進捗管理を実施しました…), blocks after the issues or the reform section
   * that are no part of them (3 その他…, 【参考】…), sections of other templates
   * (Sakai's このように…取り組みます), reviews not imported yet (中間振り返り…; the warning names
   * their issue), lines among the links after the body, a cut last line, contact lines of no field (内線…),
   * reform text of no item and SDGs text naming no goal: each line as published, each
   * such block warned about. Nothing the parser reads is dropped: what has no place is here.
   */
  notes: string[]
  /** 区の目標 */
  goals: string[]
  /** 区の使命 */
  missions: string[]
  /** 区運営の基本的な考え方 (区長の方針) */
  policy: string | null
  issues: ManagementIssue[]
  reformItems: ReformItem[]
  contact: Contact | null
  /**
   * Names of the files the page links (概要版 PDF, 様式N, the plan as a PDF), as
   * published. A page with these and no plan text has completeness 'attachments'.
   */
  attachments: string[]
  /** What the parser could not read or found missing, each naming its line. */
  warnings: string[]
}
