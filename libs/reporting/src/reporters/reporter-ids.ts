import { createHmac, createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DevSecrets } from '@phonetrust/platform';
import { reportingConfig, ReportingConfig } from '../reporting.config';

/**
 * Reporter ids are the platform's consumer ids: personal data we only need to recognise again. They are kept
 * as HMAC-SHA256 under REPORTER_ID_SECRET (outside the database), never in plaintext — in rows or rate-limit keys.
 */
@Injectable()
export class ReporterIds {
  /** The secret as a key object, made once: HMAC's key setup is not repeated for every report. */
  private readonly key: KeyObject;

  constructor(@Inject(reportingConfig.KEY) config: ReportingConfig, devSecrets: DevSecrets) {
    this.key = createSecretKey(Buffer.from(config.reporterIdSecret ?? devSecrets.get('REPORTER_ID_SECRET'), 'utf8'));
  }

  hash(reporterId: string): string {
    return createHmac('sha256', this.key).update(reporterId, 'utf8').digest('hex');
  }
}

/** A short handle analysts can match reports by, without the id: the first 16 hex digits of the HMAC. */
export function reporterRef(reporterHash: string): string {
  return reporterHash.slice(0, 16);
}
