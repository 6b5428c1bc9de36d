import { Channel } from './policy/number-policy';
import { attemptsRemaining, effectiveStatus, nextResendAt, OtpRules, VerificationStatus } from './policy/verification-rules';
import { maskE164 } from '@phonetrust/phone';
import { VerificationRow } from './verification.repository';

/** A verification as the API shows it (SPEC §3). Never the code, never its hash. */
export interface VerificationView {
  id: string;
  merchantId: string;
  phoneNumber: string;
  maskedNumber: string;
  channel: Channel;
  status: VerificationStatus;
  expiresAt: string;
  sendCount: number;
  nextResendAt: string | null;
  attemptsRemaining: number;
  createdAt: string;
  approvedAt: string | null;
}

export function toVerificationView(row: VerificationRow, rules: OtpRules): VerificationView {
  const status = effectiveStatus(row, row.now);
  const live = { ...row, status };
  return {
    id: row.id,
    merchantId: row.merchantId,
    phoneNumber: row.phoneNumber,
    maskedNumber: maskE164(row.phoneNumber),
    channel: row.channel,
    status,
    expiresAt: row.expiresAt.toISOString(),
    sendCount: row.sendCount,
    nextResendAt: nextResendAt(live, rules)?.toISOString() ?? null,
    attemptsRemaining: attemptsRemaining(live, rules),
    createdAt: row.createdAt.toISOString(),
    approvedAt: row.approvedAt ? row.approvedAt.toISOString() : null,
  };
}

export interface CheckResult {
  id: string;
  status: VerificationStatus;
  valid: boolean;
  attemptsRemaining: number;
}
