import { BadRequestException, NotFoundException } from '@nestjs/common';
import { PlatformError } from '@phonetrust/platform';
import { toErrorResponse } from './error-response';

describe('toErrorResponse', () => {
  it('maps a domain error with its status, code, details and Retry-After', () => {
    const error = new PlatformError('rate_limited', 'slow down', { scope: 'number' }, 42);
    expect(toErrorResponse(error, 'r1')).toEqual({
      status: 429,
      body: { statusCode: 429, code: 'rate_limited', message: 'slow down', requestId: 'r1', scope: 'number' },
      retryAfterSeconds: 42,
    });
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x'), 'r').body).toMatchObject({ statusCode: 404, code: 'not_found' });
    expect(toErrorResponse(new BadRequestException('bad'), 'r').body).toMatchObject({ statusCode: 400, code: 'bad_request' });
  });

  it.each([
    [{ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'x' }, 413, 'payload_too_large'],
    [{ statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', message: 'x' }, 415, 'unsupported_media_type'],
    [{ statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY', message: 'x' }, 400, 'invalid_json'],
    [{ statusCode: 400, code: 'FST_ERR_CTP_EMPTY_JSON_BODY', message: 'x' }, 400, 'invalid_json'],
  ])('maps Fastify error %j', (error, status, code) => {
    expect(toErrorResponse(error, 'r')).toMatchObject({ status, body: { statusCode: status, code } });
  });

  it('answers database outages with 503 and Retry-After', () => {
    const lost = toErrorResponse(new Error('Connection terminated unexpectedly'), 'r');
    expect(lost).toMatchObject({ status: 503, body: { code: 'service_unavailable' }, retryAfterSeconds: 1 });
    const shutdown = toErrorResponse(Object.assign(new Error('terminating connection'), { code: '57P01' }), 'r');
    expect(shutdown.status).toBe(503);
    const released = Object.assign(new Error('Database connection provided by a query runner was already released'), {
      name: 'QueryRunnerProviderAlreadyReleasedError',
    });
    expect(toErrorResponse(released, 'r').status).toBe(503);
  });

  it('hides the message of an unexpected error', () => {
    const response = toErrorResponse(new Error('secret internals at /srv/app.ts:12'), 'r');
    expect(response.status).toBe(500);
    expect(response.body.code).toBe('internal_error');
    expect(JSON.stringify(response.body)).not.toContain('secret');
  });

  it('does not treat a unique violation or a syntax error as transient', () => {
    expect(toErrorResponse(Object.assign(new Error('dup'), { code: '23505' }), 'r').status).toBe(500);
    expect(toErrorResponse(Object.assign(new Error('syntax'), { code: '42601' }), 'r').status).toBe(500);
  });
});
