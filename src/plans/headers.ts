// The template's headers and labels, as regular expressions over NFKC text,
// and the line tests built on them (titles, bare labels, the plan as a file).
import { ERA, FISCAL_YEAR_TEXT } from './era.js'
import { CLOSE_BRACKETS, type Line, OPEN_BRACKETS, rawSlice, unwrapped } from './text.js'

/** …年度 …運営方針: `fy` the fiscal year as written (see FISCAL_YEAR_TEXT), `name` the organization's. */
export const TITLE = new RegExp(`^(?<fy>${FISCAL_YEAR_TEXT})\\s*(?<name>.*?)\\s*運営方針\\s*(?:\\(?(?<draft>案|素案)\\)?)?\\s*(?<rest>.*)$`)
/**
 * 更新日: 2018年6月7日, 平成30年6月7日, R5年6月1日 (an era as era.ts reads it, with a year of
 * its own, 元 its first), 2018/6/7, 2023.6.1, H30.6.7, 2023-06-01, with a weekday after it or
 * not ((木), (木曜日)), and 更新 after it or not; on NFKC text, so full-width digits and letters too. A Western year has
 * four digits: 30年6月7日 names no era.
 */
export const DATE = new RegExp(
  `^(?:最終)?(?:更新日)?\\s?:?\\s?(?:(?<era>${ERA})\\s?(?<eraYear>元|\\d{1,2})|(?<y>\\d{4}))\\s?` +
    `(?:年\\s?(?<m>\\d{1,2})\\s?月\\s?(?<d>\\d{1,2})\\s?日|(?<sep>[/.-])(?<sepM>\\d{1,2})\\k<sep>(?<sepD>\\d{1,2}))` +
    '(?:\\s?\\([月火水木金土日](?:曜日?)?\\))?(?:\\s?更新)?$',
)
/**
 * A line shaped like a date that DATE does not read: 更新日 with any value (a bare label is none), or a year (of any
 * era, or none), month and day (30年6月7日, 2018年13月45日, 昭和63年…, 2023.6/1). The caller warns,
 * naming it, rather than keep it as a note unseen.
 */
export const DATE_LIKE = new RegExp(
  '^(?:(?:最終)?更新日\\s?:?\\s?[^\\s:]|(?:[^\\d\\s]{1,4}\\s?)?(?:元|\\d{1,4})\\s?(?:年\\s?\\d{1,2}\\s?月(?:\\s?\\d{1,2}\\s?日)?|[/.-]\\s?\\d{1,2}\\s?[/.-]\\s?\\d{1,2})' +
    '(?:\\s?\\([^)]{1,4}\\))?(?:\\s?更新)?$)',
)
export const PAGE_ID = /^ページ番号\s*:?\s*(?<id>\d+)$/
/** A page number as a plan keeps it: 1 to 12 digits (the city's are 6 or 7; it becomes part of a page's URL). */
export const PAGE_NUMBER = /^[0-9]{1,12}$/
export const SOURCE = /^source:\s*(?<url>\S+)\s*$/i

/** 区の, 局の, 所属の, or the organization's own name (東淀川区の) in front of a header. */
const ORG = '(?:[^\\s()「」『』【】、。]{0,12}?(?:区・局|区|局|室|所属))'
const ORG_OF = `(?:${ORG}の)?`
/**
 * A section's number before its header: 1, 1., 1), (1), II (Ⅱ after NFKC), 第1. Its spaces
 * are single (every Line's norm), so the patterns use \s? for them.
 */
const SECTION_NUMBER = '(?:(?:\\d{1,2}|[IVX]{1,4}|第\\d{1,2})\\s?[.)、]?\\s?|\\(\\d{1,2}\\)\\s?|第?[一二三四五六七八九十]{1,3}(?:\\s?[.)、]\\s?|\\s))?'
/** A header's explanation after it: (何をめざすのか), ~何をめざすのか~ (～ after NFKC), 〜…〜, -…-. */
const explained = (text: string) => `(?:\\s?(?:\\(${text}\\)?|[~〜]\\s?${text}\\s?[~〜]?|[-―]\\s?${text}\\s?[-―]?))?`
/** What may close a section header: a colon. */
const HEADER_END = '\\s?:?$'
export const GOALS_HEADER = new RegExp(`^${SECTION_NUMBER}(?:${ORG_OF}目標${explained('何をめざすのか')}|基本目標)${HEADER_END}`)
export const MISSIONS_HEADER = new RegExp(`^${SECTION_NUMBER}${ORG_OF}使命${explained('どのような役割を担うのか')}${HEADER_END}`)
/**
 * A goals or missions header with the section's first text after it on its line, set off by a
 * colon, a space or the header's explanation: 区の目標:にぎわい…, 東淀川区の使命 にぎわい…,
 * 目標(何をめざすのか)にぎわい…, and (`bare`) 目標:にぎわい… (FY2023 on). 区の目標を… is a
 * sentence, and 目標 40% (an indicator's target) no header.
 */
