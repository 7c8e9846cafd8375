// How many connections the server holds. Each is a file descriptor; a client
// that opens sockets and sends nothing is never counted by the rate limit, and
// at the process's file limit everything that opens a file fails (a timer's
// read of /proc ended the process). So the server takes at most a share of the
// limit, and one address at most its own share of that; what is over is closed
// on accept, and the server lives on.
import { readFileSync } from 'node:fs'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { clientKey } from './server-time.js'

/** Descriptors kept for everything else: the database and its journal, downloads, /proc, logs. */
const RESERVED_FILES = 256
const FALLBACK_MAX_CONNECTIONS = 10_000

/** The process's soft limit of open files (Linux), or undefined where it cannot be read. */
export function openFileLimit(limits = '/proc/self/limits'): number | undefined {
  try {
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync(limits, 'utf8'))
    return match && match[1] !== 'unlimited' ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

/** Connections the whole server takes: the file limit less what the rest needs, at least 64. */
export function defaultMaxConnections(fileLimit = openFileLimit()): number {
  if (fileLimit === undefined) return FALLBACK_MAX_CONNECTIONS
  return Math.max(64, Math.min(fileLimit - RESERVED_FILES, Math.floor(fileLimit * 0.9)))
}

export interface ConnectionLimits {
  /** For the whole server. */
  max: number
  /** For one client address (an IPv6 /64); 0: no such limit (behind a proxy every client is the proxy). */
  perClient: (address: string) => number
}

/** Applies the limits to the app's server. */
export function limitConnections(app: FastifyInstance, limits: ConnectionLimits): void {
  app.server.maxConnections = limits.max
  const open = new Map<string, number>()
  app.server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? ''
    const key = clientKey(address)
    const count = (open.get(key) ?? 0) + 1
    const most = limits.perClient(address)
    if (most > 0 && count > most) {
      socket.destroy()
      return
    }
    open.set(key, count)
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1
      if (left === 0) open.delete(key)
      else open.set(key, left)
    })
  })
}
