// The contact section (このページの作成者・問合せ先): department, postal code, address, phone and
// fax, labelled or not, a line, a table row or a line of several fields.
import { endsContact } from './headers.js'
import { type Line, rawSlice, toLine } from './text.js'
import type { Contact } from './types.js'

/**
 * A labelled value of the contact section: 電話(番号), TEL, ファックス/ファクス/FAX, 住所/所在地,
 * or 〒, at the line's start or after a space, a colon (所在地:〒535-…) or a separator (電話:06-… ファックス:06-…
 * or 電話:06-…、ファックス:06-… on one line; the separator is no part of the value before it).
 * A label is followed by a colon, the value's digits or 〒 (a label cell beside its value), or the line's end.
 */
const CONTACT_LABEL = /(?<=^|[\s、,/|・;:])(?:(?<label>電話番号|電話|TEL|ファックス番号|ファックス|ファクス|FAX|住所|所在地)\s?(?::\s?|(?=\d|〒)|$)|(?<postal>〒)\s?)/giu
const CONTACT_FIELDS: Record<string, 'phone' | 'fax' | 'address'> = { 電話番号: 'phone', 電話: 'phone', tel: 'phone', ファックス番号: 'fax', ファックス: 'fax', ファクス: 'fax', fax: 'fax', 住所: 'address', 所在地: 'address' }

/**
 * One line of the contact section: 'end' for the page furniture after it, 'unplaced' for a
 * text that is none of its fields (内線, an e-mail address: the caller warns). Labelled values
 * are read where their label says (an empty one stays unknown); an unlabelled line is the
 * department, its next line while nothing else is known (a department on two lines), or the
 * address (after a postal code given alone, or the address's next line).
 */
export function readContactLine(contact: Contact, row: Line): 'read' | 'unplaced' | 'end' {
  const line = labelCellRow(row)
  const n = line.norm
  if (endsContact(n)) return 'end'
  const labels = [...n.matchAll(CONTACT_LABEL)]
  const labelled = labels.length === 0 ? n.length : labels[0].index!
  let read: 'read' | 'unplaced' = 'read'
  if (labelled > 0 && !placeUnlabelled(contact, rawSlice(line, 0, labelled))) read = 'unplaced'
  labels.forEach((label, i) => {
    const valueStart = label.index! + label[0].length
    const valueEnd = i + 1 < labels.length ? labels[i + 1].index! : n.length
    const value = valueStart < valueEnd ? rawSlice(line, valueStart, valueEnd) : ''
    if (label.groups!.postal) {
      const postal = /^(\d{3}-\d{4})\s?/.exec(n.slice(valueStart, valueEnd))
      // 〒 without a whole postal code: the text is kept as the address.
      if (!postal) {
        contact.address = rawSlice(line, label.index!, valueEnd)
        return
      }
      contact.postalCode = postal[1]
      const address = rawSlice(line, valueStart + postal[0].length, valueEnd)
      if (address !== '') contact.address = address
      return
    }
    // 電話:06-…、ファックス:06-… and TEL 06-… / FAX 06-…: what separates two fields is no part of either.
    const field = value.replace(/[\s、,，/／|｜・;；]+$/u, '')
    if (field !== '') contact[CONTACT_FIELDS[label.groups!.label.toLowerCase()]] = field
  })
  return read
}

/** A label cell of the contact section's table: a field's, or the department's (担当, 作成者). */
const CONTACT_CELL = /^(?:(?<field>電話番号|電話|TEL|ファックス番号|ファックス|ファクス|FAX|住所|所在地)|(?<department>担当課?|担当部署|作成者|所属))$/i

/** A row of a label cell and its value (所在地 | 〒535-8501 …): read as `label:value`, or as the department's text alone, its value as published. */
function labelCellRow(line: Line): Line {
  const cells = line.cells?.map((cell) => toLine(line.no, cell)).filter((cell) => cell.norm !== '')
  const label = cells?.length === 2 ? CONTACT_CELL.exec(cells[0].norm)?.groups : undefined
  if (!label) return line
  return label.department ? cells![1] : toLine(line.no, `${cells![0].raw}:${cells![1].raw}`)
}

/** An unlabelled text of the contact section, where it belongs; false when it belongs nowhere. */
function placeUnlabelled(contact: Contact, text: string): boolean {
  const numbers = contact.phone !== null || contact.fax !== null
  if (contact.department === null) contact.department = text
  else if (!numbers && contact.postalCode === null && contact.address === null) contact.department = `${contact.department}\n${text}`
  else if (!numbers && contact.address === null) contact.address = text
  else if (!numbers) contact.address = `${contact.address}\n${text}`
  else return false
  return true
}
