import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpConfig } from '@phonetrust/platform';
import { maskE164InText } from '@phonetrust/phone';
import { RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';

/**
 * JSON logs through pino. Request lines carry the request id and a masked URL (numbers appear in paths);
 * headers and bodies are never logged, so neither keys nor codes can leak.
 */
export function loggerParams(config: HttpConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage) => String((req as IncomingMessage & { id?: string }).id ?? ''),
      autoLogging:
        config.logRequests === 'none'
          ? false
          : { ignore: (req: IncomingMessage) => config.logRequests === 'writes' && (req.method === 'GET' || req.method === 'HEAD') },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: maskE164InText(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'headers.authorization'], remove: true },
    },
    // The shop-page display check is the hot path: no per-request logger context there (errors are still
    // logged by the error filter with their request id).
    exclude: [{ method: RequestMethod.GET, path: 'v1/numbers/:phoneNumber/display' }],
  };
}
