import type { PipeTransform } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { ApiKeyAuthenticator, bearerKey, isAllowed, Role } from '@phonetrust/platform';
import { FileReport } from '@phonetrust/reporting';
import { sendError } from '../http/http-error.filter';
import { withHook } from '../http/route-hooks';
import { plainReport } from './plain-report';
import { FileReportDto } from './report.dto';

export const REPORT_ROLES: Role[] = ['platform'];
const ROUTE = '/v1/reports';

/**
 * Report intake without Nest's per-request machinery (router, guard, pipes, parameter decorators): a report sent
 * with a key already in this process's cache is validated against the same DTO (`plainReport` for plain bodies, the
 * same pipe as every body otherwise, with its errors), filed by the same service and answered from a Fastify hook on
 * the route. Anything else — a missing, unknown, uncached or under-privileged key — goes on to the controller, which
 * answers it the full way and fills the key cache. The request id, metrics, headers and the request line come from
 * Fastify hooks either way. Call before the routes are registered.
 */
export function installReportFastPath(fastify: FastifyInstance, authenticator: ApiKeyAuthenticator, fileReport: FileReport, validation: PipeTransform): void {
  const fastPath: preHandlerAsyncHookHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = bearerKey(request.headers.authorization);
    const principal = key === null ? undefined : authenticator.peek(key);
    if (!principal || !isAllowed(principal.role, REPORT_ROLES)) return;
    try {
      // A plain body needs no class-validator; any other goes through the pipe, which also words every refusal.
      const body = plainReport(request.body) ?? ((await validation.transform(request.body, { type: 'body', metatype: FileReportDto })) as FileReportDto);
      const result = await fileReport.file(principal, body, request.headers['idempotency-key']);
      reply.code(result.statusCode).send(result.body);
    } catch (error) {
      sendError(error, request, reply);
    }
    return reply;
  };
  fastify.addHook('onRoute', (route) => {
    if (route.url !== ROUTE || route.method !== 'POST') return;
    route.preHandler = withHook(route.preHandler, fastPath);
  });
}
