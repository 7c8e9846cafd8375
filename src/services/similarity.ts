// How alike two titles or statements are, on their NFKC text: the published
// forms differ in full- and half-width characters and spacing from year to year.

/** The text compared: NFKC, without white space. */
export const comparable = (text: string) => text.normalize('NFKC').replace(/\s+/g, '')

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  const chars = [...text]
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = chars[i] + chars[i + 1]
    counts.set(gram, (counts.get(gram) ?? 0) + 1)
  }
  return counts
}

/** A text ready to compare: its NFKC form and bigram counts, built once however many texts it meets. */
export interface TextProfile {
  text: string
  grams: Map<string, number>
  size: number
}

export function profileOf(text: string): TextProfile {
  const compared = comparable(text)
  const grams = bigrams(compared)
  let size = 0
  for (const n of grams.values()) size += n
  return { text: compared, grams, size }
}

/** Dice's coefficient of two profiles (see similarity). */
export function profileSimilarity(x: TextProfile, y: TextProfile): number {
  if (x.text === y.text) return 1
  if (x.size + y.size === 0) return 0
  const [small, large] = x.grams.size <= y.grams.size ? [x.grams, y.grams] : [y.grams, x.grams]
  let shared = 0
  for (const [gram, n] of small) shared += Math.min(n, large.get(gram) ?? 0)
  return Math.round(((2 * shared) / (x.size + y.size)) * 1000) / 1000
}

/**
 * Dice's coefficient of the texts' character bigrams, from 0 (nothing shared)
 * to 1 (the same NFKC text), rounded to 3 places. Japanese has no spaces
 * between words: bigrams of characters stand in for words.
 */
export const similarity = (a: string, b: string): number => profileSimilarity(profileOf(a), profileOf(b))
