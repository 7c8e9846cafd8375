// Pages cut from an ordering kept in memory until the data changes (a search's
// ranking, a budget grouping's groups): each page is cut once per ordering and
// cursor, so a page asked again, by any client, is the same object, neither
// looked up, nor built, nor given a cursor again.
import { LRUCache } from 'lru-cache'
import type { Page, PageRequest } from './pagination.js'

/** An ordering a memo keeps: its id tells it from every other made in this process, as a new data version makes new ones. */
export interface Ordering {
  readonly orderingId: number
}

let orderingsMade = 0

/** The id of a new ordering. */
export const newOrderingId = (): number => ++orderingsMade

/**
 * Pages of orderings, at most `maxBytes` of them as `bytesOfRow` counts their rows. Keyed by
 * the ordering's id, not the ordering: a kept page holds no ordering its memo has let go.
 */
export function keptPages<T>(maxBytes: number, bytesOfRow: (row: T) => number) {
  const pages = new LRUCache<string, Page<T>>({
    maxSize: maxBytes,
    sizeCalculation: (page, key) => 256 + 2 * (key.length + (page.page.nextCursor?.length ?? 0)) + page.data.reduce((bytes, row) => bytes + bytesOfRow(row), 0),
  })
  /**
   * The page of `ordering` (in the sort `sortName`) that `request` asks for, cut by `cut` the first
   * time. A cursor that `cut` refuses throws every time: only pages are kept.
   */
  return (ordering: Ordering, sortName: string, request: PageRequest, cut: () => Page<T>): Page<T> => {
    const key = `${ordering.orderingId} ${sortName} ${request.limit} ${request.cursor ?? ''}`
    let page = pages.get(key)
    if (page === undefined) {
      page = cut()
      pages.set(key, page)
    }
    return page
  }
}
