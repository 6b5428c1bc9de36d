import { loadConfig } from '@phonetrust/platform';
import { scoringConfig } from './scoring.config';

describe('scoring configuration', () => {
  const parse = (env: Record<string, string>) => loadConfig(env, [scoringConfig]).get(scoringConfig.KEY);

  it('has a 30-day half-life and a scheduler by default', () => {
    expect(parse({})).toEqual({ halfLifeSeconds: 2592000, schedulerEnabled: true, schedulerIntervalMs: 1000, schedulerBatchSize: 100 });
  });

  it('refuses a half-life that is not a positive integer', () => {
    expect(() => parse({ SCORE_HALF_LIFE_SECONDS: '0' })).toThrow(/SCORE_HALF_LIFE_SECONDS must be ≥ 1/);
    expect(() => parse({ SCORE_HALF_LIFE_SECONDS: '1.5' })).toThrow(/SCORE_HALF_LIFE_SECONDS must be an integer/);
  });
});
