import { Logger } from '@nestjs/common';
import { ConfigValidationError, httpConfig, HttpConfig } from '@phonetrust/platform';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApiApp(process.env);
  const http = app.get<HttpConfig>(httpConfig.KEY);
  const logger = new Logger('Main');

  // SIGTERM: stop accepting, let in-flight requests finish, close the database, exit 0.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: draining`);
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${http.shutdownTimeoutMs} ms; exiting`);
      process.exit(1);
    }, http.shutdownTimeoutMs);
    timer.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error(`shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: http.host, port: http.port });
  logger.log(`PhoneTrust listening on ${await app.getUrl()}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`PhoneTrust failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
