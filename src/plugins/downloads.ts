// Bulk downloads: regenerated after every import (publish()), served from
// files with Content-Disposition, ETag and their size in the manifest.
import { createReadStream, statSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { DatasetInfo } from '../dataset-info.js'
import { type DownloadManifest, MANIFEST_FILE, readManifest, writeDownloads } from '../publish/downloads.js'
import { lastImportedAt } from '../services/dataset.js'
import { etagMatches } from './http-caching.js'
import { notFound } from './problems.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Rewrites the downloads from the database; call after every import. */
    publish(): void
    downloadManifest(): DownloadManifest | undefined
  }
}

export interface DownloadsOptions {
  /** Where the files live; null: no downloads. */
  dir: string | null
  dataset: DatasetInfo
}

async function downloads(app: FastifyInstance, options: DownloadsOptions) {
  let manifest: DownloadManifest | undefined
  let manifestTime = -1
  /** The manifest on disk: the CLI may have rewritten the downloads since (npm run seed beside a running server). */
  const current = () => {
    if (!options.dir) return undefined
    const time = statSync(join(options.dir, MANIFEST_FILE), { throwIfNoEntry: false })?.mtimeMs ?? -1
    if (time !== manifestTime) {
      manifest = readManifest(options.dir)
      manifestTime = time
    }
    return manifest
  }
  app.decorate('publish', () => {
    if (!options.dir) return
    // Synchronous, so an import's answer comes once its downloads match it (about 1 s at 1000 plans).
    const started = performance.now()
    const written = writeDownloads(app.writer, options.dir, { license: options.dataset.license, attribution: options.dataset.attribution })
    app.log.info({ files: written.files.length, ms: Math.round(performance.now() - started) }, 'downloads written')
  })
  app.decorate('downloadManifest', current)
  // Downloads missing or older than the last import (a fresh seed, an import while the server was down).
  app.addHook('onReady', async () => {
    const imported = lastImportedAt(app.db)
    const onDisk = current()
    if (options.dir && imported && (!onDisk || onDisk.generatedAt < imported)) app.publish()
  })

  app.get<{ Params: { name: string } }>(
    '/downloads/:name',
    { schema: { hide: true, params: { type: 'object', properties: { name: { type: 'string', maxLength: 100 } } } } },
    async (request, reply) => {
      const file = current()?.files.find((f) => f.name === request.params.name)
      if (!file || !options.dir) return notFound(reply, 'download', request.params.name)
      reply.header('etag', file.etag).header('cache-control', 'public, max-age=300')
      if (etagMatches(request.headers['if-none-match'], file.etag)) return reply.code(304).send()
      const licenseLink = `<${options.dataset.license.url}>; rel="license"`
      return reply
        .type(file.contentType)
        .header('content-length', file.bytes)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .header('link', licenseLink)
        .send(createReadStream(join(options.dir, file.name)))
    },
  )
}

export default fp(downloads, { name: 'downloads', dependencies: ['database'] })
