import { defineConfig } from '../config/config-namespace';

export const rateLimitConfig = defineConfig('rateLimit', (env) => ({
  /** Redis for the limiters' counters; unset = the PostgreSQL database (table rate_limits). */
  redisUrl: env.url('REDIS_URL', ['redis:', 'rediss:']),
}));

export type RateLimitConfig = ReturnType<typeof rateLimitConfig.parse>;
