import { applyDecorators } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';

/** A one-time code as typed: 4–10 ASCII digits. */
export const OTP_CODE = /^[0-9]{4,10}$/;

/** A one-time code as typed: 4–10 ASCII digits, as a string. Anything else is 400 and uses no attempt. */
export const IsOtpCode = () => applyDecorators(IsString(), Matches(OTP_CODE, { message: '$property must be 4–10 digits' }));
