import type { FastifyInstance } from 'fastify';
import { MetricsRegistry } from '@phonetrust/platform';

/**
 * Fastify-level plumbing that must run for every request, matched or not: JSON as the only body type,
 * the request id echoed back, and request durations by route pattern.
 */
export function installHttpHooks(fastify: FastifyInstance, metrics: MetricsRegistry): void {
  // Fastify parses text/plain by default; the API speaks JSON only, everything else is 415.
  fastify.removeContentTypeParser(['text/plain']);

  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        // The pattern (/v1/numbers/:phoneNumber/display), never the raw URL: bounded label values, no numbers.
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