const headerWithText = (keyword: string, explanation: string) =>
  new RegExp(
    `^${SECTION_NUMBER}(?:${ORG}の${keyword}(?:\\s?\\(${explanation}\\))?|${keyword}\\s?\\(${explanation}\\)|(?<bare>${keyword}(?=\\s?:)))(?:\\s?:\\s?|\\s|(?<=\\)))(?<rest>[^\\s:].*)$`,
  )
export const GOALS_HEADER_WITH_TEXT = headerWithText('目標', '何をめざすのか')
export const MISSIONS_HEADER_WITH_TEXT = headerWithText('使命', 'どのような役割を担うのか')
/**
 * 区運営の基本的な考え方 (区政運営…, 所属運営…), its explanation ((区長の方針)) after it or not: the
 * header, what follows it on the line (`rest`) being the policy's text. A line that begins with it
 * is the header; 区長の方針 alone (局長の方針, 区・局長の方針) as a line of its own is too.
 */
export const POLICY_HEADER = new RegExp(
  `^${SECTION_NUMBER}(?:${FISCAL_YEAR_TEXT}\\s?)?(?:${ORG}政?)?運営の基本的な考え方(?:\\s?\\([^)]*\\))?(?<rest>.*)$|^このような考え方で組織を運営します$|^${SECTION_NUMBER}(?:${FISCAL_YEAR_TEXT}\\s?)?${ORG}長の方針${HEADER_END}`,
)
/** 重点的に取り組む主な経営課題, its explanation ((様式2)) after it or not; `rest` what follows them on the line. */
export const ISSUES_HEADER = new RegExp(`^${SECTION_NUMBER}重点的に取り組む(?:主な)?経営課題(?<explanation>\\s?\\([^)]*\\))?(?<rest>.*)$`)
export const REFORM_HEADER = new RegExp(`^${SECTION_NUMBER}[「『]?市政改革プラン[\\d.]*(?:\\([^)]*\\))?[」』]?に基づく取組等?${HEADER_END}`)
/** このページの作成者・問合せ先, or its shorter and longer spellings (問い合わせ先), bracketed or with a colon (matched on the unwrapped text). */
export const CONTACT_HEADER = /^(?:このページの作成者・)?問い?合わ?せ先\s?:?$/
/** Sections of other templates (Sakai, Yokohama) that this reader does not map. */
export const UNMAPPED_HEADER = /^(?:このように.*取り組みます|今年度は特に.*取り組みます|目標達成に向けた施策)$/
/** Captions of the plan's files linked after its body (改定履歴, 策定経過, 様式4): names of attachments. */
export const ATTACHMENT_CAPTION = /^(?:様式\d|改定履歴|策定経過)/
/** The site's furniture after the plan's links: nothing after it (to the contact section) is the plan's. */
export const PAGE_FURNITURE = /^(?:SNSリンク|探している情報が見つからない|このページに対してご意見|このページへの別ルート|メール送信フォーム)/
/** What ends the plan body: its files' captions, the Acrobat note under PDF links, or page furniture. */
export const TRAILER = new RegExp(`${ATTACHMENT_CAPTION.source}|^(?:Adobe|PDFファイル)|${PAGE_FURNITURE.source}`)
export const BOILERPLATE = /^(?:ページの先頭です|このページの先頭です|メニューの終端です。?|スマートフォン表示用の情報の終端です。?)$/

/** Any opening bracket of a header, as a pattern's character class. */
export const OPEN = `[${OPEN_BRACKETS.replace('[', '\\[')}]`

/**
 * A section's number as its heading writes it (2 , 2., (2), Ⅱ, 第2): its form and value, so that
 * the next heading in the same form is known. A number is followed by a space or a mark, so
 * that 3つの… is no heading.
 */
