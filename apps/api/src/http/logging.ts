import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpConfig } from '@phonetrust/platform';
import { maskE164InText } from '@phonetrust/phone';
import { Params, PinoLogger } from 'nestjs-pino';

/**
 * JSON logs through pino. Request lines carry the request id and a masked URL (numbers appear in paths);
 * headers and bodies are never logged, so neither keys nor codes can leak.
 *
 * pino-http's middleware is mounted on no route: nestjs-pino still makes its logger, with these serializers, the root
 * logger (what Nest's `Logger` writes through), and `installRequestLogging` writes every request line from one Fastify
 * hook. So no middleware runs for any request (the hook of `@fastify/middie`, which Nest's Fastify adapter always
 * registers, finds none to run), and nestjs-pino never enters its `AsyncLocalStorage`, which on Node 20 turns promise
 * hooks on for every promise the process makes, whatever the route: up to a tenth of a report's Node CPU
 * (BENCHMARKS.md, seventeenth pass). Lines logged while serving a request carry no request binding; the ones
 * that need it name the request id themselves (`http-error.filter.ts`).
 */
export function loggerParams(config: HttpConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: maskE164InText(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'headers.authorization'], remove: true },
    },
    forRoutes: [],
  };
}

/**
 * One line per request, by the LOG_REQUESTS rule, once its response has gone: `req` with the id, method and masked
 * URL, `res` with the status, `responseTime` in ms, at info (2xx–3xx), warn (4xx) or error (5xx) — pino-http's fields
 * and levels. Requests no route matched are logged too.
 */
export function installRequestLogging(fastify: FastifyInstance, config: HttpConfig): void {
  if (config.logRequests === 'none') return;
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (isLogged(config, request.method)) {
      // Through the root logger's serializers (configured above), which mask the URL.
      const req = { id: String(request.id), method: request.method, url: request.raw.url ?? '' };
      const line = { req, res: reply.raw, responseTime: Math.round(reply.elapsedTime) };
      PinoLogger.root[levelFor(reply.statusCode)](line, reply.statusCode >= 500 ? 'request errored' : 'request completed');
    }
    done();
  });
}

function isLogged(config: HttpConfig, method: string | undefined): boolean {
  return config.logRequests === 'all' || (config.logRequests === 'writes' && method !== 'GET' && method !== 'HEAD');
}

function levelFor(statusCode: number): 'error' | 'warn' | 'info' {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}
