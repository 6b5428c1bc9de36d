import { defineConfig } from '@phonetrust/platform';

export const scoringConfig = defineConfig('scoring', (env) => ({
  /** Evidence halves every this many seconds (SPEC §1: 30 days). */
  halfLifeSeconds: env.int('SCORE_HALF_LIFE_SECONDS', 2592000, { min: 1, max: 10 * 365 * 86400 }),
  /** Write decay exits (and post-burst escalations) when they come due; readers apply them before that anyway. */
  schedulerEnabled: env.bool('SCORE_SCHEDULER_ENABLED', true),
  schedulerIntervalMs: env.int('SCORE_SCHEDULER_INTERVAL_MS', 1000, { min: 10, max: 600000 }),
  schedulerBatchSize: env.int('SCORE_SCHEDULER_BATCH_SIZE', 100, { min: 1, max: 10000 }),
}));

export type ScoringConfig = ReturnType<typeof scoringConfig.parse>;

/** Injection token of the ScorePolicy in force (the defaults with the configured half-life). */
export const SCORE_POLICY = 'SCORE_POLICY';
