import { NumberState } from '@phonetrust/scoring';

export const DISPLAY_REASONS = ['verified', 'unverified', 'verification_expired', 'restricted', 'suspended'] as const;
export type DisplayReason = (typeof DISPLAY_REASONS)[number];

export interface DisplayDecision {
  displayable: boolean;
  reason: DisplayReason;
  /** The owner, when the number is displayable. */
  merchantId?: string;
}

/**
 * May a shop page show this number (SPEC §4)? Only when it is verified, unexpired, and neither restricted nor
 * suspended. A restriction outranks the ownership reasons: it is what an analyst needs to see first.
 */
export function decideDisplay(binding: { merchantId: string; expiresAtMs: number } | null, state: NumberState, nowMs: number): DisplayDecision {
  if (state === 'suspended' || state === 'restricted') return { displayable: false, reason: state };
  if (!binding) return { displayable: false, reason: 'unverified' };
  if (binding.expiresAtMs <= nowMs) return { displayable: false, reason: 'verification_expired' };
  return { displayable: true, reason: 'verified', merchantId: binding.merchantId };
}
