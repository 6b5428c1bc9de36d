import { NumberState } from '@phonetrust/scoring';
import { BindingStatus } from './phone-binding.entity';

export type MerchantPhoneStatus = 'verified' | 'expired' | 'revoked' | 'restricted' | 'suspended';

/**
 * What a merchant's number shows as (SPEC §3): a revoked binding is revoked; a current one is expired past its
 * date, else restricted or suspended when scoring says so, else verified. Only `verified` is displayable.
 */
export function merchantPhoneStatus(binding: { status: BindingStatus; expiresAt: Date }, numberState: NumberState, now: Date): MerchantPhoneStatus {
  if (binding.status !== 'verified') return 'revoked';
  if (binding.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (numberState === 'suspended' || numberState === 'restricted') return numberState;
  return 'verified';
}
