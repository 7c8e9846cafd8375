// A budget of server time per client and minute, beside the count of requests:
// the request limit counts a lookup and a search alike, but a broad search or
// a wide GraphQL query takes a hundred times a lookup's time, so one client
// within its request limit could keep a core busy. Each answer's time (from
// its first hook to the body's hand-over, what the event loop spent on it) is charged
// to its client; a client past its budget is answered 429 until the minute ends.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { isIPv4 } from 'node:net'
import { performance } from 'node:perf_hooks'
import { type RateLimitVenue, venueLimit } from '../rate-limit-venues.js'
import { problem, sendProblem } from './problems.js'

export interface ServerTimeOptions {
  /** Milliseconds of server time a client may use a minute; 0 turns the budget off. */
  msPerMinute: number
  /** The request limit: a venue's budget grows with its own limit (venue max / this). */
  rateLimitMax: number
  rateLimitVenues: RateLimitVenue[]
  /** Routes not charged (those the request limit does not count either). */
  uncharged: (request: FastifyRequest) => boolean
}

const MINUTE_MS = 60_000

declare module 'fastify' {
  interface FastifyRequest {
    /** When its charged time began (performance.now()); NaN when it is not charged. */
    chargedFrom: number
  }
}

/**
 * The client a request is charged to: its address, an IPv6 one by its /64 (one allocation,
 * however many addresses it rotates through), an IPv4-mapped one as IPv4: as the request limit keys it.
 */
export function clientKey(ip: string): string {
  const address = ip.replace(/%.*$/, '').toLowerCase()
  if (address.startsWith('::ffff:') && isIPv4(address.slice(7))) return address.slice(7)
  if (!address.includes(':')) return address
  const [head, tail] = address.split('::')
  const groupsOf = (part: string | undefined) => (part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : [])
  const front = groupsOf(head)
  const back = groupsOf(tail)
  const groups = tail === undefined ? front : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back]
  return `${groups
    .slice(0, 4)
    .map((group) => (Number.parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`
}

/** Time charged this minute per client; every client's minute ends together, when the map is emptied. */
class Budgets {
  private spent = new Map<string, number>()
  private minuteEnds = 0

  private roll(now: number): void {
    if (now < this.minuteEnds) return
    this.spent.clear()
    this.minuteEnds = now + MINUTE_MS
  }

  spentBy(key: string, now: number): number {
    this.roll(now)
    return this.spent.get(key) ?? 0
  }

  charge(key: string, ms: number, now: number): void {
    this.roll(now)
    this.spent.set(key, (this.spent.get(key) ?? 0) + ms)
  }

  secondsLeft(now: number): number {
    return Math.max(1, Math.ceil((this.minuteEnds - now) / 1000))
  }
}

async function serverTime(app: FastifyInstance, options: ServerTimeOptions) {
  if (options.msPerMinute <= 0) return
  const budgets = new Budgets()
  const budgetOf = (request: FastifyRequest) =>
    options.rateLimitVenues.length === 0 ? options.msPerMinute : (options.msPerMinute * (venueLimit(options.rateLimitVenues, request.ip) ?? options.rateLimitMax)) / options.rateLimitMax
  // Writes are the token holder's, who is not limited.
  const charged = (request: FastifyRequest) => !options.uncharged(request) && !((request.method === 'POST' || request.method === 'DELETE') && request.routeOptions.url?.startsWith('/v1/plans'))

  app.decorateRequest('chargedFrom', Number.NaN)
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!charged(request)) return done()
    const now = Date.now()
    request.chargedFrom = performance.now()
    const spent = budgets.spentBy(clientKey(request.ip), now)
    const budget = budgetOf(request)
    if (spent < budget) return done()
    reply.header('retry-after', String(budgets.secondsLeft(now)))
    sendProblem(
      reply,
      problem('rateLimited', `this client's requests took ${Math.round(spent)} ms of server time this minute, over its ${Math.round(budget)} ms; retry after ${budgets.secondsLeft(now)} s (narrower searches and filters take less)`),
    )
  })
  app.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
    if (!Number.isNaN(request.chargedFrom) && reply.statusCode !== 429) budgets.charge(clientKey(request.ip), performance.now() - request.chargedFrom, Date.now())
    done(null, payload)
  })
}

export default fp(serverTime, { name: 'server-time' })
