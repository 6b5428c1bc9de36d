export const VERIFICATION_STATUSES = ['pending', 'approved', 'failed', 'canceled', 'expired'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** What the rules need to know of a verification. */
export interface VerificationState {
  readonly status: VerificationStatus;
  readonly attempts: number;
  readonly sendCount: number;
  readonly lastSentAt: Date;
  readonly expiresAt: Date;
}

export interface OtpRules {
  readonly maxAttempts: number;
  readonly maxSends: number;
  readonly resendCooldownSeconds: number;
}

/** A pending verification whose time is up is expired, whether or not a row says so yet. */
export function effectiveStatus(v: Pick<VerificationState, 'status' | 'expiresAt'>, now: Date): VerificationStatus {
  return v.status === 'pending' && v.expiresAt.getTime() <= now.getTime() ? 'expired' : v.status;
}

export function attemptsRemaining(v: Pick<VerificationState, 'status' | 'attempts'>, rules: Pick<OtpRules, 'maxAttempts'>): number {
  return v.status === 'pending' ? Math.max(0, rules.maxAttempts - v.attempts) : 0;
}

export type Refusal =
  | { code: 'verification_expired' }
  | { code: 'verification_not_pending'; status: VerificationStatus }
  | { code: 'max_attempts_reached' }
  | { code: 'max_sends_reached' }
  | { code: 'resend_cooldown'; retryAfterSeconds: number };

/** Why a code may not be checked now; null when it may (SPEC §3: 429 failed, 410 expired, 409 otherwise). */
export function checkRefusal(v: VerificationState, now: Date, rules: OtpRules): Refusal | null {
  const status = effectiveStatus(v, now);
  if (status === 'expired') return { code: 'verification_expired' };
  if (status === 'failed' || (status === 'pending' && v.attempts >= rules.maxAttempts)) return { code: 'max_attempts_reached' };
  if (status !== 'pending') return { code: 'verification_not_pending', status };
  return null;
}

/** Why the code may not be sent again now; null when it may. */
export function resendRefusal(v: VerificationState, now: Date, rules: OtpRules): Refusal | null {
  const status = effectiveStatus(v, now);
  if (status === 'expired') return { code: 'verification_expired' };
  if (status !== 'pending') return { code: 'verification_not_pending', status };
  if (v.sendCount >= rules.maxSends) return { code: 'max_sends_reached' };
  const wait = Math.ceil((v.lastSentAt.getTime() + rules.resendCooldownSeconds * 1000 - now.getTime()) / 1000);
  if (wait > 0) return { code: 'resend_cooldown', retryAfterSeconds: wait };
  return null;
}

/** When the next resend is allowed, or null when there will be none. */
export function nextResendAt(v: VerificationState, rules: OtpRules): Date | null {
  if (v.status !== 'pending' || v.sendCount >= rules.maxSends) return null;
  const at = new Date(v.lastSentAt.getTime() + rules.resendCooldownSeconds * 1000);
  return at.getTime() < v.expiresAt.getTime() ? at : null;
}

/** After a wrong code: the attempt is used, and the last one fails the verification. */
export function afterWrongCode(v: Pick<VerificationState, 'attempts'>, rules: Pick<OtpRules, 'maxAttempts'>): { attempts: number; status: VerificationStatus } {
  const attempts = v.attempts + 1;
  return { attempts, status: attempts >= rules.maxAttempts ? 'failed' : 'pending' };
}
