// The documents committed under openapi/, as the code generates them.
import { fileURLToPath } from 'node:url'
import { buildSchema, printSchema } from 'graphql'
import { buildApp } from './app.js'
import { SCHEMA_SDL } from './plugins/graphql.js'

export const SEED_DIR = fileURLToPath(new URL('../seed', import.meta.url))

/** OpenAPI from an app over an in-memory database seeded from seed/, so the examples are the seed plan. */
export async function openApiDocument(): Promise<string> {
  const app = await buildApp({ databasePath: ':memory:', seedDir: SEED_DIR })
  try {
    await app.ready()
    return `${JSON.stringify(app.swagger(), null, 2)}\n`
  } finally {
    await app.close()
  }
}

/** The GraphQL schema, printed from the SDL the server loads. */
export function graphqlSchemaDocument(): string {
  return `${printSchema(buildSchema(SCHEMA_SDL))}\n`
}
