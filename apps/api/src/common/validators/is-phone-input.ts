import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength } from 'class-validator';
import { MAX_PHONE_INPUT_LENGTH } from '@phonetrust/phone';

/**
 * A phone number in any common format (SPEC §2): a string of at most 32 characters. Whether it is a valid number
 * is the phone lib's call (`requirePhone`, 400 invalid_phone_number with a reason), not the DTO's.
 */
export function IsPhoneInput() {
  return applyDecorators(IsString(), MaxLength(MAX_PHONE_INPUT_LENGTH));
}

/** ISO 3166 alpha-2, for numbers given in national format. */
export function IsCountryCode() {
  return applyDecorators(IsString(), Matches(/^[A-Za-z]{2}$/, { message: ({ property }) => `${property} must be an ISO 3166 alpha-2 code` }));
}
