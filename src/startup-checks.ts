// What the server checks before it writes anything (migrations, the seed,
// downloads): the paths can be used and the address can be bound. Each
// failure is a ConfigError naming the variable; nothing has been created.
import { type Stats, accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, resolve } from 'node:path'
import { type Config, ConfigError, allowed } from './config.js'
import { existingAncestor, makeDirectories } from './directories.js'

const SQLITE_HEADER = 'SQLite format 3\0'

const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error)

/** DATABASE_PATH: an existing readable and writable SQLite file, or a new file in a directory that can be written. */
export function checkDatabasePath(path: string): void {
  if (path === ':memory:') return
  const fail = (problem: string) => new ConfigError('DATABASE_PATH', path, allowed('DATABASE_PATH'), problem)
  const file = resolve(path)
  const stat = statOrFail(file, fail)
  if (stat) {
    if (!stat.isFile()) throw fail(`${file} is not a file`)
    try {
      accessSync(file, constants.R_OK | constants.W_OK)
    } catch (error) {
      throw fail(`${file} cannot be read and written (${reason(error)})`)
    }
    if (stat.size > 0 && readStart(file, SQLITE_HEADER.length) !== SQLITE_HEADER) throw fail(`${file} is not a SQLite database (it does not start with "SQLite format 3")`)
  }
  // SQLite writes its -wal and -shm files beside the database.
  checkWritableDirectory(dirname(file), fail)
}

/** DOWNLOADS_DIR: a directory, or a path where one can be created; each set is written beside it (DIR.next) and swapped in. */
export function checkDownloadsDir(dir: string): void {
  const fail = (problem: string) => new ConfigError('DOWNLOADS_DIR', dir, allowed('DOWNLOADS_DIR'), problem)
  const full = resolve(dir)
  const stat = statOrFail(full, fail)
  if (stat && !stat.isDirectory()) throw fail(`${full} is not a directory`)
  checkWritableDirectory(dirname(full), fail)
}

/** SEED_DIR: a directory the server can list (it seeds an empty database from it). */
export function checkSeedDir(dir: string): void {
  const fail = (problem: string) => new ConfigError('SEED_DIR', dir, allowed('SEED_DIR'), problem)
  try {
    if (!statSync(dir).isDirectory()) throw fail(`${resolve(dir)} is not a directory`)
    accessSync(dir, constants.R_OK | constants.X_OK)
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw fail(`cannot read ${resolve(dir)} (${reason(error)})`)
  }
}

/** HOST and PORT: binds them once and lets go, so a bad address or a busy port is found before anything is written. */
export function checkListen(host: string, port: number): Promise<void> {
  return new Promise((done, failed) => {
    const probe = createServer()
    probe.once('error', (error) => failed(listenError(host, port, error)))
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => done()))
  })
}

/** Why HOST:PORT cannot be listened on, as the variable at fault. */
export function listenError(host: string, port: number, error: unknown): ConfigError {
  const code = reason(error)
  if (code === 'EADDRINUSE') return new ConfigError('PORT', String(port), `a free port (${allowed('PORT')})`, `port ${port} on ${host} is in use (EADDRINUSE)`)
  if (code === 'EACCES') return new ConfigError('PORT', String(port), 'a port this user may bind (1024 or more without privileges)', `binding ${host}:${port} is not permitted (EACCES)`)
  return new ConfigError('HOST', host, allowed('HOST'), `cannot listen on ${host} (${code})`)
}

/** Every check, then the directories the server writes into: the first thing written. */
export async function checkStartup(config: Config): Promise<void> {
  // A replica writes nothing: its snapshot source checks the file it serves (src/replica/).
  if (config.READ_ONLY) return checkListen(config.HOST, config.PORT)
  checkDatabasePath(config.DATABASE_PATH)
  checkDownloadsDir(config.DOWNLOADS_DIR)
  checkSeedDir(config.SEED_DIR)
  await checkListen(config.HOST, config.PORT)
  const make = (variable: 'DATABASE_PATH' | 'DOWNLOADS_DIR', dir: string) => {
    try {
      makeDirectories(dir)
    } catch (error) {
      throw new ConfigError(variable, config[variable], allowed(variable), `cannot create the directory ${dir} (${reason(error)})`)
    }
  }
  if (config.DATABASE_PATH !== ':memory:') make('DATABASE_PATH', dirname(resolve(config.DATABASE_PATH)))
  make('DOWNLOADS_DIR', resolve(config.DOWNLOADS_DIR))
}

/** What is at `path` (undefined: nothing), or the variable's error when it cannot be looked at (a /proc path, say). */
function statOrFail(path: string, fail: (problem: string) => ConfigError): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false })
  } catch (error) {
    throw fail(`cannot look at ${path} (${reason(error)})`)
  }
}

function checkWritableDirectory(dir: string, fail: (problem: string) => ConfigError): void {
  let existing: string
  try {
    existing = existingAncestor(dir).existing
  } catch (error) {
    throw fail(`cannot look at ${dir} (${reason(error)})`)
  }
  if (!statSync(existing).isDirectory()) throw fail(`${existing} is not a directory`)
  try {
    accessSync(existing, constants.W_OK | constants.X_OK)
  } catch (error) {
    throw fail(`the directory ${existing} cannot be written (${reason(error)})`)
  }
}

function readStart(file: string, bytes: number): string {
  const fd = openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const read = readSync(fd, buffer, 0, bytes, 0)
    return buffer.subarray(0, read).toString('latin1')
  } finally {
    closeSync(fd)
  }
}
