// Configuration from the environment, validated at start: a bad value stops
// the process with a message naming the variable.
import { availableParallelism } from 'node:os'
import { envSchema } from 'env-schema'
import { DEFAULT_DATASET_INFO, type DatasetInfo } from './dataset-info.js'

export interface Config {
  HOST: string
  PORT: number
  DATABASE_PATH: string
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  SEED_DIR: string
  RATE_LIMIT_MAX: number
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
  // Scale-out (README "Running in production"):
  READ_ONLY: boolean
  SNAPSHOT_URL?: string
  SNAPSHOT_REFRESH_SECONDS: number
  WORKERS: number
  TRUST_PROXY?: string
}

const schema = {
  type: 'object',
  properties: {
    HOST: { type: 'string', default: '0.0.0.0', minLength: 1 },
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    DATABASE_PATH: { type: 'string', default: 'data/ward-plans.db', minLength: 1 },
    LOG_LEVEL: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    SEED_DIR: { type: 'string', default: 'seed', minLength: 1 },
    RATE_LIMIT_MAX: { type: 'integer', minimum: 1, default: 600 },
    ADMIN_TOKEN: { type: 'string', minLength: 16 },
    BODY_LIMIT_BYTES: { type: 'integer', minimum: 1024, maximum: 104857600, default: 1048576 },
    REQUEST_TIMEOUT_MS: { type: 'integer', minimum: 100, default: 10000 },
    MAX_EVENT_LOOP_DELAY_MS: { type: 'integer', minimum: 0, default: 1000 },
    DOWNLOADS_DIR: { type: 'string', default: 'data/downloads', minLength: 1 },
    DATASET_TITLE: { type: 'string', minLength: 1 },
    DATASET_PUBLISHER: { type: 'string', minLength: 1 },
    DATASET_LICENSE_NAME: { type: 'string', minLength: 1 },
    DATASET_LICENSE_URL: { type: 'string', pattern: '^https?://' },
    DATASET_ATTRIBUTION: { type: 'string', minLength: 1 },
    // Where the public reaches this server (an http(s) origin, maybe a path): the base of absolute links.
    PUBLIC_URL: { type: 'string', pattern: '^https?://[^/?#\\s@]+(/[^?#\\s]*)?$' },
    // Scale-out: a replica serves DATABASE_PATH read-only, fetched from SNAPSHOT_URL when set;
    // WORKERS HTTP processes share the port; TRUST_PROXY names the load balancers (true, a hop count, or addresses/CIDRs).
    READ_ONLY: { type: 'boolean', default: false },
    SNAPSHOT_URL: { type: 'string', pattern: '^https?://' },
    SNAPSHOT_REFRESH_SECONDS: { type: 'integer', minimum: 0, default: 60 },
    WORKERS: { type: 'integer', minimum: 1, maximum: 256, default: availableParallelism() },
    TRUST_PROXY: { type: 'string', minLength: 1 },
  },
} as const

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return envSchema<Config>({ schema, data: env, dotenv: false })
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
