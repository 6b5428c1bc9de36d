import { merchantPhoneStatus } from './merchant-phone-status';

describe('merchantPhoneStatus', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const current = { status: 'verified' as const, expiresAt: new Date('2027-01-01T00:00:00Z') };

  it('is verified only when current, unexpired, and neither restricted nor suspended', () => {
    expect(merchantPhoneStatus(current, 'ok', now)).toBe('verified');
    expect(merchantPhoneStatus(current, 'watch', now)).toBe('verified');
    expect(merchantPhoneStatus(current, 'review', now)).toBe('verified');
    expect(merchantPhoneStatus(current, 'restricted', now)).toBe('restricted');
    expect(merchantPhoneStatus(current, 'suspended', now)).toBe('suspended');
  });

  it('expires at expiresAt and reads revoked once ended', () => {
    expect(merchantPhoneStatus({ ...current, expiresAt: now }, 'ok', now)).toBe('expired');
    expect(merchantPhoneStatus({ ...current, expiresAt: now }, 'suspended', now)).toBe('expired');
    expect(merchantPhoneStatus({ ...current, status: 'revoked' }, 'ok', now)).toBe('revoked');
  });
});
