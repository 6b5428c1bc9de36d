import type { FastifyInstance } from 'fastify';
import { MetricsRegistry } from '@phonetrust/platform';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAY_HOLD_FORBIDDEN_KEY = /__proto__|constructor|prototype|\\u/;
/** Deeper than any body of this API nests: a hostile body gets a 400, never a stack overflow and a 5xx. */
const MAX_NESTING = 32;
const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = ['"', '\\', '{', '}', '[', ']'].map((c) => c.charCodeAt(0));

/**
 * JSON.parse that refuses keys able to reach an object's prototype. A `__proto__` or `constructor` field is
 * never a legitimate field of this API, and class-transformer would silently drop it instead of letting
 * validation reject it, so it is refused here, as invalid JSON (400). So is a body nested more than 32 levels deep.
 */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) throw new SyntaxError('request body is empty but Content-Type is application/json');
  if (nestingDepth(text) > MAX_NESTING) throw new SyntaxError(`request body is nested more than ${MAX_NESTING} levels deep`);
  // A reviver runs for every value and makes JSON.parse several times slower. A key can only come out as one of
  // the forbidden names if the text spells it or writes a \u escape (no other JSON escape yields a letter or an
  // underscore), so a text with neither is parsed without one.
  if (!MAY_HOLD_FORBIDDEN_KEY.test(text)) return JSON.parse(text);
  return JSON.parse(text, (key, value) => {
    if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`request body may not contain the key "${key}"`);
    return value;
  });
}

/**
 * How deep the text's arrays and objects nest, brackets inside strings aside. Every body of this API nests a few
 * levels; a deeply nested one is refused before parsing, as nothing downstream (validation, logging) should have to
 * walk it.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) deepest = Math.max(deepest, ++depth);
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

/**
 * Fastify-level plumbing that must run for every request, matched or not: JSON as the only body type,
 * the request id echoed back, and request durations by route pattern.
 */
export function installHttpHooks(fastify: FastifyInstance, metrics: MetricsRegistry): void {
  // Fastify parses text/plain by default; the API speaks JSON only, everything else is 415.
  fastify.removeContentTypeParser(['text/plain', 'application/json']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(Object.assign(error as Error, { statusCode: 400 }), undefined);
    }
  });

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
