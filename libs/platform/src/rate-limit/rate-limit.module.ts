import { Module } from '@nestjs/common';
import { RateLimitPurge } from './rate-limit-purge';
import { RateLimiter } from './rate-limiter';

@Module({ providers: [RateLimiter, RateLimitPurge], exports: [RateLimiter] })
export class RateLimitModule {}
