import { Injectable, PipeTransform } from '@nestjs/common';
import { PlatformError } from '../errors/platform-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are opaque uuids: anything else ("", "undefined", "null", SQL) cannot name a row, so it is 404. */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !UUID.test(value)) throw new PlatformError('not_found', 'no such resource');
    return value.toLowerCase();
  }
}
