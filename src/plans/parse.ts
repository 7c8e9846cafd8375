// Plan text -> plan document. A line-by-line reader of the 区運営方針 template
// as it varies across wards, bureaus and fiscal years (see shared/DOMAIN.md).
// Matching happens on NFKC text; everything stored is the published text.
import { ACROBAT_NOTE, isAttachmentLine } from './attachments.js'
import { isColumnHeaderRow, isColumnNameLine } from './columns.js'
import { isBudgetLine, isRemarkLine, issueBudgetOf, issueBudgetParts, looksLikeIssueBudget, readYen } from './budget.js'
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR, fiscalYearOf, isFiscalYear, westernYear } from './era.js'
import { PlanParseError } from './errors.js'
import { completenessOf, endsContactBlock, isSentence, readCutLastLine } from './excerpt.js'
import {
  AIM_LABEL,
  APPENDIX_HEADING,
  ATTACHMENT_CAPTION,
  BOILERPLATE,
  CIRCLED_STRATEGY,
  DATE,
  DATE_LIKE,
  INITIATIVE_HEADER,
  INITIATIVE_LIST_LABEL,
  ISSUE_HEADER,
  OUTCOME_LABEL,
  PAGE_FURNITURE,
  PAGE_ID,
  PAGE_NUMBER,
  SIDE_LABEL,
  SOURCE,
  STRATEGY_HEADER,
  STRATEGY_LIST_LABEL,
  TITLED_INITIATIVE,
  TITLED_STRATEGY,
  TRAILER,
  isBareLabel,
  isContactHeader,
  issueNumber,
  isPlanFileLink,
  isTitle,
  titleMatch,
  titleYearLabel,
  isUpdatedTitle,
  MAX_HEADER_NUMBER,
  OVER_NUMBERED_HEADER,
  sectionNumber,
} from './headers.js'
import { fiscalYearFromUrl, isOtherCityUrl, resolveOrganization } from './organizations.js'
import { type ReformDraft, readReformLine } from './reform.js'
import { readContactLine } from './contact.js'
import { isHeading, startsIssuesPart, titleAndAmount, withoutListMark, withoutListNumber } from './marks.js'
import { placeSectionRest, readSectionHeader, sectionHeaderOf } from './sections.js'
import { SDG_LABEL, isSdgGoalLine, sdgNumbers } from './sdgs.js'
import { sourceUrlProblem } from './source-url.js'
import { type BudgetRemarkTarget, addIssueBudget, addIssueBudgets, issueBudgetLines, joinSplitBudgets, listBudgetYearOf, setInitiativeBudget } from './budget-lines.js'
import { CLOSE_BRACKETS, type Line, OPEN_BRACKETS, bulletEnd, headerTitle, joinLines, labelledRowLines, linesOf, rawSlice, toLine, unwrapped, withoutBullet } from './text.js'
import type { Contact, Initiative, ManagementIssue, PlanDocument, Strategy } from './types.js'

type Section = 'header' | 'goals' | 'missions' | 'policy' | 'issues' | 'reform' | 'appendix' | 'unmapped' | 'trailer' | 'contact'
type IssueBlock = 'aim' | 'strategyList' | 'strategy' | 'initiativeList' | 'initiative' | 'side' | 'sdgs' | 'outcome'
type DraftIssue = ManagementIssue & { aimLines: string[]; firstLine: number; implied?: boolean }
/** A strategy's or initiative's number as stored, given its published one: see distinctNumber. */
type ClaimNumber = (published: string, line: Line, what: 'strategy' | 'initiative') => string

interface Draft {
  issue?: DraftIssue
  strategy?: Strategy
  initiative?: Initiative
  block: IssueBlock
  listBudgetYear?: number
  /** The current issue's strategies come from an unnumbered 主な戦略 list. */
  unnumbered?: boolean
  /** The page has a 重点的に取り組む経営課題 header: strategies may come without 経営課題N headers. */
  issuesHeader?: boolean
  /** The block to return to after SDGs lines. */
  resumeBlock?: IssueBlock
  /** The issue or strategy that SDGs and outcome-indicator lines belong to. */
  sideTarget?: ManagementIssue | Strategy
  /** Where a remark alone on the next line goes, when the line just read ended in a budget (see BudgetRemarkTarget). */
  budgetRemark?: BudgetRemarkTarget
}

/** Parses one plan text. `file` names the input in errors and warnings. */
export function parsePlan(text: string, file = '<input>'): PlanDocument {
  const rawLines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  refuseGarbage(rawLines, file)

  let sourceUrl: string | null = null
  let first = 0
  const sourceMatch = SOURCE.exec(rawLines[0].trim())
  if (sourceMatch?.groups) {
    sourceUrl = sourceMatch.groups.url
    const problem = sourceUrlProblem(sourceUrl)
    if (problem) throw new PlanParseError(file, 1, problem, "a first line 'source: https://…'")
    first = 1
  }
  const lines: Line[] = []
  for (let i = first; i < rawLines.length; i++) {
    const line = toLine(i + 1, rawLines[i])
    if (line.norm !== '') lines.push(line)
  }
  if (lines.length === 0) throw new PlanParseError(file, first + 1, 'the file has no text', 'a plan text')

  joinSplitHeaders(lines)
  const warnings: string[] = []
  const cutLine = readCutLastLine(lines, warnings)
  const titleLine = lines.find((l) => isTitle(l))
  const otherCity = isOtherCityUrl(sourceUrl)
  if (!titleLine && !otherCity) {
    throw new PlanParseError(file, lines[0].no, 'no plan title found', "a title line such as '平成29年度 旭区運営方針' (…年度 …運営方針)")
  }
  const title = titleLine ? titleMatch(titleLine)!.groups! : undefined
  // Other cities' pages (Sakai's) are headed by the office's name (東区役所): that heading is their title.
  const headingLine = titleLine ?? (otherCity ? lines.find((l) => /役所$/.test(l.norm)) : undefined)
  const orgResult = resolveOrganization({ nameInTitle: title ? title.name || null : (headingLine?.raw ?? null), sourceUrl })
  if ('problem' in orgResult) {
    throw new PlanParseError(file, orgResult.atSource ? 1 : (headingLine?.no ?? lines[0].no), orgResult.problem, orgResult.expected ?? 'an Osaka ward or bureau name in the title (旭区, 総務局)')
  }
  if (orgResult.warning) warnings.push(`line ${titleLine?.no}: ${orgResult.warning}`)
  const organization = orgResult.organization

  let fiscalYear: number
  let fiscalYearLabel: string | null = null
  if (title) {
    const read = fiscalYearOf(title.fy)
    fiscalYear = read.year
    fiscalYearLabel = titleYearLabel(titleLine!)
    // 9999年度, 平成100年度, 令和0年度: no plan's year, and no API could be asked for it.
    if (!isFiscalYear(fiscalYear)) {
      throw new PlanParseError(file, titleLine!.no, `the title's fiscal year '${fiscalYearLabel}' is no year from ${MIN_FISCAL_YEAR} to ${MAX_FISCAL_YEAR}`, `a title's fiscal year from 平成元年度 (${MIN_FISCAL_YEAR}) to ${MAX_FISCAL_YEAR}, such as 平成29年度, 令和5年度 or 2023年度`)
    }
    // 2017(平成30)年度: the two cannot both be right; the year written first is the title's own.
    if (read.beside !== null && read.beside !== read.year) warnings.push(`line ${titleLine!.no}: the title gives two fiscal years, ${read.year} and ${read.beside} ('${fiscalYearLabel}'); ${read.year}, written first, was read`)
  } else {
    const fromUrl = fiscalYearFromUrl(sourceUrl)
    if (fromUrl === undefined || !isFiscalYear(fromUrl)) throw new PlanParseError(file, fromUrl === undefined ? lines[0].no : 1, fromUrl === undefined ? 'no fiscal year found' : `the source URL's fiscal year ${fromUrl} is no year from ${MIN_FISCAL_YEAR} to ${MAX_FISCAL_YEAR}`, 'a title with …年度 or a source URL naming the year')
    fiscalYear = fromUrl
    warnings.push('no title line: the fiscal year is read from the source URL')
  }
  const isDraft = !!title?.draft

  const plan: PlanDocument = {
    id: `${organization.id}-${fiscalYear}${isDraft ? '-draft' : ''}`,
    organization,
    fiscalYear,
    fiscalYearLabel,
    title: headingLine ? headingLine.raw : null,
    isDraft,
    pageId: null,
    updatedOn: null,
    sourceUrl,
    // Set once the body is read: only a text that reaches the contact section is whole.
    completeness: 'excerpt',
    notes: [],
    goals: [],
    missions: [],
    policy: null,
    issues: [],
    reformItems: [],
    contact: null,
    attachments: [],
    warnings,
  }
  readBody(plan, lines, headingLine, file)
  // A last line that may be cut is read as no field, but kept: the notes hold it as published (a warning said so).
  if (cutLine) plan.notes.push(withoutBullet(cutLine))
  return plan
}





