import { INestApplicationContext } from '@nestjs/common';
import { PlatformError, RateLimiter } from '@phonetrust/platform';
import { createPlatformContext } from '../support/platform-context';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const backends: [string, Record<string, string>][] = [['PostgreSQL store', {}]];
if (process.env.TEST_REDIS_URL) backends.push(['Redis store', { REDIS_URL: process.env.TEST_REDIS_URL }]);

describe.each(backends)('rate limiter (%s)', (_name, env) => {
  let db: TestDatabase;
  let context: INestApplicationContext;
  let limiter: RateLimiter;
  const run = Math.random().toString(36).slice(2);

  beforeAll(async () => {
    db = await createTestDatabase();
    context = await createPlatformContext({ ...db.env, ...env });
    limiter = context.get(RateLimiter);
  });
  afterAll(async () => {
    await context?.close();
    await db.drop();
  });

  const rule = (scope: string, key: string, points: number) => ({ scope, key: `${run}:${key}`, points, durationSeconds: 60 });

  it('lets exactly `points` of many concurrent requests through', async () => {
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => limiter.consume([rule('number', 'n1', 5)])));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(20);
    const error = refused[0].reason as PlatformError;
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.code).toBe('rate_limited');
    expect(error.details).toEqual({ scope: 'number' });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('names the scope that refused, and gives back what the other scopes were charged', async () => {
    const merchant = rule('merchant', 'm1', 3);
    const exhausted = rule('ip', 'ip1', 1);
    await limiter.consume([exhausted]);
    for (let i = 0; i < 5; i++) {
      await expect(limiter.consume([merchant, exhausted])).rejects.toMatchObject({ code: 'rate_limited', details: { scope: 'ip' } });
    }
    // the merchant scope was refunded every time: all three of its points are still there
    for (let i = 0; i < 3; i++) await limiter.consume([merchant]);
    await expect(limiter.consume([merchant])).rejects.toMatchObject({ details: { scope: 'merchant' } });
  });

  it('keeps keys apart and accepts long client-given keys', async () => {
    const long = 'x'.repeat(1000);
    await limiter.consume([rule('reporter', long, 1)]);
    await expect(limiter.consume([rule('reporter', long, 1)])).rejects.toMatchObject({ code: 'rate_limited' });
    await limiter.consume([rule('reporter', `${long}y`, 1)]);
  });
});
