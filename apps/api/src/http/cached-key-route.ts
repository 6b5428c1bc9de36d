import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { ApiKeyAuthenticator, bearerKey, isAllowed, Principal, Role } from '@phonetrust/platform';
import { sendError } from './http-error.filter';
import { withHook } from './route-hooks';

/** A route a Fastify hook may answer for its controller (see `installCachedKeyRoute`). */
export interface CachedKeyRoute {
  readonly method: 'POST';
  /** Fastify's form of the route's path, parameters included: `/v1/verifications/:id/check`. */
  readonly url: string;
  /** The roles the controller's `@Roles` opens it to. */
  readonly roles: readonly Role[];
  /** What the controller would answer, or throw, for this caller; the body is already parsed. */
  answer(request: FastifyRequest, principal: Principal): Promise<{ statusCode: number; body: unknown }>;
}

/**
 * Answers a route without Nest's per-request machinery (router, guard, pipes, parameter decorators) when the caller's
 * key is already in this process's cache with a role the route allows: a `preHandler` hook on the route, after the
 * body is parsed, gives `route.answer`'s status and body, or sends what it throws through the same error handler as
 * every controller. Anything else — a missing, unknown, uncached or under-privileged key — goes on to the controller,
 * which answers it the full way and fills the key cache. The request id, metrics, headers and the request line come
 * from Fastify hooks either way. Call before the routes are registered.
 */
export function installCachedKeyRoute(fastify: FastifyInstance, authenticator: ApiKeyAuthenticator, route: CachedKeyRoute): void {
  const hook: preHandlerAsyncHookHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = bearerKey(request.headers.authorization);
    const principal = key === null ? undefined : authenticator.peek(key);
    if (!principal || !isAllowed(principal.role, route.roles)) return;
    try {
      const { statusCode, body } = await route.answer(request, principal);
      reply.code(statusCode).send(body);
    } catch (error) {
      sendError(error, request, reply);
    }
    return reply;
  };
  fastify.addHook('onRoute', (options) => {
    if (options.url !== route.url || options.method !== route.method) return;
    options.preHandler = withHook(options.preHandler, hook);
  });
}
