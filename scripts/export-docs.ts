// npm run openapi: writes what the code generates, for review and for the
// drift tests: the OpenAPI document (with the seed plan as examples) to
// openapi/openapi.json and the GraphQL schema to openapi/schema.graphql.
import { writeFileSync } from 'node:fs'
import { graphqlSchemaDocument, openApiDocument } from '../src/exported-documents.js'

for (const [file, text] of [
  ['openapi.json', await openApiDocument()],
  ['schema.graphql', graphqlSchemaDocument()],
] as const) {
  const target = new URL(`../openapi/${file}`, import.meta.url)
  writeFileSync(target, text)
  process.stderr.write(`wrote ${target.pathname}\n`)
}
