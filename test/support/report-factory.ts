import { randomBytes } from 'node:crypto';
import type { ReportCategory } from '@phonetrust/scoring';

let sequence = 0;

/** A valid, unused Chinese mobile number (+86 138 …), different on every call. */
export function newPhoneNumber(): string {
  sequence++;
  const digits = (Number.parseInt(randomBytes(3).toString('hex'), 16) % 10000) * 10000 + (sequence % 10000);
  return `+86138${String(digits).padStart(8, '0')}`;
}

export function newReporterId(label = 'consumer'): string {
  return `${label}-${randomBytes(6).toString('hex')}`;
}

/** A verified buyer with an account a year old: assurance 1.0, trust 1.0 on a first report. */
export const TRUSTED_CONTEXT = { accountAgeDays: 365, verifiedBuyer: true };
export const FRESH_CONTEXT = { accountAgeDays: 1, verifiedBuyer: false };

export interface ReportBody {
  phoneNumber: string;
  reporterId: string;
  category: ReportCategory;
  [field: string]: unknown;
}

export function reportBody(phoneNumber: string, overrides: Partial<ReportBody> = {}): ReportBody {
  return { phoneNumber, reporterId: newReporterId(), category: 'spam', ...overrides };
}

/** The strongest report one reporter can file (w = 2.0) without the attested-threat rule: an attested scam. */
export function trustedAttestedScam(phoneNumber: string, reporterId = newReporterId('trusted')): ReportBody {
  return {
    phoneNumber,
    reporterId,
    category: 'scam',
    evidence: { interactionId: `call-${randomBytes(4).toString('hex')}`, attested: true },
    reporterContext: TRUSTED_CONTEXT,
  };
}
