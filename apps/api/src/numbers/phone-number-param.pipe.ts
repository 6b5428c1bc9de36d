import { Injectable, PipeTransform } from '@nestjs/common';
import { NormalizedPhone, requireE164 } from '@phonetrust/platform';

/** A number in a path: E.164, `+` raw or `%2B` (SPEC §2); anything else is 400 invalid_phone_number. */
@Injectable()
export class PhoneNumberParamPipe implements PipeTransform<unknown, NormalizedPhone> {
  transform(value: unknown): NormalizedPhone {
    return requireE164(value);
  }
}
