// Bulk downloads: regenerated after every import (publish()), served from
// files with Content-Disposition, ETag and their size in the manifest.
import { createReadStream, statSync } from 'node:fs'
import { join } from 'node:path'
import { negotiate } from '@fastify/accept-negotiator'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { DatasetInfo } from '../dataset-info.js'
import { type DownloadManifest, MANIFEST_FILE, readManifestFile } from '../publish/downloads.js'
import { createPublisher } from '../publish/publisher.js'
import { contentVersion } from '../db/content-version.js'
import { plans } from '../db/schema.js'
import { refuses } from './acceptable.js'
import { etagMatches, etagOf } from './http-caching.js'
import { notFound } from './problems.js'
import { DOWNLOAD_ROUTE_SCHEMA } from '../rest/schemas/downloads.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Rewrites the downloads from the database, on a worker thread; call after every import. */
    publish(): Promise<void>
    downloadManifest(): DownloadManifest | undefined
  }
}

export interface DownloadsOptions {
  /** The database the writer thread reads. */
  databasePath: string
  /** Where the files live; null: no downloads. */
  dir: string | null
  dataset: DatasetInfo
  /** Serve the files another process writes, never writing them (replicas, cluster workers). */
  readOnly?: boolean
}

async function downloads(app: FastifyInstance, options: DownloadsOptions) {
  let manifest: DownloadManifest | undefined
  /** The manifest's own bytes and ETag: it is served too, as the index of the files. */
  let manifestFile: { bytes: Buffer; etag: string } | undefined
  let manifestTime = -1
  /** The manifest on disk: the CLI may have rewritten the downloads since (npm run seed beside a running server). */
  const current = () => {
    if (!options.dir) return undefined
    const time = statSync(join(options.dir, MANIFEST_FILE), { throwIfNoEntry: false })?.mtimeMs ?? -1
    if (time !== manifestTime) {
      const read = readManifestFile(options.dir)
      manifest = read?.manifest
      manifestFile = read && { bytes: read.bytes, etag: etagOf(read.bytes) }
      manifestTime = time
    }
    return manifest
  }
  const publisher = options.dir && !options.readOnly
    ? createPublisher({ databasePath: options.databasePath, dir: options.dir, licence: { license: options.dataset.license, attribution: options.dataset.attribution, title: options.dataset.title, description: options.dataset.description }, db: app.writer })
    : undefined
  app.decorate('publish', async () => {
    if (!publisher) return
    // Off the event loop (about 1 s at 1000 plans); a failure leaves the previous downloads in place.
    const outcome = await publisher.publish()
    if (outcome.ok) app.log.info({ files: outcome.files, ms: outcome.ms }, 'downloads written')
    else app.log.error({ error: outcome.message }, 'downloads not written; the previous ones are still served')
  })
  app.addHook('onClose', async () => publisher?.close())
  app.decorate('downloadManifest', current)
  // Downloads missing or written from other data than the database holds now: a fresh seed, an
  // import or a delete while the server was down, or a crash before the downloads were rewritten.
  app.addHook('onReady', async () => {
    if (!publisher) return
    const onDisk = current()
    const stale = onDisk ? onDisk.dataVersion !== contentVersion(app.db) : app.db.select({ id: plans.id }).from(plans).limit(1).all().length > 0
    if (stale) await app.publish()
  })

  app.get<{ Params: { name: string } }>(
    '/downloads/:name',
    { schema: DOWNLOAD_ROUTE_SCHEMA },
    async (request, reply) => {
      /** Its validators; true when the client holds it already and takes its type (then a 304 is sent; a refused type goes on to the 406). */
      const unchanged = (etag: string, contentType: string) => {
        reply.header('etag', etag).header('cache-control', 'public, max-age=300')
        if (!etagMatches(request.headers['if-none-match'], etag) || refuses(request, contentType)) return false
        reply.code(304).send()
        return true
      }
      if (request.params.name === MANIFEST_FILE && current() && manifestFile) {
        // The index of the files (names, sizes, ETags), linked from GET /v1: JSON to read, not an attachment.
        const manifestType = 'application/json; charset=utf-8'
        if (unchanged(manifestFile.etag, manifestType)) return reply
        return reply.type(manifestType).send(manifestFile.bytes)
      }
      const file = current()?.files.find((f) => f.name === request.params.name)
      if (!file || !options.dir) return notFound(reply, 'download', request.params.name)
      if (unchanged(file.etag, file.contentType)) return reply
      const licenseLink = `<${options.dataset.license.url}>; rel="license"`
      reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .header('link', licenseLink)
        .header('vary', 'accept-encoding')
      // The gzip copy written beside the file, rather than compressing it again for every download
      // (codings are case-insensitive: GZIP is gzip).
      const gzip = file.gzipBytes !== undefined && request.headers['x-no-compression'] === undefined && negotiate((request.headers['accept-encoding'] ?? 'identity').toLowerCase(), ['gzip', 'identity']) === 'gzip'
      if (gzip) return reply.header('content-encoding', 'gzip').header('content-length', file.gzipBytes).send(createReadStream(join(options.dir, `${file.name}.gz`)))
      return reply.header('content-length', file.bytes).send(createReadStream(join(options.dir, file.name)))
    },
  )
}

export default fp(downloads, { name: 'downloads', dependencies: ['database'] })
