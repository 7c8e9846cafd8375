// Creating directories one level at a time. Node 20's mkdirSync(…, { recursive: true })
// never returns for some paths (under /proc, say): it retries the same failing step forever.
import { mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/** The nearest directory of `dir` (itself included) that exists, and the missing ones below it, top first. */
export function existingAncestor(dir: string): { existing: string; missing: string[] } {
  const missing: string[] = []
  let current = resolve(dir)
  while (!exists(current)) {
    const parent = dirname(current)
    if (parent === current) break
    missing.unshift(current)
    current = parent
  }
  return { existing: current, missing }
}

/** mkdir -p, failing with the error of the first level it cannot create. */
export function makeDirectories(dir: string): void {
  for (const level of existingAncestor(dir).missing) {
    try {
      mkdirSync(level)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
}

/** Whether `path` exists; a path through a file (ENOTDIR) does not. */
function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return false
    throw error
  }
}
