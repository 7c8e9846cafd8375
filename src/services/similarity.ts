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

/**
 * Dice's coefficient of the texts' character bigrams, from 0 (nothing shared)
 * to 1 (the same NFKC text), rounded to 3 places. Japanese has no spaces
 * between words: bigrams of characters stand in for words.
 */
export function similarity(a: string, b: string): number {
  const x = comparable(a)
  const y = comparable(b)
  if (x === y) return 1
  const gx = bigrams(x)
  const gy = bigrams(y)
  let sizeX = 0
  let sizeY = 0
  let shared = 0
  for (const n of gx.values()) sizeX += n
  for (const [gram, n] of gy) {
    sizeY += n
    shared += Math.min(n, gx.get(gram) ?? 0)
  }
  if (sizeX + sizeY === 0) return 0
  return Math.round(((2 * shared) / (sizeX + sizeY)) * 1000) / 1000
}
