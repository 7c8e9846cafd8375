// Configuration from the environment, validated at start: a bad value stops
// the process with one line naming the variable, the value and what is
// allowed (ConfigError). Each property's description says what is allowed.
import { availableParallelism } from 'node:os'
import { envSchema } from 'env-schema'
import { DEFAULT_DATASET_INFO, type DatasetInfo } from './dataset-info.js'
import { RATE_LIMIT_VENUES_SYNTAX, parseRateLimitVenues } from './rate-limit-venues.js'

export interface Config {
  HOST: string
  PORT: number
  DATABASE_PATH: string
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  SEED_DIR: string
  RATE_LIMIT_MAX: number
  RATE_LIMIT_VENUES?: string
  RATE_LIMIT_SERVER_MS: number
  MAX_CONNECTIONS: number
  MAX_CONNECTIONS_PER_CLIENT: number
  ADMIN_TOKEN?: string
  BODY_LIMIT_BYTES: number
  REQUEST_TIMEOUT_MS: number
  MAX_EVENT_LOOP_DELAY_MS: number
  DOWNLOADS_DIR: string
  DATASET_TITLE?: string
  DATASET_PUBLISHER?: string
  DATASET_LICENSE_NAME?: string
  DATASET_LICENSE_URL?: string
  DATASET_ATTRIBUTION?: string
  PUBLIC_URL?: string
  // Scale-out (the readme's "Running in production"):
  READ_ONLY: boolean
  SNAPSHOT_URL?: string
  SNAPSHOT_REFRESH_SECONDS: number
  WORKERS: number
  TRUST_PROXY?: string
  RESPONSE_CACHE: boolean
}

/** A whole number within bounds; the environment's text must be plain digits (no 1e3, Infinity, +5 or spaces). */
const integer = (minimum: number, maximum: number, fallback: number) =>
  ({ type: 'integer', minimum, maximum, default: fallback, description: `an integer from ${minimum} to ${maximum}, digits only` }) as const
const text = (description = 'a non-empty text') => ({ type: 'string', minLength: 1, maxLength: 1000, description }) as const
const path = (fallback: string, description: string) => ({ ...text(description), default: fallback }) as const

const schema = {
  type: 'object',
  properties: {
    HOST: { type: 'string', default: '0.0.0.0', pattern: '^[A-Za-z0-9.:%_-]{1,253}$', description: 'an address or host name of this machine (0.0.0.0, ::, 127.0.0.1, localhost)' },
    PORT: integer(0, 65535, 3000),
    DATABASE_PATH: path('data/ward-plans.db', 'a SQLite database file, or a path where one can be created, in a writable directory'),
    LOG_LEVEL: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info', description: 'one of fatal, error, warn, info, debug, trace, silent' },
    SEED_DIR: path('seed', 'a readable directory of plan texts (*.txt)'),
    RATE_LIMIT_MAX: integer(1, 1_000_000, 600),
    // Addresses many people share (a hackathon's NAT), each with its own limit; read by parseRateLimitVenues.
    RATE_LIMIT_VENUES: text(RATE_LIMIT_VENUES_SYNTAX),
    // Server time a client's answers may take a minute (0: unlimited): a broad search costs a hundred lookups.
    RATE_LIMIT_SERVER_MS: integer(0, 3_600_000, 15_000),
    // Sockets held at once (0: below the open-file limit) and per client address (0: no limit).
    MAX_CONNECTIONS: integer(0, 10_000_000, 0),
    MAX_CONNECTIONS_PER_CLIENT: integer(0, 10_000_000, 256),
    // A bearer token is RFC 6750's b64token: a space or a comma in it could never be sent back.
    ADMIN_TOKEN: { type: 'string', minLength: 16, maxLength: 1024, pattern: '^[A-Za-z0-9._~+/-]+=*$', description: '16 to 1024 of the characters A-Z a-z 0-9 - . _ ~ + / (then = padding), or unset to refuse writes' },
    BODY_LIMIT_BYTES: integer(1024, 104_857_600, 1_048_576),
    REQUEST_TIMEOUT_MS: integer(100, 3_600_000, 10_000),
    MAX_EVENT_LOOP_DELAY_MS: integer(0, 60_000, 1000),
    DOWNLOADS_DIR: path('data/downloads', 'a directory, or a path where one can be created, in a writable directory'),
    DATASET_TITLE: text(),
    DATASET_PUBLISHER: text(),
    DATASET_LICENSE_NAME: text(),
    DATASET_LICENSE_URL: { type: 'string', maxLength: 1000, pattern: '^https?://[^\\s]+$', description: 'an absolute http(s) URL' },
    DATASET_ATTRIBUTION: text(),
    // Where the public reaches this server (an http(s) origin, maybe a path): the base of absolute links.
    PUBLIC_URL: { type: 'string', maxLength: 1000, pattern: '^https?://[^/?#\\s@]+(/[^?#\\s]*)?$', description: 'an absolute http(s) URL without query, fragment or user info, e.g. https://plans.example.org' },
    // Scale-out: a replica serves DATABASE_PATH read-only, fetched from SNAPSHOT_URL when set;
    // WORKERS HTTP processes share the port; TRUST_PROXY names the load balancers (true, a hop count, or addresses/CIDRs).
    READ_ONLY: { type: 'boolean', default: false, description: 'true or false' },
    SNAPSHOT_URL: { type: 'string', maxLength: 1000, pattern: '^https?://[^\\s]+$', description: 'an absolute http(s) URL of a SQLite snapshot' },
    SNAPSHOT_REFRESH_SECONDS: integer(0, 86_400, 60),
    WORKERS: integer(1, 256, availableParallelism()),
    TRUST_PROXY: text('true, a hop count, or comma-separated addresses/CIDRs of the load balancers'),
    // false answers every request from the database, to measure (or debug) the uncached path on a real server.
    RESPONSE_CACHE: { type: 'boolean', default: true, description: 'true (repeated reads answered from memory) or false' },
  },
} as const