export function sectionNumber(norm: string): { form: string; n: number } | undefined {
  const m = /^(?:(?<digits>\d{1,2})(?<mark>\s?[.)、]\s?|\s)|\((?<paren>\d{1,2})\)\s?|第(?<dai>\d{1,2})\s?|(?<roman>[IVX]{1,4})(?<romanMark>\s?[.)、]\s?|\s)|(?<kanjiDai>第)?(?<kanji>[一二三四五六七八九十]{1,3})(?<kanjiMark>\s?[.)、]\s?|\s))(?=[^\s\d.,%])/.exec(norm)?.groups
  if (!m) return undefined
  // 一 重点的に…, 二、「市政改革プラン2.0」…, 第二 …: kanji numerals, a form of their own.
  if (m.kanji) return { form: `${m.kanjiDai ?? ''}一${m.kanjiMark.trim()}`, n: issueNumber(m.kanji) }
  if (m.digits) return { form: `1${m.mark.trim()}`, n: Number(m.digits) }
  if (m.paren) return { form: '(1)', n: Number(m.paren) }
  if (m.dai) return { form: '第1', n: Number(m.dai) }
  return { form: `I${m.romanMark.trim()}`, n: romanNumber(m.roman) }
}

const CLOSE = `[${CLOSE_BRACKETS.replace(']', '\\]')}]`
/** The heading of a 参考 or その他 block (【参考】…, (参考), ※参考:, その他): no part of the section above it. */
export const APPENDIX_HEADING = new RegExp(`^(?:※\\s?)?(?:(?:${OPEN}|\\()\\s?(?:参考|その他)(?:資料)?\\s?(?:${CLOSE}|\\))|(?:参考|その他)(?:資料)?\\s?(?::|$))`)
/**
 * The largest number a header gives an issue, a sub-issue or a part of a strategy's or initiative's
 * number (経営課題999, 戦略999-999): plans have a handful, and the API's types (GraphQL's Int, ids of
 * at most 200 characters) hold each. The header patterns read up to three digits: 経営課題3000000000
 * or 【2023-2025】 is no header, but text (an issue numbered so had nulled the plan in every GraphQL answer).
 */
export const MAX_HEADER_NUMBER = 999
/** A header's number in digits: one to three, not more (see MAX_HEADER_NUMBER). */
const NUMBER = '\\d{1,3}(?!\\d)'

/** An issue, strategy or initiative header by its keyword, with a number of four digits or more: no header (see MAX_HEADER_NUMBER). */
export const OVER_NUMBERED_HEADER = new RegExp(`^(?:${OPEN})?\\s*(?:経営課題|(?:主な)?戦略|(?:主要な|主な)?(?:具体的な?)?取り?組み?)\\s*(?:\\d+\\s*-\\s*)*\\(?\\s?\\d{4}`)

/** 経営課題1 (or 経営課題一, 経営課題Ⅱ), 【経営課題1 …】, and sub-numbered 経営課題1-(2). */
export const ISSUE_HEADER = new RegExp(`^(?<open>${OPEN})?\\s*経営課題\\s*(?<n>${NUMBER}|[一二三四五六七八九十]{1,3}|[IVX]{1,4}(?![A-Za-z]))(?:\\s*-?\\s*\\(\\s*(?<sub>${NUMBER})\\s*\\))?`)
/** 戦略1-1; not 1-1-1 (an initiative), nor 1-1- cut before its third number. */
export const STRATEGY_HEADER = new RegExp(`^(?<open>${OPEN})?\\s*(?:主な)?(?<kw>戦略)?\\s*(?<a>${NUMBER})\\s*-\\s*(?<b>${NUMBER})(?!\\s?-\\s?(?:\\(?\\d|$))`)
/** 具体的取組1-1-1, and its other spellings: 具体的取組み, 具体的な取組, 具体的な取り組み, 取組, 主要な取組; 1-1-(1). */
export const INITIATIVE_HEADER = new RegExp(`^(?<open>${OPEN})?\\s*(?:主要な|主な)?(?<kw>(?:具体的な?)?取り?組み?)?\\s*(?<a>${NUMBER})\\s*-\\s*(?<b>${NUMBER})\\s*-\\s*(?:\\(\\s?(?<pc>${NUMBER})\\s?\\)|(?<c>${NUMBER}))`)
export const CIRCLED_STRATEGY = /^[①-⑳]\s*【/u

