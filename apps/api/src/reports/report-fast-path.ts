import type { PipeTransform } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { ApiKeyAuthenticator, Role } from '@phonetrust/platform';
import { FileReport } from '@phonetrust/reporting';
import { installCachedKeyRoute } from '../http/cached-key-route';
import { plainReport } from './plain-report';
import { FileReportDto } from './report.dto';

export const REPORT_ROLES: Role[] = ['platform'];

/**
 * Report intake from a Fastify hook once the caller's key is cached (`installCachedKeyRoute`): the body is validated
 * against the same DTO (`plainReport` for plain bodies, the same pipe as every body otherwise, with its errors) and
 * filed by the same service as the controller's. Call before the routes are registered.
 */
export function installReportFastPath(fastify: FastifyInstance, authenticator: ApiKeyAuthenticator, fileReport: FileReport, validation: PipeTransform): void {
  installCachedKeyRoute(fastify, authenticator, {
    method: 'POST',
    url: '/v1/reports',
    roles: REPORT_ROLES,
    answer: async (request, principal) => {
      // A plain body needs no class-validator; any other goes through the pipe, which also words every refusal.
      const body = plainReport(request.body) ?? ((await validation.transform(request.body, { type: 'body', metatype: FileReportDto })) as FileReportDto);
      return fileReport.file(principal, body, request.headers['idempotency-key']);
    },
  });
}