/** YYYY-MM-DD of a day that exists (no 13th month, no 30 February), else null. */
function calendarDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}

function refuseGarbage(rawLines: string[], file: string): void {
  if (rawLines.every((l) => l.trim() === '')) {
    throw new PlanParseError(file, 1, 'the file is empty', 'a plan text')
  }
  // C0 and C1 controls (DEL, NEL …) and U+FFFD: bytes of a binary file or of a text decoded with the wrong charset.
  const controlAt = rawLines.findIndex((l) => /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffd]/.test(l))
  if (controlAt >= 0) {
    throw new PlanParseError(file, controlAt + 1, 'binary data (control characters)', 'a UTF-8 plan text')
  }
  // A lone UTF-16 surrogate (a string built in code, or JSON's \ud800): no UTF-8 text holds one, and the
  // importer refuses it; refused here, naming its line, rather than read into a plan no import takes.
  const surrogateAt = rawLines.findIndex((l) => /\p{Cs}/u.test(l))
  if (surrogateAt >= 0) {
    throw new PlanParseError(file, surrogateAt + 1, 'a lone UTF-16 surrogate, which is no Unicode character', 'a UTF-8 plan text')
  }
  const firstText = rawLines.findIndex((l) => l.trim() !== '')
  if (/^<(?:!doctype|html|\?xml|head|body)\b/i.test(rawLines[firstText].trim())) {
    throw new PlanParseError(file, firstText + 1, 'this is HTML markup', "the plan page's text (copy the page text, not its HTML)")
  }
}

