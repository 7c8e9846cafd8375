// Links to a plan's attachments as the page text shows them (概要版 PDF,
// 様式N, the plan as a PDF), and the Acrobat Reader note the city's site
// prints under each group of PDF links. Matched on NFKC text.

/** The Acrobat Reader note under PDF links: page furniture, not plan text. */
export const ACROBAT_NOTE = /^(?:PDF形式のファイルを|PDFファイルを閲覧|Adobe|Acrobat\s*Reader)/i

/**
 * A link's file type and size: (PDF形式, 1.23MB), [PDFファイル/345KB], (Excel形式:20KB). The size
 * starts at a digit, which the text before it cannot hold: one way to match, so a long run of
 * dots or commas is read once (with [\d.,]+ there, it was tried at every split, in the square of its length).
 */
const FILE_MARK = /[(\[](?:PDF|Word|Excel|CSV|ZIP|ワード|エクセル)[^()\[\]\d]*\d[\d.,]*\s*[KMG]?B(?:yte)?s?[)\]]$/i

/** 様式2, 様式4(平成29年4月14日時点): the template's forms, published as files. */
const FORM = /^様式\s*\d/

/**
 * Whether a line is the name of an attached file: it carries a file mark, is
 * a form (様式N), or is followed directly by the Acrobat Reader note.
 * `planFileLink` says whether it names the plan itself as a file
 * (…運営方針重点的に取り組む主な経営課題(概要版), …運営方針(平成30年6月7日更新)).
 */
export function isAttachmentLine(norm: string, nextNorm: string | undefined, planFileLink: boolean): boolean {
  if (ACROBAT_NOTE.test(norm)) return false
  return FILE_MARK.test(norm) || FORM.test(norm) || planFileLink || (nextNorm !== undefined && ACROBAT_NOTE.test(nextNorm))
}
