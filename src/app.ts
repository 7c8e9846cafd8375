// buildApp(): the whole service as one Fastify instance, used by the server and the tests.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import database from './plugins/database.js'
import docs from './plugins/docs.js'
import graphql from './plugins/graphql.js'
import httpCaching from './plugins/http-caching.js'
import problems from './plugins/problems.js'
import budgetRoutes from './rest/budgets.js'
import healthRoutes from './rest/health.js'
import initiativeRoutes from './rest/initiatives.js'
import issueRoutes from './rest/issues.js'
import organizationRoutes from './rest/organizations.js'
import planRoutes from './rest/plans.js'
import searchRoutes from './rest/search.js'
import strategyRoutes from './rest/strategies.js'

export interface AppOptions {
  /** SQLite file, or ':memory:'. */
  databasePath: string
  /** Seed an empty database from this directory; null leaves it empty. */
  seedDir?: string | null
  logger?: FastifyServerOptions['logger']
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    ajv: {
      // Unknown query parameters are errors, not silently dropped; "limit=5" is a number.
      customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false },
    },
    routerOptions: { ignoreTrailingSlash: true },
  })

  await app.register(problems)
  await app.register(database, { databasePath: options.databasePath, seedDir: options.seedDir ?? null })
  await app.register(httpCaching)
  await app.register(docs)

  await app.register(graphql)
  await app.register(healthRoutes)
  await app.register(
    async (v1) => {
      await v1.register(organizationRoutes)
      await v1.register(planRoutes)
      await v1.register(issueRoutes)
      await v1.register(strategyRoutes)
      await v1.register(initiativeRoutes)
      await v1.register(budgetRoutes)
      await v1.register(searchRoutes)
    },
    { prefix: '/v1' },
  )
  return app
}
