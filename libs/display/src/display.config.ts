import { defineConfig } from '@phonetrust/platform';

export const displayConfig = defineConfig('display', (env) => ({
  /** Safety net only: changes reach every process's cache through LISTEN/NOTIFY at commit. 0 disables the cache. */
  cacheTtlMs: env.int('DISPLAY_CACHE_TTL_MS', 30000, { min: 0, max: 600000 }),
  cacheMaxEntries: env.int('DISPLAY_CACHE_MAX_ENTRIES', 200000, { min: 100, max: 10000000 }),
}));

export type DisplayConfig = ReturnType<typeof displayConfig.parse>;
