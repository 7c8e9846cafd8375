// How text is cut into search tokens, shared by the importer (indexing) and
// the search service (querying) so both cut alike.
//
// Text is NFKC-normalized and lower-cased, split into runs of letters and
// digits (punctuation and spaces separate runs), and each run becomes its
// character bigrams plus its last character: 防災訓練 -> 防災 災訓 訓練 練.
// A query word of two or more characters is then the phrase of its bigrams;
// a single character is a prefix query that finds it at the start of a
// bigram or as the last character of a run.

/** What a search entry is: the kind of entity its text belongs to. */
export const SEARCH_KINDS = ['plan', 'goal', 'mission', 'policy', 'issue', 'strategy', 'initiative', 'reformItem'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

/**
 * The form of the entries the importer writes (importer/search-entries.ts searchEntriesOf), kept
 * in the database (PRAGMA user_version). Raise it when searchEntriesOf changes: a database written
 * in an older form has every plan's entries written again when the server starts
 * (refreshSearchEntries). A new database records the current form (connection.ts).
 */
export const SEARCH_ENTRIES_FORM = 2

const RUN = /[\p{L}\p{N}\p{M}]+/gu

/** Runs of letters and digits of the normalized text. */
export function searchRuns(text: string): string[][] {
  return [...text.normalize('NFKC').toLowerCase().matchAll(RUN)].map((m) => [...m[0]])
}

/** The index tokens of a text, space-separated. */
export function gramsOf(text: string): string {
  const tokens: string[] = []
  for (const chars of searchRuns(text)) {
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1])
    tokens.push(chars[chars.length - 1])
  }
  return tokens.join(' ')
}

/**
 * An FTS5 MATCH expression requiring every run of every word (AND), or
 * undefined when the query has no letters or digits. Tokens hold only
 * letters and digits, so no FTS5 syntax can come through from the query.
 */
export function matchExpression(query: string): string | undefined {
  const terms = searchRuns(query).map((chars) => {
    if (chars.length === 1) return `"${chars[0]}" *`
    const bigrams = chars.slice(0, -1).map((c, i) => c + chars[i + 1])
    return `"${bigrams.join(' ')}"`
  })
  // A word given twice is one term: each term is a scan of its tokens' postings.
  return terms.length > 0 ? [...new Set(terms)].join(' AND ') : undefined
}