// Labels inside an issue (matched on the unwrapped, bullet-free text).
export const AIM_LABEL = /^(?:経営課題の)?(?:概要|課題認識|めざす状態)$/
export const STRATEGY_LIST_LABEL = /^主な戦略(?:\(.*\))?$/
export const TITLED_STRATEGY = /^主な戦略\s+(?<title>.+)$/
export const INITIATIVE_LIST_LABEL = /^主な具体的取組(?:\((?<fy>.*?)予算額\))?$/
export const TITLED_INITIATIVE = /^主な具体的取組(?:\((?<fy>.*?)予算額\))?\s+(?<title>.+)$/
/** アウトカム指標(経営課題の進捗状況を図る成果指標): the indicators may follow on the same line. */
export const OUTCOME_LABEL = /^アウトカム指標(?=$|[\s(::】≫>])(?:\([^)]*(?:\)|$))?[\s::】≫>]*/
/**
 * Reviews and their results, not imported (yet): a label, with its explanation in brackets or not
 * (自己評価(運営方針全体の定性評価)), alone or before a colon, a space or a closing bracket. A point
 * that begins with the word (自己評価を毎年行う。, 今後の方針を定める。) is no label.
 */
export const SIDE_LABEL = /^(?:(?:中間|年度末|最終)?振り返り|自己評価|今後の方針|アウトカム指標の達成状況)(?:\s?\([^()]*\))?(?=$|[\s::】≫>\]〕〗〙》〉›])/

/** An issue's number, in digits, kanji numerals (一 … 九十九) or roman numerals. */
export function issueNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text)
  if (/^[IVX]+$/.test(text)) return romanNumber(text)
  const digit = (ch: string | undefined) => (ch === undefined ? 0 : '一二三四五六七八九'.indexOf(ch) + 1)
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text]
  return (text.includes('十') ? (tens === '' ? 1 : digit(tens)) * 10 : 0) + digit(ones || undefined)
}

/** I … XXXIX (Ⅰ, Ⅱ … read as Latin letters after NFKC). */
function romanNumber(text: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10 }
  return [...text].reduce((sum, ch, i) => (values[ch] < (values[text[i + 1]] ?? 0) ? sum - values[ch] : sum + values[ch]), 0)
}

/** Page furniture after the contact section (the mail form's link, the page's trailer): the section has ended. */
export function endsContact(norm: string): boolean {
  return /^メール送信フォーム/.test(norm) || TRAILER.test(norm)
}

/** The contact section's header, bracketed or not. */
export function isContactHeader(line: Line): boolean {
  return CONTACT_HEADER.test(unwrapped(line).text)
}

/** The title pattern over a line, or over its text inside the brackets it opens with (【平成29年度 旭区運営方針】). */
export function titleMatch(line: Line): RegExpExecArray | null {
  return TITLE.exec(OPEN_BRACKETS.includes(line.norm[0] ?? '') ? unwrapped(line).text : line.norm)
}

/** The fiscal year of a title line as published (平成29年度, 2017(平成29)年度), without a bracket the title opens with. */
export function titleYearLabel(line: Line): string {
  const start = OPEN_BRACKETS.includes(line.norm[0] ?? '') ? unwrapped(line).start : 0
  return rawSlice(line, start, start + titleMatch(line)!.groups!.fy.length)
}

/** A title line; `repeat` also accepts the nameless repeats (平成26年度運営方針(案)). */
export function isTitle(line: Line, repeat = false): boolean {
  const m = titleMatch(line)
  return !!m?.groups && (repeat || m.groups.name !== '') && (m.groups.rest === '' || m.groups.rest === '概要')
}

/** 平成29年度 旭区運営方針(平成30年6月7日更新): the page's closing caption. */
export function isUpdatedTitle(line: Line): boolean {
  const m = titleMatch(line)
  return !!m?.groups && /更新/.test(m.groups.rest)
}

/**
 * A link to the plan itself as a file: …運営方針重点的に取り組む主な経営課題(概要版),
 * …運営方針(平成30年6月7日更新).
 */
export function isPlanFileLink(line: Line): boolean {
  const m = titleMatch(line)
  return !!m?.groups && m.groups.rest !== '概要' && /^(?:[(【\[]|重点的|様式|概要版|別紙|別添)/.test(m.groups.rest)
}

/** A line that holds only structure (a title, date, section header or label), no text of its own that could be cut. */
export function isBareLabel(line: Line): boolean {
  const inner = unwrapped(line).text
  const labels = [GOALS_HEADER, MISSIONS_HEADER, POLICY_HEADER, ISSUES_HEADER, REFORM_HEADER, UNMAPPED_HEADER, AIM_LABEL, STRATEGY_LIST_LABEL, INITIATIVE_LIST_LABEL]
  return isTitle(line, true) || DATE.test(line.norm) || PAGE_ID.test(line.norm) || labels.some((re) => re.test(inner)) || /^(?:取組項目|取組内容)$/.test(inner)
}
