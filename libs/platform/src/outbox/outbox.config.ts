import { defineConfig } from '../config/config-namespace';

export const outboxConfig = defineConfig('outbox', (env) => ({
  /** Run the dispatchers in this process (the default; safe with several processes). */
  dispatcherEnabled: env.bool('OUTBOX_DISPATCHER_ENABLED', true),
  pollIntervalMs: env.int('OUTBOX_POLL_INTERVAL_MS', 500, { min: 10, max: 60000 }),
  batchSize: env.int('OUTBOX_BATCH_SIZE', 20, { min: 1, max: 500 }),
  /** A claimed message is someone else's to retry after this long (the claimer is presumed dead). */
  leaseMs: env.int('OUTBOX_LEASE_MS', 30000, { min: 1000, max: 3600000 }),
  maxAttempts: env.int('OUTBOX_MAX_ATTEMPTS', 12, { min: 1, max: 1000 }),
  backoffBaseMs: env.int('OUTBOX_BACKOFF_BASE_MS', 1000, { min: 1, max: 3600000 }),
  backoffCapMs: env.int('OUTBOX_BACKOFF_CAP_MS', 300000, { min: 1, max: 86400000 }),
  /** Delivered and discarded messages are deleted after this long. */
  retentionHours: env.int('OUTBOX_RETENTION_HOURS', 72, { min: 1, max: 24 * 365 }),
}));

export type OutboxConfig = ReturnType<typeof outboxConfig.parse>;
