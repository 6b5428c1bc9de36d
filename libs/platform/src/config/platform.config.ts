import { defineConfig } from './config-namespace';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const httpConfig = defineConfig('http', (env) => ({
  host: env.string('HOST', '127.0.0.1'),
  port: env.int('PORT', 3000, { min: 0, max: 65535 }),
  production: env.string('NODE_ENV', 'development') === 'production',
  logLevel: env.oneOf<LogLevel>('LOG_LEVEL', LOG_LEVELS, 'info'),
  /** Log one line per request; the hot display path is excluded unless LOG_REQUESTS=all. */
  logRequests: env.oneOf('LOG_REQUESTS', ['all', 'writes', 'none'] as const, 'writes'),
  /** How long SIGTERM waits for in-flight requests before giving up. */
  shutdownTimeoutMs: env.int('SHUTDOWN_TIMEOUT_MS', 10000, { min: 0, max: 600000 }),
  docs: env.bool('DOCS_ENABLED', true),
}));

export const databaseConfig = defineConfig('database', (env) => ({
  url: env.url('DATABASE_URL', ['postgres:', 'postgresql:']),
  embeddedDir: env.string('EMBEDDED_DB_DIR', './.data'),
  poolSize: env.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
  /**
   * How long a pooled connection may sit idle before it is closed (0 = never). Long, so a lull does not make the next
   * requests pay for new connections: a new server process each, its caches cold, and each prepared statement
   * parsed and planned again.
   */
  poolIdleTimeoutMs: env.int('DATABASE_POOL_IDLE_TIMEOUT_MS', 600000, { min: 0, max: 86400000 }),
  connectTimeoutMs: env.int('DATABASE_CONNECT_TIMEOUT_MS', 3000, { min: 100, max: 120000 }),
  statementTimeoutMs: env.int('DATABASE_STATEMENT_TIMEOUT_MS', 10000, { min: 0, max: 600000 }),
  migrationsRun: env.bool('DATABASE_MIGRATIONS_RUN', true),
  pipeline: env.bool('DATABASE_PIPELINE', true),
}));

export const authConfig = defineConfig('auth', (env) => {
  const adminApiKey = env.optionalString('ADMIN_API_KEY');
  if (adminApiKey !== undefined && adminApiKey.length < 24) {
    env.problem('ADMIN_API_KEY', 'must be at least 24 characters long');
  }
  return {
    adminApiKey,
    /** Safety net only: revocations reach every process through the change bus at once. */
    keyCacheTtlMs: env.int('API_KEY_CACHE_TTL_SECONDS', 60, { min: 0, max: 3600 }) * 1000,
  };
});

export type HttpConfig = ReturnType<typeof httpConfig.parse>;
export type DatabaseConfig = ReturnType<typeof databaseConfig.parse>;
export type AuthConfig = ReturnType<typeof authConfig.parse>;