function readBody(plan: PlanDocument, lines: Line[], titleLine: Line | undefined, file: string): void {
  let section: Section = 'header'
  let policyLines: string[] = []
  const reform: ReformDraft = {}
  /**
   * A block with no place in the template: a section of another template (not imported), or
   * what follows the issues or the reform section (kept in notes), `after` them.
   */
  let aside: { from: Line; kind: 'unmapped' | 'appendix'; after?: EndedSection } | undefined
  let reformNumber: SectionNumber | undefined
  let issuesNumber: SectionNumber | undefined
  /** The last numbered line of the issue, strategy or initiative being read: a list's 2 follows its 1. */
  let listed: SectionNumber | undefined
  const draft: Draft = { block: 'aim' }
  const seenIds = new Map<string, number>()
  /** The last _k given to each published number (distinctNumber). */
  const lastSuffixes = new Map<string, number>()
  const contact: Contact = { department: null, postalCode: null, address: null, phone: null, fax: null }
  let sawSection = false

  const closeAside = (endLine: number) => {
    if (aside?.kind === 'unmapped') plan.warnings.push(`lines ${aside.from.no}-${endLine}: section '${aside.from.raw}' is not part of the plan template: kept in the plan's notes as published`)
    if (aside?.kind === 'appendix') plan.warnings.push(`lines ${aside.from.no}-${endLine}: '${aside.from.raw}' ${APPENDIX_WARNING[aside.after!]}`)
    aside = undefined
  }
  /** A block ending the issues or the reform section: its text goes to the notes (the section it is, returned). */
  const startAppendix = (line: Line, after: EndedSection): Section => {
    aside = { from: line, kind: 'appendix', after }
    plan.notes.push(withoutBullet(line))
    return 'appendix'
  }
  /** Where a header line not read goes (see case 'header'): the notes, unless it is above the title. */
  const keptAsNote = (line: Line) => (!titleLine || line.no > titleLine.no ? "; the line is kept in the plan's notes as published" : '')
  /**
   * After the body, the page's links to the plan's files and their captions (改定履歴, 策定経過) come
   * before its furniture (SNSリンク…, 探している情報が見つからない, the contact section's mail form),
   * after which nothing is the plan's (`furniture`).
   */
  let furniture = false
  /** A line among the links after the body: a caption is an attachment's, furniture ends them, any other line is kept in the notes, and said. */
  const placeTrailerLine = (line: Line) => {
    if (PAGE_FURNITURE.test(line.norm)) furniture = true
    else if (ATTACHMENT_CAPTION.test(line.norm)) plan.attachments.push(withoutBullet(line))
    else if (!ACROBAT_NOTE.test(line.norm) && !isUpdatedTitle(line)) {
      plan.notes.push(withoutBullet(line))
      plan.warnings.push(`line ${line.no}: '${line.raw}' follows the plan's attached files and is none of them: kept in the plan's notes`)
    }
  }
  const claimNumber: ClaimNumber = (number, line, what) => {
    const distinct = distinctNumber(number, (n) => seenIds.has(`${plan.id}.${n}`), lastSuffixes)
    if (distinct !== number) plan.warnings.push(`line ${line.no}: ${what} ${number} is numbered twice (first on line ${seenIds.get(`${plan.id}.${number}`)}): '${line.raw}' is kept as ${what} ${distinct}`)
    seenIds.set(`${plan.id}.${distinct}`, line.no)
    return distinct
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const inner = unwrapped(line).text
    if (BOILERPLATE.test(line.norm)) continue
    // A bullet mark alone carries no text: no empty goal, point or note is made of it.
    if (withoutBullet(line) === '') continue
    // Links to attached files end the plan's text (or stand in for it). Inside the
    // body, a line naming the plan (…運営方針(改定)について) is a link only as the closing caption.
    const namesPlanFile = isPlanFileLink(line) && (section === 'header' || section === 'trailer' || isUpdatedTitle(line))
    if (section !== 'contact' && line !== titleLine && isAttachmentLine(line.norm, lines[i + 1]?.norm, namesPlanFile)) {
      plan.attachments.push(withoutBullet(line))
      if (section !== 'header' && section !== 'trailer') {
        closeAside(line.no - 1)
        section = 'trailer'
        furniture = false
      }
      continue
    }
    if (section === 'header' && (isTitle(line, true) || ACROBAT_NOTE.test(line.norm))) continue

    // Header facts may appear before or between the first sections.
    if (section === 'header') {
      const date = DATE.exec(line.norm)?.groups
      if (date && plan.updatedOn === null) {
        const year = date.y !== undefined ? Number(date.y) : westernYear(date.era, date.eraYear)
        const day = calendarDate(year, Number(date.m ?? date.sepM), Number(date.d ?? date.sepD))
        if (day !== null) {
          plan.updatedOn = day
          continue
        }
        plan.warnings.push(`line ${line.no}: '${line.raw}' is not a date of the calendar; the update date is left unknown${keptAsNote(line)}`)
      }
      const page = PAGE_ID.exec(line.norm)?.groups
      if (page && plan.pageId === null) {
        if (PAGE_NUMBER.test(page.id)) {
          plan.pageId = page.id
          continue
        }
        plan.warnings.push(`line ${line.no}: '${line.raw}' is no page number (ページ番号) of 1 to 12 digits; the page number is left unknown${keptAsNote(line)}`)
      }
      // A date that cannot be read (30年6月7日, 昭和63年…, 更新日:不明) is kept where it falls, and said.
      if (!date && DATE_LIKE.test(line.norm)) plan.warnings.push(`line ${line.no}: '${line.raw}' looks like the update date (更新日) but cannot be read as a date${keptAsNote(line)}`)
    }

    // A row led by a section's header cell: the header, then its cells' lines (see labelledRowLines).
    const labelled = section === 'contact' ? undefined : labelledRowLines(line, (cell) => isSectionLabel(cell, section))
    if (labelled) {
      lines.splice(i, 1, ...labelled)
      i--
      continue
    }
    if (section !== 'contact' && isContactHeader(line)) {
      closeAside(line.no - 1)
      section = 'contact'
      continue
    }
    if (section === 'contact') {
      // A contact block above the body (a page's sidebar emitted first) ends at the next section
      // (or at the title, date or page number above it); after the body, the page's own is its last.
      if (!sawSection && endsContactBlock(line)) {
        section = 'header'
        i--
        continue
      }
      const read = readContactLine(contact, line)
      // 内線:123, an e-mail address: the contact has no field for it, so the plan's notes keep it.
      if (read === 'unplaced') {
        plan.notes.push(withoutBullet(line))
        plan.warnings.push(`line ${line.no}: '${line.raw}' in the contact section is none of department, postal code, address, phone and fax: kept in the plan's notes as published`)
      }
      if (read === 'end') {
        section = 'trailer'
        furniture = true
      }
      continue
    }
    if (section === 'trailer') {
      // A contact block and its furniture above the body (a sidebar emitted first): the body follows.
      if (!sawSection && endsContactBlock(line)) {
        section = 'header'
        i--
      } else if (!furniture) placeTrailerLine(line)
      continue
    }
    if (TRAILER.test(line.norm) || ACROBAT_NOTE.test(line.norm) || (sawSection && isUpdatedTitle(line))) {
      closeAside(line.no - 1)
      section = 'trailer'
      furniture = false
      placeTrailerLine(line)
      continue
    }

    // 区の目標:にぎわい… is a header only where the sections before the issues may still come; 目標:… only before the policy.
    const header = readSectionHeader(line, section === 'header' || section === 'goals' || section === 'missions' ? 'any' : section === 'policy' ? 'qualified' : 'none')
    if (header) {
      const next = header.section
      closeAside(line.no - 1)
      if (next === 'unmapped') {
        aside = { from: line, kind: 'unmapped' }
        plan.notes.push(withoutBullet(line))
      }
      if (next === 'reform') reformNumber = sectionNumber(inner)
      if (next === 'issues') {
        draft.issuesHeader = true
        issuesNumber = sectionNumber(inner)
      }
      section = next
      sawSection = true
      if (header.rest) placeSectionRest(plan, next, header.rest, { policyLines, reform })
      continue
    }
    // An issue, strategy or initiative header starts the issues part even where
    // the template has no section header (and is refused there if out of order);
    // in the reform section and the block after it, such a number is their text's.
    // A block that ended the issues (a 参考 among them) ends at the next such header.
    const resumesIssues = section === 'appendix' && aside?.after === 'issues'
    if ((resumesIssues || (section !== 'reform' && section !== 'appendix')) && startsIssuesPart(line)) {
      if (resumesIssues) closeAside(line.no - 1)
      section = 'issues'
    }

    switch (section) {
      case 'header':
        // Above the title is the site's own furniture (a ward site's header), not notes.
        if (!titleLine || line.no > titleLine.no) plan.notes.push(withoutBullet(line))
        break
      case 'goals':
        plan.goals.push(withoutBullet(line))
        break
      case 'missions':
        plan.missions.push(withoutBullet(line))
        break
      case 'policy':
        policyLines.push(line.raw)
        break
      case 'issues': {
        // A table's header row (取組名 | 取組内容 | 予算額, or its names a line each) is no text.
        const header = columnHeaderLength(lines, i)
        // A line not read as the issue's ends what a remark on the next line could belong to.
        if (header > 0) {
          i += header - 1
          draft.budgetRemark = undefined
        }
        // A list number before a header (2. 【経営課題2】, 2 経営課題2 from an <ol>) numbers the header, and ends nothing.
        else if (withoutListMark(line) === line && endsSection(line, issuesNumber, 'issues', inList(line, draft, listed))) {
          section = startAppendix(line, 'issues')
          draft.budgetRemark = undefined
        }
        else {
          const part = [draft.issue, draft.strategy, draft.initiative]
          readIssueLine(plan, draft, line, file, claimNumber)
          // A numbered list runs within one issue, strategy or initiative.
          if (part[0] !== draft.issue || part[1] !== draft.strategy || part[2] !== draft.initiative) listed = undefined
          // A header's list number (2. 【経営課題2】) numbers the headers, not a list of its text.
          listed = withoutListMark(line) !== line ? undefined : (sectionNumber(line.norm.slice(bulletEnd(line))) ?? listed)
        }
        break
      }
      case 'reform':
        if (endsSection(line, reformNumber, 'reform')) section = startAppendix(line, 'reform')
        else readReformLine(plan, reform, line)
        break
      case 'appendix':
        plan.notes.push(withoutBullet(line))
        break
      case 'unmapped':
        // Another template's section (Sakai's このように行財政改革に取り組みます): no place in this one, so the notes.
        plan.notes.push(withoutBullet(line))
        break
    }
  }
  closeAside(lines[lines.length - 1].no)
  for (const issue of plan.issues) finishIssue(issue as DraftIssue)

  plan.policy = policyLines.length > 0 ? policyLines.join('\n') : null
  if (Object.values(contact).some((v) => v !== null)) plan.contact = contact
  plan.completeness = completenessOf(plan)
  if (plan.completeness === 'attachments') {
    plan.warnings.push(`the page carries the plan only as attachments, which were not read: ${plan.attachments.join(', ')}`)
    const facts = [plan.updatedOn === null && 'update date (更新日)', plan.pageId === null && 'page number (ページ番号)'].filter(Boolean)
    if (facts.length > 0) plan.warnings.push(`not found: ${facts.join(', ')}`)
    return
  }

  // A title and nothing else is not a plan; with the page's date or number it is a real page cut short.
  if (!sawSection && plan.issues.length === 0 && plan.updatedOn === null && plan.pageId === null) {
    throw new PlanParseError(file, titleLine?.no ?? lines[0].no, 'no plan sections found after the title', 'sections such as 区の目標, 区の使命, 区運営の基本的な考え方 or 経営課題')
  }
  const missing = [
    plan.updatedOn === null && 'update date (更新日)',
    plan.pageId === null && 'page number (ページ番号)',
    plan.goals.length === 0 && 'goals (区の目標)',
    plan.missions.length === 0 && 'missions (区の使命)',
    plan.policy === null && 'policy (区運営の基本的な考え方)',
    plan.issues.length === 0 && 'management issues (経営課題)',
    plan.contact === null && 'contact (このページの作成者・問合せ先)',
  ].filter(Boolean)
  if (missing.length > 0) plan.warnings.push(`not found${plan.completeness === 'excerpt' ? ' (the text is cut off)' : ''}: ${missing.join(', ')}`)
}

