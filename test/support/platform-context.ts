import { INestApplicationContext, Module, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  authConfig,
  ChangeBusModule,
  ConfigModule,
  databaseConfig,
  DatabaseModule,
  httpConfig,
  IdempotencyModule,
  MetricsModule,
  outboxConfig,
  OutboxModule,
  rateLimitConfig,
  RateLimitModule,
} from '@phonetrust/platform';
import { SCHEMA } from '@phonetrust/schema';

/**
 * The platform's modules without HTTP, on a real database, for integration tests of the outbox,
 * rate limits and idempotency. `providers` are added to the root module (a test outbox handler, say).
 */
export async function createPlatformContext(env: Record<string, string>, providers: Provider[] = []): Promise<INestApplicationContext> {
  @Module({
    imports: [
      ConfigModule.forRoot({ LOG_LEVEL: 'error', ...env }, [httpConfig, databaseConfig, authConfig, outboxConfig, rateLimitConfig]),
      DatabaseModule.forRoot(SCHEMA),
      MetricsModule,
      ChangeBusModule,
      OutboxModule,
      RateLimitModule,
      IdempotencyModule,
    ],
    providers,
  })
  class PlatformTestModule {}

  const context = await NestFactory.createApplicationContext(PlatformTestModule, { logger: ['error'] });
  await context.init();
  return context;
}
