import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import type { Pool } from 'pg';
import { RateLimiterAbstract, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { PlatformError } from '../errors/platform-error';
import { rateLimitConfig, RateLimitConfig } from './rate-limit.config';

/** One limit to charge: `points` per `durationSeconds` for `key` within `scope`. */
export interface LimitRule {
  /** Named in the 429 body (`number`, `merchant`, `ip`, `prefix`, `global`, `reporter`, …). */
  readonly scope: string;
  readonly key: string;
  readonly points: number;
  readonly durationSeconds: number;
}

export const RATE_LIMIT_TABLE = 'rate_limits';

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
    const charges = rules.map((rule) => ({ rule, limiter: this.limiterFor(rule), key: storageKey(rule.key) }));
    const outcomes = await Promise.allSettled(charges.map((c) => c.limiter.consume(c.key, cost)));
    const refusedAt = outcomes.findIndex((o) => o.status === 'rejected');
    if (refusedAt === -1) return;
    await Promise.all(
      charges.filter((_, i) => outcomes[i].status === 'fulfilled').map((c) => c.limiter.reward(c.key, cost).catch(() => undefined)),
    );
    const rejection = (outcomes[refusedAt] as PromiseRejectedResult).reason;
    const { rule } = charges[refusedAt];
    if (rejection instanceof RateLimiterRes) {
      throw new PlatformError('rate_limited', `too many requests for this ${rule.scope}`, { scope: rule.scope }, rejection.msBeforeNext / 1000);
    }
    if (this.redis) {
      // Without its counters no limit can be enforced: refuse (503) rather than let everything through.
      this.logger.warn(`rate limit store failed: ${(rejection as Error).message}`);
      throw new PlatformError('service_unavailable', 'rate limiting is unavailable; retry shortly', {}, 1);
    }
    throw rejection;
  }

  /** Gives one charge back (used when the work a charge paid for turned out not to happen). */
  async refund(rules: readonly LimitRule[], cost = 1): Promise<void> {
    await Promise.all(rules.map((rule) => this.limiterFor(rule).reward(storageKey(rule.key), cost).catch(() => undefined)));
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.redis) return;
    await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }

  private limiterFor(rule: LimitRule): RateLimiterAbstract {
    const id = `${rule.scope}:${rule.points}:${rule.durationSeconds}`;
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

/** Keys hold client-given ids: long ones are hashed to fit the store and never stored verbatim at length. */
function storageKey(key: string): string {
  return key.length <= 160 ? key : createHash('sha256').update(key).digest('hex');
}