/**
 * A cell heading a section (区の目標, 区運営の基本的な考え方, このページの作成者・問合せ先) that can
 * come after `current`: among the issues, a 目標 cell is an indicator's target, not the goals.
 */
function isSectionLabel(cell: Line, current: Section): boolean {
  const next = sectionHeaderOf(unwrapped(cell).text)
  const later = ['header', 'goals', 'missions', 'policy'].includes(current) || next === 'issues' || next === 'reform'
  return (next !== undefined && later) || isContactHeader(cell)
}

/** A cell heading an issue's part: an issue or strategy header, or a label (めざす状態, アウトカム指標, 関連するSDGs). */
function isIssueLabel(cell: Line): boolean {
  const inner = unwrapped(cell).text
  return isNumberedHeader(cell) || [AIM_LABEL, STRATEGY_LIST_LABEL, INITIATIVE_LIST_LABEL, OUTCOME_LABEL, SDG_LABEL, SIDE_LABEL].some((re) => re.test(inner))
}

/** An issue or strategy header, bracketed or with its keyword. */
function isNumberedHeader(cell: Line): boolean {
  const line = withoutListMark(cell)
  const strategy = STRATEGY_HEADER.exec(line.norm)?.groups
  return ISSUE_HEADER.test(line.norm) || !!(strategy && (strategy.open || strategy.kw))
}

/** An issue or strategy header cell with no title of its own (【戦略1-1】): its title is the next cell. */
function wantsTitle(cell: Line): boolean {
  const line = withoutListMark(cell)
  const m = ISSUE_HEADER.exec(line.norm) ?? STRATEGY_HEADER.exec(line.norm)
  return m !== null && isNumberedHeader(cell) && headerTitle(line, m[0].length, m.groups?.open !== undefined).title === null
}

/** The lines from `i` that make a table's header row: one row of names, or two or more names a line each; else 0. */
function columnHeaderLength(lines: Line[], i: number): number {
  if (isColumnHeaderRow(lines[i])) return 1
  let n = 0
  while (i + n < lines.length && isColumnNameLine(lines[i + n])) n++
  return n >= 2 ? n : 0
}

type SectionNumber = NonNullable<ReturnType<typeof sectionNumber>>
/** The sections a block can end before the page's furniture (see endsSection). */
type EndedSection = 'issues' | 'reform'

const APPENDIX_WARNING: Record<EndedSection, string> = {
  issues: "follows the management issues and is no part of them: kept in the plan's notes, not in the issue, strategy or initiative above it",
  reform: "follows the reform section and is no part of it: kept in the plan's notes, not in its last item",
}

/**
 * What ends the issues or the reform section before the page's furniture: a 参考/その他 block,
 * or a later section's heading, numbered in the form of the section header's (3 その他… after
 * 2 「市政改革プラン2.0」に基づく取組等) and no sentence. Among the issues, whose header may carry
 * no number, and after which the next section (the reform plan's) may be missing, any numbered
 * line that is no sentence, no 1 (a list's start) and no item of a list being read (`inList`)
 * ends them (4 その他, (2) 参考資料); so does a 参考 label as a line of its own or marked ※参考 /
 * 参考: (a bracketed (参考)前年度の実績… is a remark of the initiative's). Its text is no part of
 * the section.
 */
function endsSection(line: Line, header: SectionNumber | undefined, section: EndedSection, inList = false): boolean {
  const text = line.norm.slice(bulletEnd(line))
  const label = APPENDIX_HEADING.exec(text)
  if (label && (section === 'reform' || label[0].trim() === text || /^※|:$/.test(label[0].trim()))) return true
  const number = sectionNumber(line.norm)
  if (number === undefined || isSentence(line)) return false
  if (section === 'reform') return header !== undefined && number.form === header.form && number.n === header.n + 1
  const withinHeader = header !== undefined && header.form === number.form && number.n <= header.n
  return number.n >= 2 && !inList && !withinHeader
}

