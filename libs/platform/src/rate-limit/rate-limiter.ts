import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import type { Pool } from 'pg';
import { RateLimiterAbstract, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { Statement } from '../database/statements';
import { PlatformError } from '../errors/platform-error';
import { ChargedRow, chargeStatement, limiterId, RATE_LIMIT_TABLE, refusalOf, storedKey } from './limit-charge';
import { LimitRule } from './limit-rule';
import { rateLimited } from './rate-limited';
import { rateLimitConfig, RateLimitConfig } from './rate-limit.config';

/**
 * Limits charged inside the caller's transaction: run `statement` there (alone or as a CTE of a larger statement),
 * then `settle` its rows, which throws 429 when a rule refused — and the rollback gives every charge back.
 */
export interface TransactionalCharge {
  readonly statement: Statement;
  /** `rows`: what `statement` returned. */
  settle(rows: readonly Record<string, unknown>[]): void;
}

/**
 * Counters shared by every process (rate-limiter-flexible on PostgreSQL, or Redis when REDIS_URL is set):
 * each charge is one atomic upsert. `consume` charges several rules; when one refuses, the others' charges
 * are given back, so a refused request costs no other limit anything.
 */
@Injectable()
export class RateLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimiter');
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private redis: Redis | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(rateLimitConfig.KEY) private readonly config: RateLimitConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.redisUrl) return;
    this.redis = this.connectRedis(this.config.redisUrl);
    try {
      await this.redis.connect();
    } catch (error) {
      // Not fatal: requests that need a limit answer 503 until Redis is back (ioredis keeps reconnecting).
      this.logger.warn(`redis is not reachable yet: ${(error as Error).message}`);
    }
  }

  /**
   * Charges every rule, or none: throws 429 `rate_limited` naming the first refusing `scope` (in rule order),
   * with Retry-After. The rules are charged concurrently (one round trip of latency, not one per scope).
   */
  async consume(rules: readonly LimitRule[], cost = 1): Promise<void> {
    const charges = rules.map((rule) => ({ rule, limiter: this.limiterFor(rule), key: storedKey(rule) }));
    const outcomes = await Promise.allSettled(charges.map((c) => c.limiter.consume(c.key, cost)));
    const refusedAt = outcomes.findIndex((o) => o.status === 'rejected');
    if (refusedAt === -1) return;
    await Promise.all(
      charges.filter((_, i) => outcomes[i].status === 'fulfilled').map((c) => c.limiter.reward(c.key, cost).catch(() => undefined)),
    );
    const rejection = (outcomes[refusedAt] as PromiseRejectedResult).reason;
    const { rule } = charges[refusedAt];
    if (rejection instanceof RateLimiterRes) {
      throw rateLimited(rule.scope, rejection.msBeforeNext / 1000);
    }
    if (this.redis) {
      // Without its counters no limit can be enforced: refuse (503) rather than let everything through.
      this.logger.warn(`rate limit store failed: ${(rejection as Error).message}`);
      throw new PlatformError('service_unavailable', 'rate limiting is unavailable; retry shortly', {}, 1);
    }
    throw rejection;
  }

  /**
   * The same charge as `consume`, as a statement for the caller's transaction (PostgreSQL store only; null on
   * Redis, where the caller consumes before its transaction). Saves the store its own round trips and commits, and
   * a refused request is undone by the rollback instead of refunds. The counters' rows stay locked until the
   * transaction ends: charge rules whose keys are the caller's own (a reporter, an IP), not one shared counter.
   */
  chargeInTransaction(rules: readonly LimitRule[], cost = 1): TransactionalCharge | null {
    if (this.redis) return null;
    const now = Date.now();
    return {
      statement: chargeStatement(rules, now, cost),
      settle: (rows) => {
        const refusal = refusalOf(rules, rows as unknown as readonly ChargedRow[], Date.now());
        if (refusal) throw rateLimited(refusal.rule.scope, refusal.retryAfterSeconds);
      },
    };
  }

  /** Gives one charge back (used when the work a charge paid for turned out not to happen). */
  async refund(rules: readonly LimitRule[], cost = 1): Promise<void> {
    await Promise.all(rules.map((rule) => this.limiterFor(rule).reward(storedKey(rule), cost).catch(() => undefined)));
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.redis) return;
    await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }

  private limiterFor(rule: LimitRule): RateLimiterAbstract {
    const id = limiterId(rule);
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = this.create(rule, id);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  private create(rule: LimitRule, keyPrefix: string): RateLimiterAbstract {
    const common = { keyPrefix, points: rule.points, duration: rule.durationSeconds };
    if (this.redis) {
      return new RateLimiterRedis({ ...common, storeClient: this.redis, rejectIfRedisNotReady: true });
    }
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    return new RateLimiterPostgres({
      ...common,
      storeClient: pool,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      // The table comes from a migration; expired rows are cleared by the purge below, not by each limiter.
      tableCreated: true,
      clearExpiredByTimeout: false,
    });
  }

  private connectRedis(url: string): Redis {
    const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
    redis.on('error', (error) => this.logger.warn(`redis: ${error.message}`));
    return redis;
  }
}
