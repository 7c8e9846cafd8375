// npm run openapi: writes the OpenAPI document the code generates, with the
// seed plan as its examples, to openapi/openapi.json.
import { writeFileSync } from 'node:fs'
import { openApiDocument } from '../src/openapi-document.js'

const target = new URL('../openapi/openapi.json', import.meta.url)
writeFileSync(target, await openApiDocument())
process.stderr.write(`wrote ${target.pathname}\n`)
