import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { DisplayService } from '@phonetrust/display';
import { ApiKeyAuthenticator, Env, httpConfig, HttpConfig, MetricsRegistry } from '@phonetrust/platform';
import { FileReport } from '@phonetrust/reporting';
import { CheckCodeService } from '@phonetrust/verification';
import { AppModule } from './app.module';
import { installDisplayFastPath } from './display/display-fast-path';
import { fastifyOptions } from './http/fastify-options';
import { PhoneTrustFastifyAdapter } from './http/http-error.filter';
import { installHttpHooks } from './http/http-hooks';
import { installRequestLogging } from './http/logging';
import { setupSwagger } from './http/swagger';
import { createValidationPipe } from './http/validation.pipe';
import { installReportFastPath } from './reports/report-fast-path';
import { installCheckFastPath } from './verifications/check-fast-path';

/**
 * Builds the API application from an environment, ready to listen. main.ts and the e2e tests both use it,
 * so tests exercise exactly what production runs.
 */
export async function createApiApp(env: Env): Promise<NestFastifyApplication> {
  const module = AppModule.forRoot(env);
  const app = await NestFactory.create<NestFastifyApplication>(module, new PhoneTrustFastifyAdapter(fastifyOptions()), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  const http = app.get<HttpConfig>(httpConfig.KEY);
  installHttpHooks(fastify, app.get(MetricsRegistry));
  installRequestLogging(fastify, http);
  installDisplayFastPath(fastify, app.get(ApiKeyAuthenticator), app.get(DisplayService));
  installReportFastPath(fastify, app.get(ApiKeyAuthenticator), app.get(FileReport), createValidationPipe());
  installCheckFastPath(fastify, app.get(ApiKeyAuthenticator), app.get(CheckCodeService), createValidationPipe());
  if (http.docs) setupSwagger(app);
  await app.init();
  await fastify.ready();
  return app;
}
