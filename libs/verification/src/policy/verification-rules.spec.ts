import { afterWrongCode, attemptsRemaining, checkRefusal, effectiveStatus, nextResendAt, resendRefusal, VerificationState } from './verification-rules';

const rules = { maxAttempts: 5, maxSends: 5, resendCooldownSeconds: 30 };
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const pending = (over: Partial<VerificationState> = {}): VerificationState => ({
  status: 'pending',
  attempts: 0,
  sendCount: 1,
  lastSentAt: t0,
  expiresAt: at(600),
  ...over,
});

describe('verification rules', () => {
  it('expires a pending verification at expiresAt, not before', () => {
    expect(effectiveStatus(pending(), at(599))).toBe('pending');
    expect(effectiveStatus(pending(), at(600))).toBe('expired');
    expect(effectiveStatus(pending({ status: 'approved' }), at(9999))).toBe('approved');
  });

  it('refuses checks per SPEC: expired 410, failed 429, done 409', () => {
    expect(checkRefusal(pending(), at(1), rules)).toBeNull();
    expect(checkRefusal(pending(), at(600), rules)).toEqual({ code: 'verification_expired' });
    expect(checkRefusal(pending({ status: 'failed', attempts: 5 }), at(1), rules)).toEqual({ code: 'max_attempts_reached' });
    expect(checkRefusal(pending({ attempts: 5 }), at(1), rules)).toEqual({ code: 'max_attempts_reached' });
    expect(checkRefusal(pending({ status: 'approved' }), at(1), rules)).toEqual({ code: 'verification_not_pending', status: 'approved' });
    expect(checkRefusal(pending({ status: 'canceled' }), at(1), rules)).toEqual({ code: 'verification_not_pending', status: 'canceled' });
  });

  it('fails the verification on the last wrong code', () => {
    let state: VerificationState = pending();
    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) {
      const next = afterWrongCode(state, rules);
      state = { ...state, ...next };
      statuses.push(next.status);
    }
    expect(statuses).toEqual(['pending', 'pending', 'pending', 'pending', 'failed']);
    expect(attemptsRemaining(state, rules)).toBe(0);
    expect(attemptsRemaining(pending({ attempts: 2 }), rules)).toBe(3);
  });

  it('enforces the resend cooldown and the send cap', () => {
    expect(resendRefusal(pending(), at(10), rules)).toEqual({ code: 'resend_cooldown', retryAfterSeconds: 20 });
    expect(resendRefusal(pending(), at(30), rules)).toBeNull();
    expect(resendRefusal(pending({ sendCount: 5 }), at(100), rules)).toEqual({ code: 'max_sends_reached' });
    expect(resendRefusal(pending(), at(600), rules)).toEqual({ code: 'verification_expired' });
    expect(resendRefusal(pending({ status: 'approved' }), at(100), rules)).toMatchObject({ code: 'verification_not_pending' });
  });

  it('announces the next resend only while one is possible', () => {
    expect(nextResendAt(pending(), rules)).toEqual(at(30));
    expect(nextResendAt(pending({ sendCount: 5 }), rules)).toBeNull();
    expect(nextResendAt(pending({ lastSentAt: at(590) }), rules)).toBeNull();
    expect(nextResendAt(pending({ status: 'approved' }), rules)).toBeNull();
  });
});
