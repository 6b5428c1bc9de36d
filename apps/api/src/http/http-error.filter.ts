import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './error-response';

const logger = new Logger('HttpError');

/** Sends the SPEC §2 body for anything thrown while serving a request. */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body, retryAfterSeconds } = toErrorResponse(error, String(request.id));
  if (status >= 500 && status !== 503) logger.error({ err: error, requestId: request.id }, 'request failed');
  else if (status === 503) logger.warn({ requestId: request.id, reason: (error as Error)?.message }, 'service unavailable');
  if (reply.sent) return;
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
}

/** Errors thrown by controllers, guards and pipes. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}

/**
 * The adapter with our Fastify-level error handler in place of Nest's. Errors Fastify raises before a route runs
 * (body too large, wrong content type, bad JSON) would otherwise be flattened by Nest into a bare HttpException
 * that has lost its code.
 */
export class PhoneTrustFastifyAdapter extends FastifyAdapter {
  override setErrorHandler(): FastifyInstance {
    return this.getInstance().setErrorHandler((error, request, reply) => sendError(error, request, reply));
  }
}
