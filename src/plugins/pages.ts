// The HTML pages: the landing page, plan and comparison pages (src/pages/), Swagger UI (/docs) and GraphiQL, in one
// encapsulated context with helmet's full set of headers. helmet's hooks run
// on every request of the context they are registered in, so the API routes
// stay outside it and send one constant header set instead (protection.ts).
import helmet from '@fastify/helmet'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import pageRoutes, { type PageOptions } from '../pages/routes.js'
import graphiql from './graphiql.js'

export default async function pages(app: FastifyInstance, options: PageOptions) {
  await app.register(helmet, {
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
  // After /openapi.json's generator (plugins/docs.ts), whose decorator it reads. validatorUrl
  // null: Swagger UI would otherwise send the document to validator.swagger.io.
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } })
  await app.register(graphiql)
  await app.register(pageRoutes, options)
}
