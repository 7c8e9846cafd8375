// Last-Modified of REST answers: an item's plan's updatedAt, a list's the
// dataset's last change. Conditional requests (If-Modified-Since) are
// answered in plugins/http-caching.ts.
import type { FastifyReply } from 'fastify'
import type { Db } from '../db/connection.js'
import { datasetChangedAt } from '../services/changes.js'

/** HTTP-dates by ISO time: a plan's or the dataset's last change, few and asked on every answer (parsing and formatting a Date costs about 1 µs). */
const httpDates = new Map<string, string>()
const MAX_HTTP_DATES = 10_000

/** An ISO 8601 time as an HTTP-date (seconds). */
export function httpDate(isoTime: string): string {
  let date = httpDates.get(isoTime)
  if (date === undefined) {
    if (httpDates.size >= MAX_HTTP_DATES) httpDates.clear()
    date = new Date(isoTime).toUTCString()
    httpDates.set(isoTime, date)
  }
  return date
}

/** Sets Last-Modified to an ISO 8601 time, as an HTTP-date (seconds); nothing when unknown. */
export function setLastModified(reply: FastifyReply, isoTime: string | null | undefined): void {
  if (isoTime) reply.header('last-modified', httpDate(isoTime))
}

/** A list, or anything drawn from every plan: the dataset's last change. */
export function lastModifiedByDataset(reply: FastifyReply, db: Db): void {
  setLastModified(reply, datasetChangedAt(db))
}

/** The header as OpenAPI documents it. */
export const LAST_MODIFIED_HEADER_DOC = {
  'Last-Modified': {
    description: "When the data of the answer last changed: an item's plan's updatedAt, or for lists the dataset's last import. If-Modified-Since is answered 304 when it has not changed since (If-None-Match, when sent, decides instead).",
    schema: { type: 'string' },
  },
} as const
