// The Atom feed (RFC 4287) of plan imports: one entry per event (a plan
// added, replaced or deleted), newest first, each linking the plan's page and
// its JSON document. Written with xmlbuilder2, which escapes every text.
import { create } from 'xmlbuilder2'
import type { PlanEvent } from '../services/changes.js'

export interface AtomFeedOptions {
  /** The feed's permanent IRI; entries' ids are built on it. */
  id: string
  title: string
  /** Who publishes the feed: Atom needs an author for entries that name none. */
  author: string
  /** The feed's own address (rel="self"). */
  selfUrl: string
  /** The address of a plan's page and of its JSON document. */
  pageUrl: (planId: string) => string
  documentUrl: (planId: string) => string
  /** When the data last changed: the feed's updated when it has no entries either. */
  updated: string
}

const WHAT_HAPPENED: Record<PlanEvent['kind'], string> = { added: 'added', replaced: 'replaced', deleted: 'deleted' }

export function atomFeed(events: readonly PlanEvent[], options: AtomFeedOptions): string {
  const feed = create({ version: '1.0', encoding: 'utf-8' }).ele('http://www.w3.org/2005/Atom', 'feed', { 'xml:lang': 'ja' })
  feed.ele('id').txt(options.id)
  feed.ele('title').txt(options.title)
  feed.ele('updated').txt(events[0]?.at ?? options.updated)
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: options.selfUrl })
  feed.ele('author').ele('name').txt(options.author)
  for (const event of events) {
    const entry = feed.ele('entry')
    entry.ele('id').txt(`${options.id}#event-${event.id}`)
    entry.ele('title').txt(`${event.title ?? event.planId} (${event.planId}): ${WHAT_HAPPENED[event.kind]}`)
    entry.ele('updated').txt(event.at)
    entry.ele('category', { term: event.kind })
    entry.ele('link', { rel: 'alternate', type: 'text/html', href: options.pageUrl(event.planId) })
    entry.ele('link', { rel: 'alternate', type: 'application/json', href: options.documentUrl(event.planId) })
    entry.ele('summary').txt(`Plan ${event.planId} ${WHAT_HAPPENED[event.kind]}${event.kind === 'deleted' ? '; its links answer 404 now.' : '.'}`)
  }
  return feed.end({ prettyPrint: true })
}
