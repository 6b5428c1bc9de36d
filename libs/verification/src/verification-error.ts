import { defineErrors } from '@phonetrust/platform';

export type VerificationErrorCode =
  | 'not_found'
  | 'verification_expired'
  | 'verification_not_pending'
  | 'max_attempts_reached'
  | 'max_sends_reached'
  | 'resend_cooldown'
  | 'number_suspended'
  | 'unsupported_number_type'
  | 'country_not_allowed'
  | 'channel_not_available'
  | 'rate_limited';

export const VerificationError = defineErrors<VerificationErrorCode>('VerificationError', {
  not_found: 404,
  verification_expired: 410,
  verification_not_pending: 409,
  max_attempts_reached: 429,
  max_sends_reached: 429,
  resend_cooldown: 429,
  number_suspended: 409,
  unsupported_number_type: 422,
  country_not_allowed: 422,
  channel_not_available: 422,
  rate_limited: 429,
});
export type VerificationError = InstanceType<typeof VerificationError>;
