// The TypeScript types a client generates from openapi/openapi.json with
// openapi-typescript: written to test/client/openapi.d.ts by npm run openapi,
// compiled against the openapi-fetch client of test/client/ by its test.
import openapiTS, { COMMENT_HEADER, astToString } from 'openapi-typescript'

export const CLIENT_TYPES_PATH = new URL('../test/client/openapi.d.ts', import.meta.url)

export async function clientTypes(openApiJson: string): Promise<string> {
  return `${COMMENT_HEADER}${astToString(await openapiTS(JSON.parse(openApiJson)))}`
}
