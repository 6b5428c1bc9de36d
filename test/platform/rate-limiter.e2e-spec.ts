import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LimitRule, PlatformError, queryRows, RateLimiter } from '@phonetrust/platform';
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

  describe('charged inside a transaction', () => {
    /** Charges `rules` in a transaction of its own, and commits only when every rule is within its points. */
    const chargeAndCommit = async (rules: LimitRule[]) => {
      const charge = limiter.chargeInTransaction(rules);
      if (!charge) return limiter.consume(rules);
      await context.get(DataSource).transaction(async (tx) => {
        charge.settle(await queryRows(tx, charge.statement.text, [...charge.statement.params]));
      });
    };

    it('lets exactly `points` of many concurrent transactions through', async () => {
      const results = await Promise.allSettled(Array.from({ length: 25 }, () => chargeAndCommit([rule('reporter', 't1', 5)])));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused).toHaveLength(20);
      expect(refused[0].reason).toMatchObject({ code: 'rate_limited', details: { scope: 'reporter' } });
      expect((refused[0].reason as PlatformError).retryAfterSeconds).toBeGreaterThan(0);
      expect((refused[0].reason as PlatformError).retryAfterSeconds).toBeLessThanOrEqual(60);
    });

    it('gives every charge back when one refuses (the rollback), naming the first refusing scope', async () => {
      const reporter = rule('reporter', 't2', 3);
      const exhausted = rule('ip', 't2-ip', 1);
      await chargeAndCommit([exhausted]);
      for (let i = 0; i < 4; i++) {
        await expect(chargeAndCommit([reporter, exhausted])).rejects.toMatchObject({ code: 'rate_limited', details: { scope: 'ip' } });
      }
      for (let i = 0; i < 3; i++) await chargeAndCommit([reporter]);
      await expect(chargeAndCommit([reporter])).rejects.toMatchObject({ details: { scope: 'reporter' } });
    });

    it('charges the same counter as consume', async () => {
      const shared = rule('reporter', 't3', 2);
      await limiter.consume([shared]);
      await chargeAndCommit([shared]);
      await expect(limiter.consume([shared])).rejects.toMatchObject({ code: 'rate_limited' });
      await expect(chargeAndCommit([rule('reporter', 't3', 2)])).rejects.toMatchObject({ code: 'rate_limited' });
    });
  });
});
