import { defineConfig } from '@phonetrust/platform';

export const reportingConfig = defineConfig('reporting', (env) => {
  const production = env.string('NODE_ENV', 'development') === 'production';
  const reporterIdSecret = env.optionalString('REPORTER_ID_SECRET');
  if (reporterIdSecret === undefined && production) {
    env.problem('REPORTER_ID_SECRET', 'is required when NODE_ENV=production (reporter ids are stored as an HMAC under it)');
  }
  if (reporterIdSecret !== undefined && reporterIdSecret.length < 32) {
    env.problem('REPORTER_ID_SECRET', 'must be at least 32 characters long');
  }
  return {
    /** A second report by the same reporter on the same number within this window is a duplicate (0 = none). */
    dedupeWindowSeconds: env.int('REPORT_DEDUPE_WINDOW_SECONDS', 86400, { min: 0, max: 365 * 86400 }),
    /** Key of the HMAC reporter ids are stored under; a generated development default when unset. */
    reporterIdSecret,
    limits: {
      reporterPerMinute: env.int('REPORT_LIMIT_REPORTER_PER_MINUTE', 5, { min: 1, max: 100000 }),
      reporterPerDay: env.int('REPORT_LIMIT_REPORTER_PER_DAY', 20, { min: 1, max: 1000000 }),
      ipPerHour: env.int('REPORT_LIMIT_IP_PER_HOUR', 30, { min: 1, max: 1000000 }),
    },
  };
});

export type ReportingConfig = ReturnType<typeof reportingConfig.parse>;