/** A numbered line that is an item of a list: the next of the one being read (`listed`), or an SDGs goal under its label (3 すべての人に健康と福祉を). */
function inList(line: Line, draft: Draft, listed: SectionNumber | undefined): boolean {
  const number = sectionNumber(line.norm.slice(bulletEnd(line)))
  if (number === undefined) return false
  if (draft.block === 'sdgs' && isSdgGoalLine(line.norm.slice(bulletEnd(line)).trim())) return true
  return listed !== undefined && listed.form === number.form && number.n === listed.n + 1
}

/**
 * A numbered header whose bracket closes on the next line (a heading broken by
 * <br>: 【経営課題1 / 安全・安心】) is one line: its title keeps the break as
 * published. A header left open at the text's end stays for the excerpt rule.
 */
function joinSplitHeaders(lines: Line[]): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    if (isTitleOnNextLine(lines[i], lines[i + 1])) {
      lines.splice(i, 2, joinLines(lines[i], lines[i + 1]))
      continue
    }
    const line = withoutListMark(lines[i])
    const header = ISSUE_HEADER.exec(line.norm) ?? INITIATIVE_HEADER.exec(line.norm) ?? STRATEGY_HEADER.exec(line.norm)
    if (!header?.groups?.open || closesBracket(line.norm.slice(header[0].length))) continue
    const next = lines[i + 1]
    const close = firstBracket(next.norm)
    if (close === undefined || !CLOSE_BRACKETS.includes(close) || startsIssuesPart(next)) continue
    lines.splice(i, 2, joinLines(lines[i], next))
  }
}

/**
 * 【経営課題1】 with nothing after its number, and its title on the next line: a short line
 * that is no header, label, bullet point, budget or sentence (。).
 */
function isTitleOnNextLine(published: Line, next: Line): boolean {
  const line = withoutListMark(published)
  const issue = ISSUE_HEADER.exec(line.norm)
  if (!issue?.groups?.open || headerTitle(line, issue[0].length, true).title !== null) return false
  const text = withoutListMark(next).norm
  const numbered = ISSUE_HEADER.test(text) || STRATEGY_HEADER.exec(text)?.groups?.open || INITIATIVE_HEADER.exec(text)?.groups?.open
  return text.length <= 60 && !/。$/.test(text) && bulletEnd(next) === 0 && !numbered && !startsIssuesPart(next) && !isBareLabel(next) && !issueBudgetOf(text) && !issueBudgetParts(text) && !isBudgetLine(text)
}

/** The first bracket of a text, opening or closing. */
function firstBracket(norm: string): string | undefined {
  return [...norm].find((ch) => OPEN_BRACKETS.includes(ch) || CLOSE_BRACKETS.includes(ch))
}

function closesBracket(norm: string): boolean {
  return [...norm].some((ch) => CLOSE_BRACKETS.includes(ch))
}


/**
 * A table row of initiatives (cells split by tabs: 【具体的取組1-1-1 title】, a point, 7,133千円):
 * its cells as lines of their own, so the header, its points and its budget are each read. A
 * header cell without its title takes the next cell (具体的取組1-1-1 | title | budget). Other
 * rows (a row of column names) stay one line.
 */
function tableCells(line: Line): Line[] | undefined {
  if (!line.cells) return undefined
  const cells = line.cells.map((cell) => toLine(line.no, cell)).filter((cell) => cell.norm !== '')
  const initiativeHeader = (cell: Line) => {
    const header = withoutListMark(cell)
    const m = INITIATIVE_HEADER.exec(header.norm)
    return m !== null && (m.groups?.open !== undefined || m.groups?.kw !== undefined) ? { header, m } : undefined
  }
  if (cells.length < 2 || !cells.some((cell) => initiativeHeader(cell) || isBudgetLine(cell.norm))) return undefined
  const rows: Line[] = []
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]
    const next = cells[i + 1]
    const found = initiativeHeader(cell)
    const titleless = found !== undefined && headerTitle(found.header, found.m[0].length, found.m.groups?.open !== undefined).title === null
    if (titleless && next && !isBudgetLine(next.norm) && !initiativeHeader(next)) {
      rows.push(toLine(line.no, `${cell.raw} ${next.raw}`))
      i++
    } else rows.push(...cellLines(cell))
  }
  return rows
}

/**
 * A cell's lines, as the page broke it (<p>, <br>): a point a line. A header broken before its
 * bracket closes is one line again (as in a text), and so is a budget broken between its label
 * and its amount.
 */
function cellLines(cell: Line): Line[] {
  const lines = linesOf(cell)
  joinSplitHeaders(lines)
  joinSplitBudgets(lines)
  return lines
}



