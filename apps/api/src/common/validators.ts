import { applyDecorators, Injectable, PipeTransform } from '@nestjs/common';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MAX_PHONE_INPUT_LENGTH } from '@phonetrust/phone';
import { PlatformError } from '@phonetrust/platform';

const MERCHANT_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** A phone number as typed, in any common format; parsed and normalised by the service (400 with a reason). */
export const IsPhoneInput = () => applyDecorators(IsString(), MinLength(1), MaxLength(MAX_PHONE_INPUT_LENGTH));

/** The platform's merchant id: up to 128 characters of letters, digits and `._:@-`. */
export const IsMerchantId = () =>
  applyDecorators(IsString(), Matches(MERCHANT_ID, { message: '$property must be 1–128 characters of letters, digits and ._:@-' }));

/** A one-time code as typed: 4–10 ASCII digits, as a string. Anything else is 400 and uses no attempt. */
export const IsOtpCode = () => applyDecorators(IsString(), Matches(/^[0-9]{4,10}$/, { message: '$property must be 4–10 digits' }));

/** ISO 3166 alpha-2, either case. */
export const IsCountryCode = () => applyDecorators(IsString(), Matches(/^[A-Za-z]{2}$/, { message: '$property must be an ISO 3166 alpha-2 code' }));

/** A BCP 47 language tag such as `zh-CN` or `en`. */
export const IsLocale = () =>
  applyDecorators(IsString(), MaxLength(35), Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: '$property must be a language tag such as zh-CN' }));

/** Validates a merchant id taken from the path. */
@Injectable()
export class MerchantIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !MERCHANT_ID.test(value)) {
      throw new PlatformError('validation_failed', 'merchantId must be 1–128 characters of letters, digits and ._:@-', {
        errors: [{ field: 'merchantId', message: 'must be 1–128 characters of letters, digits and ._:@-' }],
      });
    }
    return value;
  }
}
