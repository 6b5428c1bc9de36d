import type { PipeTransform } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { ApiKeyAuthenticator, IdParamPipe, Role } from '@phonetrust/platform';
import { CheckCodeService } from '@phonetrust/verification';
import { OTP_CODE } from '../common/validators/is-otp-code';
import { installCachedKeyRoute } from '../http/cached-key-route';
import { CheckCodeDto } from './verification.dto';

export const VERIFICATION_ROLES: Role[] = ['platform'];

/**
 * The code check from a Fastify hook once the caller's key is cached (`installCachedKeyRoute`): the id goes through
 * the controller's `IdParamPipe` and then the body through `plainCode`, or the validation pipe with the same DTO and
 * errors, in the controller's order; the same service checks the code. Call before the routes are registered.
 */
export function installCheckFastPath(fastify: FastifyInstance, authenticator: ApiKeyAuthenticator, checker: CheckCodeService, validation: PipeTransform): void {
  const idPipe = new IdParamPipe();
  installCachedKeyRoute(fastify, authenticator, {
    method: 'POST',
    url: '/v1/verifications/:id/check',
    roles: VERIFICATION_ROLES,
    answer: async (request, principal) => {
      const id = idPipe.transform((request.params as { id?: unknown }).id);
      const body = plainCode(request.body) ?? ((await validation.transform(request.body, { type: 'body', metatype: CheckCodeDto })) as CheckCodeDto);
      return { statusCode: 200, body: await checker.check(principal, id, body.code) };
    },
  });
}

/**
 * A body `CheckCodeDto` accepts that needs no class-validator: exactly `{ "code": "<4–10 digits>" }`. It never
 * accepts one the DTO refuses; anything else takes the validation pipe, which also words every refusal.
 */
export function plainCode(body: unknown): CheckCodeDto | undefined {
  if (typeof body !== 'object' || body === null || Object.getPrototypeOf(body) !== Object.prototype) return undefined;
  const keys = Object.keys(body);
  const code = (body as { code?: unknown }).code;
  return keys.length === 1 && keys[0] === 'code' && typeof code === 'string' && OTP_CODE.test(code) ? (body as CheckCodeDto) : undefined;
}
