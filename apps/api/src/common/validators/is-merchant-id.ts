import { applyDecorators, Injectable, PipeTransform } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';
import { PlatformError } from '@phonetrust/platform';

const MERCHANT_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const MESSAGE = 'must be 1–128 characters of letters, digits and ._:@-';

/** The platform's merchant id: up to 128 characters of letters, digits and `._:@-`. */
export const IsMerchantId = () => applyDecorators(IsString(), Matches(MERCHANT_ID, { message: `$property ${MESSAGE}` }));

/** Validates a merchant id taken from the path. */
@Injectable()
export class MerchantIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !MERCHANT_ID.test(value)) {
      throw new PlatformError('validation_failed', `merchantId ${MESSAGE}`, { errors: [{ field: 'merchantId', message: MESSAGE }] });
    }
    return value;
  }
}
