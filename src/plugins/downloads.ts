// Bulk downloads: regenerated after every import (publish()), served from
// files with Content-Disposition, ETag and their size in the manifest.
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { DatasetInfo } from '../dataset-info.js'
import { type DownloadManifest, readManifest, writeDownloads } from '../publish/downloads.js'
import { lastImportedAt } from '../services/dataset.js'
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
  let manifest = options.dir ? readManifest(options.dir) : undefined
  app.decorate('publish', () => {
    if (!options.dir) return
    // Synchronous, so an import's answer comes once its downloads match it (about 1 s at 1000 plans).
    const started = performance.now()
    manifest = writeDownloads(app.writer, options.dir, { license: options.dataset.license, attribution: options.dataset.attribution })
    app.log.info({ files: manifest.files.length, ms: Math.round(performance.now() - started) }, 'downloads written')
  })
  app.decorate('downloadManifest', () => manifest)
  // Downloads missing or older than the last import (a fresh seed, an import while the server was down).
  app.addHook('onReady', async () => {
    const imported = lastImportedAt(app.db)
    if (options.dir && imported && (!manifest || manifest.generatedAt < imported)) app.publish()
  })

  app.get<{ Params: { name: string } }>(
    '/downloads/:name',
    { schema: { hide: true, params: { type: 'object', properties: { name: { type: 'string', maxLength: 100 } } } } },
    async (request, reply) => {
      const file = manifest?.files.find((f) => f.name === request.params.name)
      if (!file || !options.dir) return notFound(reply, 'download', request.params.name)
      reply.header('etag', file.etag).header('cache-control', 'public, max-age=300')
      if (request.headers['if-none-match'] === file.etag) return reply.code(304).send()
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
