// Reading plan files from disk: the importer's and the CLI's entry to the parser.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parsePlan } from '../plans/parse.js'
import { decodePlanBytes } from '../plans/text.js'
import type { PlanDocument } from '../plans/types.js'
import { PlanParseError } from '../plans/errors.js'

/** Parses the plan text in `path`; errors name the path as given. */
export function readPlanFile(path: string): PlanDocument {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    throw new PlanParseError(path, 0, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'a readable plan text file')
  }
  return parsePlan(decodePlanBytes(bytes, path), path)
}

/** The plan texts kept under the seed directory (*.txt), in name order. */
export function seedFiles(seedDir: string): string[] {
  return readdirSync(seedDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => join(seedDir, name))
}
