// Venues whose many users reach the server from one address (a hackathon
// behind one NAT, a ward office) get their own rate limit instead of one
// person's: RATE_LIMIT_VENUES="203.0.113.7=6000,2001:db8:1::/48=12000".
import { BlockList, isIP } from 'node:net'

export interface RateLimitVenue {
  /** As configured: an address or a CIDR block. */
  addresses: string
  /** Requests a minute from it. */
  max: number
  list: BlockList
}

/** What the variable allows, for the configuration's messages. */
export const RATE_LIMIT_VENUES_SYNTAX = 'comma-separated ADDRESS=MAX or ADDRESS/PREFIX=MAX (IPv4 or IPv6), MAX from 1 to 1000000, e.g. 203.0.113.7=6000,198.51.100.0/24=3000'

/** The venues of the variable's text; throws on any part it cannot read. */
export function parseRateLimitVenues(text: string): RateLimitVenue[] {
  return text.split(',').map((part) => {
    const match = /^\s*([0-9A-Fa-f:.]+)(?:\/(\d{1,3}))?=(\d{1,7})\s*$/.exec(part)
    const family = match ? isIP(match[1]!) : 0
    const prefix = match?.[2] === undefined ? undefined : Number(match[2])
    const max = Number(match?.[3])
    if (!match || family === 0 || (prefix !== undefined && prefix > (family === 4 ? 32 : 128)) || max < 1 || max > 1_000_000) {
      throw new Error(`not a venue: ${JSON.stringify(part.trim())}`)
    }
    const list = new BlockList()
    const type = family === 4 ? 'ipv4' : 'ipv6'
    if (prefix === undefined) list.addAddress(match[1]!, type)
    else list.addSubnet(match[1]!, prefix, type)
    return { addresses: match[2] === undefined ? match[1]! : `${match[1]}/${prefix}`, max, list }
  })
}

/** The limit of the first venue holding the address, if any (an IPv4-mapped IPv6 address counts as its IPv4 one). */
export function venueLimit(venues: readonly RateLimitVenue[], ip: string): number | undefined {
  const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip
  const family = isIP(address)
  if (family === 0) return undefined
  return venues.find((venue) => venue.list.check(address, family === 4 ? 'ipv4' : 'ipv6'))?.max
}
