import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';

/** SPEC §2: bodies over 64 KiB are refused with 413 before they are read. */
export const BODY_LIMIT_BYTES = 64 * 1024;

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A client's X-Request-Id is kept when it is sane, so a request can be followed across services. */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}

export function fastifyOptions(): FastifyServerOptions {
  return {
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Request lines are logged by pino-http; Fastify's own logger stays off.
    logger: false,
    trustProxy: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  };
}
