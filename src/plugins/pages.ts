// The HTML pages: the landing page, plan, organization, fiscal year and comparison
// pages (src/pages/), Swagger UI (/docs) and GraphiQL, in one encapsulated context
// with helmet's full set of headers. The API routes stay outside it and send their
// own constant set (protection.ts).
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance } from 'fastify'
import pageRoutes, { type PageOptions } from '../pages/routes.js'
import graphiql from './graphiql.js'

/**
 * The headers helmet sets on a page. They never vary (no nonces), but @fastify/helmet
 * builds helmet's middleware again on every request (a third of a cached page's cost):
 * so helmet is asked once, on a throwaway instance, and its answer set as a constant.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify()
  await probe.register(helmet, options)
  probe.get('/', (_request, reply) => reply.send(''))
  const { headers } = await probe.inject('/')
  await probe.close()
  const fastifyOwn = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive'])
  return Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => (fastifyOwn.has(name) || value === undefined ? [] : [[name, String(value)]])))
}

export default async function pages(app: FastifyInstance, options: PageOptions) {
  const headers = await helmetHeaders({
    // The pages load everything from this origin; Swagger UI and GraphiQL set inline
    // styles, and GraphiQL's editor may start workers. The whole policy is written out
    // (no helmet defaults): its default upgrade-insecure-requests makes browsers fetch
    // every asset over https, so a page served over plain http on any name but
    // localhost came up blank; nothing here names a scheme.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        workerSrc: ["'self'", 'blob:'],
      },
    },
    crossOriginEmbedderPolicy: false,
    // The API is open data: other origins may load it.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  })
  // A callback hook: one allocation and microtask less than an async one.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })
  // After /openapi.json's generator (plugins/docs.ts), whose decorator it reads. validatorUrl
  // null: Swagger UI would otherwise send the document to validator.swagger.io.
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } })
  await app.register(graphiql)
  await app.register(pageRoutes, options)
}
