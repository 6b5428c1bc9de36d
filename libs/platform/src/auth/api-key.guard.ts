import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PlatformError } from '../errors/platform-error';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { isAllowed, Principal, Role } from './role';
import { PUBLIC_METADATA, ROLES_METADATA } from './roles.decorator';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

const BEARER = /^Bearer +([^\s]+) *$/i;

/** The key of an `Authorization: Bearer <key>` header; null when there is none or it is malformed. */
export function bearerKey(header: string | string[] | undefined): string | null {
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  return match ? match[1] : null;
}

/** Every route is closed unless it says otherwise: `@Public()`, or `@Roles(...)` with a valid key of that role. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_METADATA, targets) ?? [];

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = bearerKey(request.headers.authorization);
    if (key === null) throw new PlatformError('unauthorized', 'an API key is required: Authorization: Bearer <key>');
    const principal = await this.authenticator.authenticate(key);
    if (!principal) throw new PlatformError('unauthorized', 'unknown or revoked API key');
    if (!isAllowed(principal.role, allowed)) {
      throw new PlatformError('forbidden', `this route is not open to the ${principal.role} role`);
    }
    request.principal = principal;
    return true;
  }
}
