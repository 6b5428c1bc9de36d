import { defineConfig } from '@phonetrust/platform';

const COUNTRY = /^[A-Z]{2}$/;

export const verificationConfig = defineConfig('verification', (env) => {
  const production = env.string('NODE_ENV', 'development') === 'production';
  const otpSecret = env.optionalString('OTP_SECRET');
  if (otpSecret !== undefined && otpSecret.length < 32) env.problem('OTP_SECRET', 'must be at least 32 characters long');
  if (production && otpSecret === undefined) env.problem('OTP_SECRET', 'is required when NODE_ENV=production');
  return {
    /** Keys the codes' HMAC and their encryption; outside the database. Development: generated once. */
    otpSecret,
    ttlSeconds: env.int('OTP_TTL_SECONDS', 600, { min: 1, max: 86400 }),
    resendCooldownSeconds: env.int('OTP_RESEND_COOLDOWN_SECONDS', 30, { min: 0, max: 3600 }),
    maxAttempts: env.int('OTP_MAX_ATTEMPTS', 5, { min: 1, max: 20 }),
    maxSends: env.int('OTP_MAX_SENDS', 5, { min: 1, max: 20 }),
    /** Wrong codes evaluated per number per day, across all its verifications. */
    numberDailyWrongCodes: env.int('OTP_NUMBER_DAILY_WRONG_CODES', 100, { min: 1, max: 1_000_000_000 }),
    verifiedTtlDays: env.int('VERIFIED_TTL_DAYS', 365, { min: 1, max: 3650 }),
    /** Empty: every country. */
    allowedCountries: env.list('ALLOWED_COUNTRIES', [], undefined, COUNTRY),
    limits: {
      numberSendsPerHour: env.int('VERIFY_LIMIT_NUMBER_SENDS_PER_HOUR', 5, { min: 1, max: 1_000_000_000 }),
      merchantPerHour: env.int('VERIFY_LIMIT_MERCHANT_PER_HOUR', 10, { min: 1, max: 1_000_000_000 }),
      ipPerHour: env.int('VERIFY_LIMIT_IP_PER_HOUR', 20, { min: 1, max: 1_000_000_000 }),
      prefixPerHour: env.int('VERIFY_LIMIT_PREFIX_PER_HOUR', 30, { min: 1, max: 1_000_000_000 }),
      globalSendsPerHour: env.int('SMS_HOURLY_BUDGET', 1000, { min: 1, max: 1_000_000_000 }),
    },
  };
});

export type VerificationConfig = ReturnType<typeof verificationConfig.parse>;
