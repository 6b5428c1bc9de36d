import { defineErrors } from './app-error';

export type PlatformErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'validation_failed'
  | 'invalid_json'
  | 'invalid_phone_number'
  | 'invalid_cursor'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'idempotency_key_reused'
  | 'idempotency_key_invalid'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal_error';

export const PlatformError = defineErrors<PlatformErrorCode>('PlatformError', {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  validation_failed: 400,
  invalid_json: 400,
  invalid_phone_number: 400,
  invalid_cursor: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  idempotency_key_invalid: 400,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
});
export type PlatformError = InstanceType<typeof PlatformError>;

export function notFound(what: string): PlatformError {
  return new PlatformError('not_found', `${what} not found`);
}