function readIssueLine(plan: PlanDocument, draft: Draft, published: Line, file: string, claimNumber: ClaimNumber): void {
  // 7,133千円 / ※補正予算を含む: a remark alone on the line after a budget is that budget's, as on its own line; so is each one after it.
  const budgetRemark = draft.budgetRemark
  draft.budgetRemark = undefined
  if (budgetRemark && isRemarkLine(published.norm.slice(bulletEnd(published))) && !startsIssuesPart(published)) {
    budgetRemark(published)
    draft.budgetRemark = budgetRemark
    return
  }
  const cells = tableCells(published) ?? labelledRowLines(published, isIssueLabel, wantsTitle)
  if (cells) {
    for (const cell of cells) readIssueLine(plan, draft, cell, file, claimNumber)
    return
  }
  const line = withoutListMark(published)
  const norm = line.norm
  const { text: inner, start: innerStart } = unwrapped(line)
  // 【経営課題3000000000 …】, 【戦略1-2023 …】, 経営課題1-(9999): no number a header gives (1 to 3 digits), so text where it stands; said.
  if (OVER_NUMBERED_HEADER.test(norm)) plan.warnings.push(`line ${line.no}: '${line.raw}' is numbered like a header over ${MAX_HEADER_NUMBER} (経営課題, 戦略 and 具体的取組 numbers have 1 to 3 digits): that number is read as text, not as a header's`)

  const issue = ISSUE_HEADER.exec(norm)
  if (issue?.groups) {
    const header = headerTitle(line, issue[0].length, !!issue.groups.open)
    const { trailing } = header
    // 【経営課題1 安全(令和5年度予算額 5千万円)】: the amount in the title is the issue's budget.
    const { title, amount } = titleAndAmount(line.no, header.title)
    const started = startIssue(plan, draft, issueNumber(issue.groups.n), issue.groups.sub ? Number(issue.groups.sub) : null, title, line)
    if (amount) draft.budgetRemark = addIssueBudget(plan, started, { line: amount, kind: amount.norm.includes('決算額') ? 'settlement' : 'budget', amountYen: readYen(amount.norm) })
    // 【経営課題1 安全】 災害に強い…: what follows the bracket is the issue's first line (its aim).
    if (trailing) readIssueLine(plan, draft, trailing, file, claimNumber)
    return
  }

  const initiative = INITIATIVE_HEADER.exec(norm)
  if (initiative?.groups && (initiative.groups.open || initiative.groups.kw || isBareInitiativeNumber(draft, initiative))) {
    const { a, b } = initiative.groups
    const c = initiative.groups.c ?? initiative.groups.pc
    const current = issueFor(plan, draft, line, file, `initiative ${a}-${b}-${c}`, Number(a))
    const strategyNumber = qualified(current, `${a}-${b}`)
    if (!draft.strategy || publishedNumber(draft.strategy.number) !== strategyNumber) {
      // The nearest strategy above of that number (a second 1-1 is stored as 1-1_2).
      const implicit = [...current.strategies].reverse().find((s) => publishedNumber(s.number) === strategyNumber)
      if (implicit) draft.strategy = implicit
      else {
        plan.warnings.push(`line ${line.no}: initiative ${a}-${b}-${c} has no strategy ${a}-${b} above it; an untitled strategy ${a}-${b} holds it`)
        draft.strategy = newStrategy(plan, current, strategyNumber, null, line, claimNumber)
      }
    }
    const header = headerTitle(line, initiative[0].length, !!initiative.groups.open)
    const { trailing } = header
    // 【具体的取組1-1-1 訓練(7,133千円)】: the amount in the title is the budget.
    const { title, amount } = titleAndAmount(line.no, header.title)
    const created = newInitiative(plan, draft.strategy, qualified(current, `${a}-${b}-${c}`), title, line, claimNumber)
    draft.initiative = created
    draft.block = 'initiative'
    if (amount) draft.budgetRemark = setInitiativeBudget(plan, draft.initiative!, draft.listBudgetYear, amount)
    // 【具体的取組1-1-1 訓練】(7,133千円) or 【…】 ・訓練を行う。: its budget or first point.
    if (trailing) readIssueLine(plan, draft, trailing, file, claimNumber)
    return
  }

  const strategy = STRATEGY_HEADER.exec(norm)
  if (strategy?.groups && (strategy.groups.open || strategy.groups.kw)) {
    const { a, b } = strategy.groups
    const current = issueFor(plan, draft, line, file, `strategy ${a}-${b}`, Number(a))
    if (Number(a) !== current.number) plan.warnings.push(`line ${line.no}: strategy ${a}-${b} is under 経営課題${current.number}`)
    const { title, trailing } = headerTitle(line, strategy[0].length, !!strategy.groups.open)
    startStrategy(plan, draft, current, qualified(current, `${a}-${b}`), title, line, claimNumber)
    if (trailing) readIssueLine(plan, draft, trailing, file, claimNumber)
    return
  }

  if (CIRCLED_STRATEGY.test(line.raw)) {
    const current = issueFor(plan, draft, line, file, 'a numbered strategy', null)
    const position = /^\d+/.exec(norm)![0]
    const { title, trailing } = headerTitle(line, norm.indexOf('【') + 1, true)
    startStrategy(plan, draft, current, `${issueKey(current)}-${position}`, title, line, claimNumber)
    if (trailing) readIssueLine(plan, draft, trailing, file, claimNumber)
    return
  }

  const titledStrategy = TITLED_STRATEGY.exec(inner)
  if (titledStrategy?.groups) {
    const current = issueFor(plan, draft, line, file, 'a strategy', null)
    const title = rawSlice(line, innerStart + inner.length - titledStrategy.groups.title.length, innerStart + inner.length)
    startStrategy(plan, draft, current, `${issueKey(current)}-${current.strategies.length + 1}`, title, line, claimNumber)
    return
  }

  const titledInitiative = TITLED_INITIATIVE.exec(inner)
  if (titledInitiative?.groups) {
    const current = issueFor(plan, draft, line, file, 'an initiative', null)
    const strategyOf = draft.strategy ?? newStrategy(plan, current, `${issueKey(current)}-1`, null, line, claimNumber)
    draft.strategy = strategyOf
    const titleStart = innerStart + inner.length - titledInitiative.groups.title.length
    // 地域活動の支援(77,800千円): the amount in the title is the budget.
    const { title, amount } = titleAndAmount(line.no, rawSlice(line, titleStart, innerStart + inner.length))
    const created = newInitiative(plan, strategyOf, `${strategyOf.number}-${strategyOf.initiatives.length + 1}`, title, line, claimNumber)
    draft.initiative = created
    draft.block = 'initiative'
    draft.listBudgetYear = listBudgetYearOf(plan, line, titledInitiative.groups.fy)
    if (amount) draft.budgetRemark = setInitiativeBudget(plan, draft.initiative!, draft.listBudgetYear, amount)
    return
  }

  if (!draft.issue) {
    // Text between the issues header and the first issue (経営課題の概要, 全体概要): no issue's, so the plan's notes.
    if (!AIM_LABEL.test(inner) && withoutBullet(line) !== '') {
      plan.notes.push(withoutBullet(line))
      plan.warnings.push(`line ${line.no}: text before the first management issue is no issue's text: kept in the plan's notes: '${line.raw}'`)
    }
    return
  }
  if (AIM_LABEL.test(inner)) {
    draft.block = 'aim'
    return
  }
  if (STRATEGY_LIST_LABEL.test(inner)) {
    draft.block = 'strategyList'
    return
  }
  const initiativeList = INITIATIVE_LIST_LABEL.exec(inner)
  if (initiativeList) {
    draft.block = draft.strategy ? 'initiativeList' : 'strategyList'
    draft.listBudgetYear = listBudgetYearOf(plan, line, initiativeList.groups?.fy)
    return
  }
  const sdgLabel = SDG_LABEL.exec(inner)
  if (sdgLabel) {
    const target = draft.block === 'sdgs' && draft.sideTarget ? draft.sideTarget : sideTarget(draft, inner)
    const rest = inner.slice(sdgLabel[0].length)
    const goals = sdgNumbers(rest)
    addSdgs(target, goals)
    // 関連するSDGs:まちづくり names no goal: there is no field for its text, so the notes keep the line.
    if (goals.length === 0 && /[^\s::、,()【】]/.test(rest)) {
      plan.notes.push(withoutBullet(line))
      plan.warnings.push(`line ${line.no}: '${line.raw}' names no SDG goal by its number (1–17): kept in the plan's notes as published`)
    }
    if (draft.block !== 'sdgs') draft.resumeBlock = draft.block
    Object.assign(draft, { block: 'sdgs', sideTarget: target })
    return
  }
  const outcome = OUTCOME_LABEL.exec(inner)
  if (outcome) {
    const target = sideTarget(draft, inner)
    const rest = rawSlice(line, innerStart + outcome[0].length, innerStart + inner.length)
    if (rest !== '') target.outcomeIndicators.push(rest)
    Object.assign(draft, { block: 'outcome', sideTarget: target })
    return
  }
  if (SIDE_LABEL.test(inner)) {
    // Reviews have no place in the plan document yet: the label and the lines under it are kept in the notes as published
    // (text is never rewritten); the warning names the issue whose section holds them.
    draft.block = 'side'
    plan.notes.push(withoutBullet(line))
    plan.warnings.push(`line ${line.no}: '${line.raw}' (reviews of ${issueName(draft.issue)}) is not imported yet: it and the lines under it are kept in the plan's notes`)
    return
  }
  if (draft.block === 'sdgs') {
    // Goal lines under the label; any other line ends the SDGs.
    const body = norm.slice(bulletEnd(line)).trim()
    if (isSdgGoalLine(body)) {
      addSdgs(draft.sideTarget!, sdgNumbers(body))
      return
    }
    if (!issueBudgetLines(line)) draft.block = draft.resumeBlock ?? 'aim'
  }

  if (draft.block === 'initiative' && isBudgetLine(norm)) {
    draft.budgetRemark = setInitiativeBudget(plan, draft.initiative!, draft.listBudgetYear, line)
    return
  }
  // A budget under a strategy with no initiative open has no initiative to be read into: kept as published, and said.
  // In an unnumbered 主な戦略 list (FY2023 on), an issue's budget line is the issue's; any other is no strategy of its own either.
  const issueBudgets = issueBudgetLines(line)
  if (draft.block === 'strategyList' && issueBudgets) {
    draft.budgetRemark = addIssueBudgets(plan, draft.issue, issueBudgets)
    return
  }
  if ((draft.block === 'strategy' || draft.block === 'strategyList') && draft.strategy && isBudgetLine(norm)) {
    plan.warnings.push(`line ${line.no}: budget '${line.raw}' is under strategy ${draft.strategy.number} with no initiative above it: kept as a point of the strategy, not read as a budget`)
    draft.strategy.points.push(withoutBullet(line))
    return
  }
  if ((draft.block === 'aim' || draft.block === 'side' || draft.block === 'sdgs' || draft.block === 'outcome') && issueBudgets) {
    draft.budgetRemark = addIssueBudgets(plan, draft.issue, issueBudgets)
    return
  }
  const text = withoutBullet(line)
  switch (draft.block) {
    case 'aim':
      if (looksLikeIssueBudget(norm)) plan.warnings.push(`line ${line.no}: '${line.raw}' looks like the issue's budget but its amount cannot be read: kept in the aim as published`)
      else if (isBudgetLine(norm) && !isSentence(line)) plan.warnings.push(`line ${line.no}: budget '${line.raw}' is under 経営課題${draft.issue.number} with no strategy or initiative above it: kept in the aim as published`)
      draft.issue.aimLines.push(text)
      break
    case 'strategyList':
      addUnnumberedStrategy(plan, draft, line, text, claimNumber)
      break
    case 'strategy':
      // Under 主な戦略 without numbers, a further 【heading】 starts the next strategy.
      if (draft.unnumbered && isHeading(line)) addUnnumberedStrategy(plan, draft, line, text, claimNumber)
      else draft.strategy!.points.push(text)
      break
    case 'initiativeList': {
      const strategyOf = draft.strategy!
      draft.initiative = newInitiative(plan, strategyOf, `${strategyOf.number}-${strategyOf.initiatives.length + 1}`, text, line, claimNumber)
      draft.block = 'initiative'
      break
    }
    case 'initiative':
      draft.initiative!.points.push(text)
      break
    case 'outcome':
      draft.sideTarget!.outcomeIndicators.push(text)
      break
    case 'side':
      plan.notes.push(text)
      break
    case 'sdgs':
      break
  }
}

