import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
      await this.dataSource.query('DELETE FROM rate_limits WHERE expire < $1', [Date.now()]);
    } catch (error) {
      this.logger.warn(`purge failed: ${(error as Error).message}`);
    }
  }
}
