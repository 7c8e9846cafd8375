// Reading plan files from disk: the importer's and the CLI's entry to the parser.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parsePlan } from '../plans/parse.js'
import { decodePlanBytes } from '../plans/text.js'
import type { PlanDocument } from '../plans/types.js'
import { PlanParseError } from '../plans/errors.js'
import { SourceError } from '../sources/errors.js'
import { fetchPage } from '../sources/fetch-page.js'
import { type Page, looksLikeHtml, planTextOf } from '../sources/page-text.js'

/**
 * Parses the plan in `path`: a plan text, or a saved HTML page (by its
 * extension or its opening `<!DOCTYPE html>`/`<html>`). Errors name the path as given.
 */
export function readPlanFile(path: string): PlanDocument {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    throw new PlanParseError(path, 0, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'a readable plan text file')
  }
  if (/\.x?html?$/i.test(path) || looksLikeHtml(bytes)) return parsePage({ bytes, contentType: null, url: null, name: path })
  return parsePlan(decodePlanBytes(bytes, path), path)
}

/** True for an argument that names a page to fetch rather than a file. */
export function isPageUrl(arg: string): boolean {
  return /^https?:\/\//i.test(arg)
}

/** Fetches the page at `url` and parses it; errors name the URL. */
export async function readPlanUrl(url: string, timeoutMs: number): Promise<PlanDocument> {
  const fetched = await fetchPage(url, { timeoutMs })
  if (fetched.kind !== 'page') throw new SourceError(url, 'HTTP 304 to a request that was not conditional')
  return parsePage({ bytes: fetched.bytes, contentType: fetched.contentType, url: fetched.url, name: url })
}

function parsePage(page: Page): PlanDocument {
  return parsePlan(planTextOf(page).text, page.name)
}

/** The plan texts kept under the seed directory (*.txt), in name order. */
export function seedFiles(seedDir: string): string[] {
  return readdirSync(seedDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => join(seedDir, name))
}
