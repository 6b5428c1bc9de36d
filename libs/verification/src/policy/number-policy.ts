import { PhoneNumberType } from '@phonetrust/phone';

export const CHANNELS = ['sms', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Types a one-time code must never go to: they cost the sender or reach no person (SMS pumping targets). */
const NEVER_VERIFIABLE: ReadonlySet<PhoneNumberType> = new Set(['premium_rate', 'shared_cost', 'uan', 'pager', 'voicemail']);

export type NumberPolicyRefusal =
  | { code: 'unsupported_number_type'; numberType: PhoneNumberType; suggestedChannel?: Channel }
  | { code: 'country_not_allowed'; country: string | null };

/** May a code be sent to this number on this channel? Null when it may. */
export function numberPolicyRefusal(
  number: { type: PhoneNumberType; country: string | null },
  channel: Channel,
  allowedCountries: readonly string[],
): NumberPolicyRefusal | null {
  if (allowedCountries.length > 0 && (number.country === null || !allowedCountries.includes(number.country))) {
    return { code: 'country_not_allowed', country: number.country };
  }
  if (NEVER_VERIFIABLE.has(number.type)) return { code: 'unsupported_number_type', numberType: number.type };
  // A landline cannot read a text message, but it can hear a call.
  if (number.type === 'fixed_line' && channel === 'sms') {
    return { code: 'unsupported_number_type', numberType: number.type, suggestedChannel: 'voice' };
  }
  return null;
}
