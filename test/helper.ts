// Test helpers: an app over a fresh in-memory database seeded from the seed
// plan alone (most tests check its facts) or from all of seed/ (the catalogue).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'

export const SEED_DIR = fileURLToPath(new URL('../seed', import.meta.url))
export const SEED_PLAN = fileURLToPath(new URL('../seed/asahi-2017.txt', import.meta.url))
/** A seed directory holding only the complete seed plan, for the tests of its facts; gone when the process exits. */
export const SEED_PLAN_DIR = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'ward-plans-seed-plan-'))
  copyFileSync(SEED_PLAN, join(dir, 'asahi-2017.txt'))
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  return dir
})()
export const OPENINGS_DIR = fileURLToPath(new URL('./fixtures/openings', import.meta.url))

interface Teardown {
  teardown(fn: () => unknown): void
}

/** The app with the seed plan loaded (pass SEED_DIR for the whole catalogue seed); closed when the test ends. */
export async function build(t: Teardown, seedDir: string | null = SEED_PLAN_DIR): Promise<FastifyInstance> {
  const app = await buildApp({ databasePath: ':memory:', seedDir })
  t.teardown(() => app.close())
  return app
}

/** GET a path and parse the JSON body. */
export async function getJson<T = any>(app: FastifyInstance, url: string): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const response = await app.inject({ method: 'GET', url })
  return { status: response.statusCode, body: response.json() as T, headers: response.headers }
}

/**
 * Counts the SQL statements the app runs from now on (runs, not prepares: prepared statements are
 * reused): call before app.ready(), which prepares the ones made at start; reset `executed` as needed.
 */
export function countStatements(app: FastifyInstance): { executed: number } {
  const counter = { executed: 0 }
  const prepare = app.sqlite.prepare.bind(app.sqlite)
  app.sqlite.prepare = ((source: string) => {
    const statement = prepare(source)
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement)
      ;(statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        counter.executed++
        return original(...args)
      }
    }
    return statement
  }) as typeof app.sqlite.prepare
  return counter
}

/** A fresh directory under the system's temp dir, removed when the test ends. */
export function tempDir(t: Teardown, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ward-plans-${name}-`))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