type Variable = keyof typeof schema.properties

/** Every variable the server reads (deploy files are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.properties)

/** A configuration value the server cannot start with. The message is the one line to print. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    value: string | undefined,
    allowed: string,
    problem?: string,
  ) {
    super(`invalid configuration: ${variable}=${shown(variable, value)}${problem ? `: ${problem}` : ''}; expected ${allowed}`)
    this.name = 'ConfigError'
  }
}

/** The value as printed: quoted, cut short, and never the admin token itself. */
function shown(variable: string, value: string | undefined): string {
  if (value === undefined) return '(unset)'
  if (variable === 'ADMIN_TOKEN') return `(${value.length} characters, not shown)`
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)
}

/** What a variable allows, for messages about it. */
export function allowed(variable: Variable): string {
  return (schema.properties[variable] as { description?: string }).description ?? 'a valid value (see the configuration table in the readme)'
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // JSON Schema's integer coercion takes "Infinity" and "1e999"; the environment gets plain digits.
  for (const [variable, property] of Object.entries(schema.properties) as [Variable, { type: string }][]) {
    const value = env[variable]
    if (property.type === 'integer' && value !== undefined && !/^[0-9]{1,10}$/.test(value)) throw new ConfigError(variable, value, allowed(variable))
  }
  let config: Config
  try {
    config = envSchema<Config>({ schema, data: env, dotenv: false })
  } catch (error) {
    const first = (error as { errors?: { instancePath: string }[] }).errors?.[0]
    const variable = first?.instancePath.slice(1) as Variable | undefined
    if (!variable || !(variable in schema.properties)) throw error
    throw new ConfigError(variable, env[variable], allowed(variable))
  }
  if (config.RATE_LIMIT_VENUES !== undefined) {
    try {
      parseRateLimitVenues(config.RATE_LIMIT_VENUES)
    } catch (error) {
      throw new ConfigError('RATE_LIMIT_VENUES', config.RATE_LIMIT_VENUES, allowed('RATE_LIMIT_VENUES'), (error as Error).message)
    }
  }
  return config
}

/** The dataset's self-description: the defaults, with what the DATASET_* variables set. */
export function datasetInfo(config: Config): DatasetInfo {
  return {
    ...DEFAULT_DATASET_INFO,
    ...(config.DATASET_TITLE ? { title: config.DATASET_TITLE } : {}),
    ...(config.DATASET_PUBLISHER ? { publisher: config.DATASET_PUBLISHER } : {}),
    ...(config.DATASET_ATTRIBUTION ? { attribution: config.DATASET_ATTRIBUTION } : {}),
    license: {
      name: config.DATASET_LICENSE_NAME ?? DEFAULT_DATASET_INFO.license.name,
      url: config.DATASET_LICENSE_URL ?? DEFAULT_DATASET_INFO.license.url,
    },
  }
}