/**
 * 1-1-1 訓練 with neither bracket nor keyword: an initiative's number when it is of the strategy
 * being read (1-1-1 under 戦略1-1), followed by a space or nothing (1-1-1の… is text).
 */
function isBareInitiativeNumber(draft: Draft, m: RegExpExecArray): boolean {
  const { a, b } = m.groups!
  const rest = m.input.slice(m[0].length)
  return !!draft.strategy && !!draft.issue && (rest === '' || rest[0] === ' ') && publishedNumber(draft.strategy.number) === qualified(draft.issue, `${a}-${b}`)
}

/**
 * Unnumbered strategies (主な戦略, FY2023 on): a 【heading】 titles one whose
 * text follows; otherwise each bullet or paragraph is one. Numbered by position.
 */
function addUnnumberedStrategy(plan: PlanDocument, draft: Draft, line: Line, text: string, claimNumber: ClaimNumber): void {
  const issue = draft.issue!
  const position = `${issueKey(issue)}-${issue.strategies.length + 1}`
  const heading = isHeading(line)
  const { start, end } = unwrapped(line)
  draft.strategy = newStrategy(plan, issue, position, withoutListNumber(heading ? toLine(line.no, rawSlice(line, start, end)) : line, issue.strategies.length + 1) ?? (heading ? rawSlice(line, start, end) : text), line, claimNumber)
  draft.initiative = undefined
  draft.unnumbered = true
  if (heading) draft.block = 'strategy'
}

/** 経営課題1, 経営課題1-(2): an issue as the template names it. */
function issueName(issue: Pick<ManagementIssue, 'number' | 'subNumber'>): string {
  return `経営課題${issue.number}${issue.subNumber === null ? '' : `-(${issue.subNumber})`}`
}

/** 1 for 経営課題1, 1.2 for 経営課題1-(2): the issue's part of its id and of its unnumbered strategies' numbers. */
function issueKey(issue: Pick<ManagementIssue, 'number' | 'subNumber'>): string {
  return issue.subNumber === null ? `${issue.number}` : `${issue.number}.${issue.subNumber}`
}

/**
 * A published strategy or initiative number as stored: under a sub-numbered
 * issue 経営課題1-(2), 戦略1-1 becomes 1.2-1 (and 具体的取組1-1-1 1.2-1-1), so the
 * numbers of sibling sub-issues never collide; elsewhere it stays as published.
 */
function qualified(issue: ManagementIssue, published: string): string {
  const prefix = `${issue.number}-`
  return issue.subNumber !== null && published.startsWith(prefix) ? `${issueKey(issue)}-${published.slice(prefix.length)}` : published
}

