import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RATE_LIMIT_TABLE } from './limit-charge';
import { rateLimitConfig, RateLimitConfig } from './rate-limit.config';

/** Deletes expired counters from the PostgreSQL store every few minutes (Redis expires its own). */
@Injectable()
export class RateLimitPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimitPurge');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(rateLimitConfig.KEY) private readonly config: RateLimitConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.redisUrl) return;
    this.timer = setInterval(() => void this.purge(), 5 * 60 * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async purge(): Promise<void> {
    try {
      // Counters a transaction holds (a report charges its limits inside its own) are left for the next round:
      // the purge never waits on them, so it can never deadlock with one.
      await this.dataSource.query(
        `DELETE FROM ${RATE_LIMIT_TABLE} WHERE key IN (SELECT key FROM ${RATE_LIMIT_TABLE} WHERE expire < $1 FOR UPDATE SKIP LOCKED)`,
        [Date.now()],
      );
    } catch (error) {
      this.logger.warn(`purge failed: ${(error as Error).message}`);
    }
  }
}
