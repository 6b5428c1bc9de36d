import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DisplayService, DisplayView } from '@phonetrust/display';
import { ApiKeyAuthenticator, bearerKey, isAllowed, Role } from '@phonetrust/platform';

export const DISPLAY_ROLES: Role[] = ['platform'];
/** The batch's limit, shared with its DTO. */
export const DISPLAY_BATCH_MAX = 100;
const SINGLE = '/v1/numbers/:phoneNumber/display';
const BATCH = '/v1/numbers/display';

/**
 * The shop pages' hot path without the framework's per-request machinery: a display check whose key and
 * answers are all already in this process's caches is answered from a Fastify hook, with the body the controller
 * would give. Anything else — a miss, a missing, unknown or under-privileged key, a batch that is not exactly
 * `{ phoneNumbers: [1..100 cached numbers] }` — goes on to the controller, which answers it the full way and fills
 * the caches. The request id, metrics and headers come from the global hooks either way.
 */
export function installDisplayFastPath(fastify: FastifyInstance, authenticator: ApiKeyAuthenticator, display: DisplayService): void {
  const authorized = (request: FastifyRequest) => {
    const key = bearerKey(request.headers.authorization);
    const principal = key === null ? undefined : authenticator.peek(key);
    return principal !== undefined && isAllowed(principal.role, DISPLAY_ROLES);
  };

  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' || request.routeOptions.url !== SINGLE || !authorized(request)) return done();
    const view = display.peek((request.params as { phoneNumber: string }).phoneNumber);
    if (!view) return done();
    reply.send(view);
  });

  // After the body is parsed (a batch is a POST), before validation and the controller.
  fastify.addHook('preHandler', (request, reply, done) => {
    if (request.method !== 'POST' || request.routeOptions.url !== BATCH || !authorized(request)) return done();
    const items = cachedBatch(request.body, display);
    if (!items) return done();
    reply.code(200).send({ items });
  });
}

/** The answers of a batch whose numbers are all cached, in order; undefined when the controller must decide. */
function cachedBatch(body: unknown, display: DisplayService): DisplayView[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'phoneNumbers') return undefined;
  const numbers = (body as { phoneNumbers: unknown }).phoneNumbers;
  if (!Array.isArray(numbers) || numbers.length === 0 || numbers.length > DISPLAY_BATCH_MAX) return undefined;
  const items: DisplayView[] = [];
  for (const n of numbers) {
    // Only valid E.164 numbers are ever cached, so a hit is also a valid item.
    const view = typeof n === 'string' ? display.peek(n) : undefined;
    if (!view) return undefined;
    items.push(view);
  }
  return items;
}