/**
 * A strategy's or initiative's number that no earlier one has taken: the published number, or,
 * for a second 【戦略1-1】 on a page (a typo), 1-1_2 (then _3 …). Its id is {plan}.{number}, so
 * the second keeps its text under an id of its own, fixed by the page's order; published numbers
 * never hold '_', so no other number can take it. The caller warns, quoting the line.
 */
function distinctNumber(published: string, taken: (number: string) => boolean, lastSuffixes: Map<string, number>): string {
  if (!taken(published)) return published
  // From the last suffix given, not from _2 again: a number published n times costs n tries, not n².
  let k = lastSuffixes.get(published) ?? 1
  do k++
  while (taken(`${published}_${k}`))
  lastSuffixes.set(published, k)
  return `${published}_${k}`
}

/** The published number of a stored one: 1-1 of 1-1_2. */
function publishedNumber(number: string): string {
  return number.replace(/_\d+$/, '')
}

function startIssue(plan: PlanDocument, draft: Draft, number: number, subNumber: number | null, title: string | null, line: Line): DraftIssue {
  const id = `${plan.id}.${issueKey({ number, subNumber })}`
  const earlier = plan.issues.find((issue) => issue.id === id) as DraftIssue | undefined
  const issue = earlier ?? { id, number, subNumber, title, aim: null, budgets: [], sdgs: [], outcomeIndicators: [], strategies: [], aimLines: [], firstLine: line.no }
  if (earlier) resumeIssue(plan, earlier, title, line)
  else plan.issues.push(issue)
  Object.assign(draft, { issue, strategy: undefined, initiative: undefined, block: 'aim', listBudgetYear: undefined, unnumbered: false, sideTarget: undefined })
  return issue
}

/**
 * A second 経営課題N header of the same number (a typo on the page). An issue's id is its
 * number, which is an integer: no distinct id can be made without inventing a number, so
 * the first issue is kept and what follows the second header is read into it (its
 * strategies and initiatives keep ids of their own); the header, title included, is
 * quoted in a warning. An untitled first issue (implied by its strategies) takes the title.
 */
function resumeIssue(plan: PlanDocument, earlier: DraftIssue, title: string | null, line: Line): void {
  const takesTitle = earlier.title === null && title !== null
  if (takesTitle) earlier.title = title
  // A title of its own, which the first issue has no place for: the notes keep the header as published.
  if (!takesTitle && title !== null) plan.notes.push(withoutBullet(line))
  const what = takesTitle ? 'its title is taken by that issue' : title !== null ? "this header is kept in the plan's notes as published" : 'this header is no more than its number'
  const name = issueName(earlier)
  plan.warnings.push(`line ${line.no}: ${name} is numbered twice (first on line ${earlier.firstLine}): '${line.raw}' is not a second issue; ${what}, and the lines after it are read into ${name}`)
}

/**
 * The issue a strategy or initiative belongs to: the current one, or, after a
 * 重点的に取り組む経営課題 header with no 経営課題N header (bureau plans), an
 * untitled issue implied by the first number (`first`) of the strategy.
 * Before any issue and without that header the text is refused.
 */
function issueFor(plan: PlanDocument, draft: Draft, line: Line, file: string, what: string, first: number | null): ManagementIssue {
  const current = draft.issue
  if (first !== null && draft.issuesHeader && (!current || (current.implied && current.number !== first))) {
    if (!plan.issues.some((i) => i.number === first && i.subNumber === null)) {
      plan.warnings.push(`line ${line.no}: ${what} has no 経営課題${first} header above it; an untitled issue ${first} holds it`)
      const implied = startIssue(plan, draft, first, null, null, line)
      implied.implied = true
      return implied
    }
  }
  if (!current) {
    throw new PlanParseError(file, line.no, `${what} appears before any management issue`, 'a 経営課題N header before its strategies and initiatives')
  }
  return current
}

/**
 * What an SDGs or アウトカム指標 label belongs to: the issue or strategy its
 * label names (経営課題の…, 戦略の…), else the strategy being read when it has a
 * header of its own, else the issue.
 */
function sideTarget(draft: Draft, label: string): ManagementIssue | Strategy {
  const issue = draft.issue!
  if (/経営課題/.test(label)) return issue
  const strategy = draft.strategy
  if (strategy && (/戦略/.test(label) || (!draft.unnumbered && (draft.block === 'strategy' || draft.block === 'initiative' || draft.block === 'initiativeList')))) return strategy
  return issue
}

function addSdgs(target: ManagementIssue | Strategy, goals: number[]): void {
  for (const goal of goals) if (!target.sdgs.includes(goal)) target.sdgs.push(goal)
}

/**
 * A strategy, its title as published but for an amount ending it (【戦略1-1 防災(予算額 1,000千円)】):
 * the plan document has no strategy budget, so that text is the strategy's first point, as a budget
 * line under a strategy is, and a warning says so.
 */
function newStrategy(plan: PlanDocument, issue: ManagementIssue, published: string, publishedTitle: string | null, line: Line, claimNumber: ClaimNumber): Strategy {
  const number = claimNumber(published, line, 'strategy')
  const { title, amount } = titleAndAmount(line.no, publishedTitle)
  const strategy: Strategy = { id: `${plan.id}.${number}`, number, title, points: amount ? [amount.raw] : [], sdgs: [], outcomeIndicators: [], initiatives: [] }
  if (amount) plan.warnings.push(`line ${line.no}: budget '${amount.raw}' in the header of strategy ${number}: a strategy has no budget in the plan document, so it is kept as the strategy's first point, not read as a budget`)
  issue.strategies.push(strategy)
  return strategy
}

/** A strategy header: the strategy becomes the one following lines belong to. */
function startStrategy(plan: PlanDocument, draft: Draft, issue: ManagementIssue, number: string, title: string | null, line: Line, claimNumber: ClaimNumber): void {
  draft.strategy = newStrategy(plan, issue, number, title, line, claimNumber)
  draft.initiative = undefined
  draft.block = 'strategy'
}

function newInitiative(plan: PlanDocument, strategy: Strategy, published: string, title: string | null, line: Line, claimNumber: ClaimNumber): Initiative {
  const number = claimNumber(published, line, 'initiative')
  const initiative: Initiative = { id: `${plan.id}.${number}`, number, title, points: [], budget: null }
  strategy.initiatives.push(initiative)
  return initiative
}

/** An issue's aim from its lines, once the whole text is read (a second header of its number may add to it). */
function finishIssue(issue: DraftIssue): void {
  issue.aim = issue.aimLines.length > 0 ? issue.aimLines.join('\n') : null
  delete (issue as Partial<typeof issue>).aimLines
  delete (issue as Partial<typeof issue>).firstLine
  delete issue.implied
}
