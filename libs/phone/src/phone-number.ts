/** Why a phone number input was refused: libphonenumber-js's reasons plus our own pre-parse checks. */
export type PhoneRejectReason =
  | 'NOT_A_NUMBER'
  | 'INVALID_COUNTRY'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'INVALID_LENGTH'
  | 'INVALID';

export type PhoneNumberType =
  | 'mobile'
  | 'fixed_line'
  | 'fixed_line_or_mobile'
  | 'toll_free'
  | 'premium_rate'
  | 'shared_cost'
  | 'voip'
  | 'personal_number'
  | 'pager'
  | 'uan'
  | 'voicemail'
  | 'unknown';

export interface PhoneNumber {
  /** E.164, e.g. +8613800138000 */
  readonly e164: string;
  /** ISO 3166 alpha-2 region, or null for non-geographic numbers */
  readonly country: string | null;
  readonly callingCode: string;
  readonly nationalNumber: string;
  readonly type: PhoneNumberType;
}

export type PhoneParseResult =
  | { readonly ok: true; readonly number: PhoneNumber }
  | { readonly ok: false; readonly reason: PhoneRejectReason };
