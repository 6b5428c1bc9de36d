import { loadConfig } from '@phonetrust/platform';
import { reportingConfig } from './reporting.config';

describe('reporting configuration', () => {
  const parse = (env: Record<string, string>) => loadConfig(env, [reportingConfig]).get(reportingConfig.KEY);

  it('has SPEC defaults', () => {
    expect(parse({})).toEqual({
      dedupeWindowSeconds: 86400,
      reporterIdSecret: undefined,
      limits: { reporterPerMinute: 5, reporterPerDay: 20, ipPerHour: 30 },
    });
  });

  it('requires REPORTER_ID_SECRET in production, and a long one', () => {
    expect(() => parse({ NODE_ENV: 'production' })).toThrow(/REPORTER_ID_SECRET is required when NODE_ENV=production/);
    expect(() => parse({ REPORTER_ID_SECRET: 'short' })).toThrow(/REPORTER_ID_SECRET must be at least 32 characters/);
    expect(parse({ NODE_ENV: 'production', REPORTER_ID_SECRET: 's'.repeat(32) })).toMatchObject({ reporterIdSecret: 's'.repeat(32) });
  });

  it('names bad limits and windows', () => {
    expect(() => parse({ REPORT_DEDUPE_WINDOW_SECONDS: '-1' })).toThrow(/REPORT_DEDUPE_WINDOW_SECONDS must be ≥ 0/);
    expect(() => parse({ REPORT_LIMIT_REPORTER_PER_MINUTE: 'five' })).toThrow(/REPORT_LIMIT_REPORTER_PER_MINUTE must be an integer/);
  });
});
