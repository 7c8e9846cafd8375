// GraphiQL at /graphiql, served wholly from this server: its page and the
// React, ReactDOM and GraphiQL builds of the installed packages (no CDN, so
// it works on ward office networks without internet access).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

const require = createRequire(import.meta.url)
const PAGE_DIR = fileURLToPath(new URL('../graphql/graphiql/', import.meta.url))
const PAGE = readFileSync(`${PAGE_DIR}index.html`, 'utf8')

/** Which files of each package the page loads; nothing else of node_modules is served. */
const ASSETS: Record<string, (path: string) => boolean> = {
  react: (path) => path === '/umd/react.production.min.js',
  'react-dom': (path) => path === '/umd/react-dom.production.min.js',
  graphiql: (path) => path === '/graphiql.min.js' || path === '/graphiql.min.css',
}

async function graphiql(app: FastifyInstance) {
  for (const [name, allowed] of Object.entries(ASSETS)) {
    const root = dirname(require.resolve(`${name}/package.json`))
    await app.register(fastifyStatic, { root, prefix: `/graphiql/assets/${name}/`, decorateReply: false, index: false, allowedPath: allowed })
  }
  await app.register(fastifyStatic, { root: PAGE_DIR, prefix: '/graphiql/assets/', decorateReply: false, index: false, allowedPath: (path) => !path.endsWith('.html') })
  app.get('/graphiql', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE))
}

export default fp(graphiql, { name: 'graphiql' })
