import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength } from 'class-validator';

/** A BCP 47 language tag such as `zh-CN` or `en`. */
export const IsLocale = () =>
  applyDecorators(IsString(), MaxLength(35), Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: '$property must be a language tag such as zh-CN' }));
