// npm run openapi: writes what the code generates, for review and for the
// drift tests: the OpenAPI document (with the seed plan as examples) to
// openapi/openapi.json, the GraphQL schema to openapi/schema.graphql, and the
// types openapi-typescript generates from the document to test/client/openapi.d.ts.
import { writeFileSync } from 'node:fs'
import { graphqlSchemaDocument, openApiDocument } from '../src/exported-documents.js'
import { CLIENT_TYPES_PATH, clientTypes } from './client-types.js'

const openApi = await openApiDocument()
for (const [target, text] of [
  [new URL('../openapi/openapi.json', import.meta.url), openApi],
  [new URL('../openapi/schema.graphql', import.meta.url), graphqlSchemaDocument()],
  [CLIENT_TYPES_PATH, await clientTypes(openApi)],
] as const) {
  writeFileSync(target, text)
  process.stderr.write(`wrote ${target.pathname}\n`)
}
