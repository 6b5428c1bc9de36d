import { decideDisplay } from './display-decision';

describe('decideDisplay', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const owned = { merchantId: 'm1', expiresAtMs: now + 1000 };

  it('shows a verified, unexpired, unrestricted number with its merchant', () => {
    for (const state of ['ok', 'watch', 'review'] as const) {
      expect(decideDisplay(owned, state, now)).toEqual({ displayable: true, reason: 'verified', merchantId: 'm1' });
    }
  });

  it('hides everything else, saying why', () => {
    expect(decideDisplay(null, 'ok', now)).toEqual({ displayable: false, reason: 'unverified' });
    expect(decideDisplay({ ...owned, expiresAtMs: now }, 'ok', now)).toEqual({ displayable: false, reason: 'verification_expired' });
    expect(decideDisplay(owned, 'restricted', now)).toEqual({ displayable: false, reason: 'restricted' });
    expect(decideDisplay(owned, 'suspended', now)).toEqual({ displayable: false, reason: 'suspended' });
    expect(decideDisplay(null, 'suspended', now)).toEqual({ displayable: false, reason: 'suspended' });
    expect(decideDisplay({ ...owned, expiresAtMs: 0 }, 'restricted', now)).toEqual({ displayable: false, reason: 'restricted' });
  });
});
