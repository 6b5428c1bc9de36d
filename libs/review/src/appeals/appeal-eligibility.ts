import { NumberState } from '@phonetrust/scoring';

export const APPEALABLE_STATES: readonly NumberState[] = ['restricted', 'suspended'];

export type AppealRefusal = 'not_bound' | 'not_restricted';

/**
 * May this merchant appeal this number now? Only the merchant the number is bound to (its current verified
 * binding, expired or not: a suspended number cannot be verified again, so an expired badge must not lock its
 * merchant out of appealing), and only while the number is restricted or suspended. Ownership is checked first,
 * so nobody learns the state of a number that is not theirs.
 */
export function appealRefusal(input: { merchantId: string; boundTo: string | null; state: NumberState }): AppealRefusal | null {
  if (input.boundTo !== input.merchantId) return 'not_bound';
  if (!APPEALABLE_STATES.includes(input.state)) return 'not_restricted';
  return null;
}
