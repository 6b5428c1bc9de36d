import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpConfig } from '@phonetrust/platform';
import { maskE164InText } from '@phonetrust/phone';
import { RequestMethod } from '@nestjs/common';
import { Params, PinoLogger } from 'nestjs-pino';
import { withHook } from './route-hooks';

/**
 * The hot routes, answered from Fastify hooks when they can be (the display check, report intake, the code check).
 * pino-http's middleware, with its per-request child logger and async context, is not run for them:
 * `installHotRouteLogging` writes their request lines, the same lines, from a Fastify hook.
 */
export const HOT_ROUTES = [
  { method: 'GET', url: '/v1/numbers/:phoneNumber/display' },
  { method: 'POST', url: '/v1/numbers/display' },
  { method: 'POST', url: '/v1/reports' },
  { method: 'POST', url: '/v1/verifications/:id/check' },
] as const;

/**
 * JSON logs through pino. Request lines carry the request id and a masked URL (numbers appear in paths);
 * headers and bodies are never logged, so neither keys nor codes can leak.
 */
export function loggerParams(config: HttpConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage) => String((req as IncomingMessage & { id?: string }).id ?? ''),
      autoLogging: config.logRequests === 'none' ? false : { ignore: (req: IncomingMessage) => !isLogged(config, req.method) },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => levelFor(res.statusCode, error),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: maskE164InText(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'headers.authorization'], remove: true },
    },
    exclude: HOT_ROUTES.map(({ method, url }) => ({ method: RequestMethod[method], path: url.slice(1) })),
  };
}

/**
 * The request lines of the hot routes: what pino-http writes for the others (`req` with the id, method and masked
 * URL; `res` with the status; `responseTime` in ms), at the same level, by the same LOG_REQUESTS rule. Call before
 * the routes are registered.
 */
export function installHotRouteLogging(fastify: FastifyInstance, config: HttpConfig): void {
  if (config.logRequests === 'none') return;
  const logLine = (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // The raw request and response, through the root logger's serializers (pino-http's own, configured above).
    const line = { req: request.raw, res: reply.raw, responseTime: Math.round(reply.elapsedTime) };
    PinoLogger.root[levelFor(reply.statusCode)](line, reply.statusCode >= 500 ? 'request errored' : 'request completed');
    done();
  };
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const hot = HOT_ROUTES.some(({ method, url }) => route.url === url && methods.includes(method));
    if (!hot || !methods.some((method) => isLogged(config, method))) return;
    route.onResponse = withHook(route.onResponse, logLine);
  });
}

function isLogged(config: HttpConfig, method: string | undefined): boolean {
  return config.logRequests === 'all' || (config.logRequests === 'writes' && method !== 'GET' && method !== 'HEAD');
}

function levelFor(statusCode: number, error?: Error): 'error' | 'warn' | 'info' {
  return error || statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}
