import { PhoneNumber, PhoneNumberType } from '@phonetrust/phone';
import { NumberState } from '../number-state/number-state';
import { ScoreSummary } from '../state-machine/evaluate-number';

/** Who owns the number (verification's data; the app fills it in, scoring never reads it). */
export interface NumberBinding {
  merchantId: string;
  status: 'verified' | 'expired';
  verifiedAt: string;
  expiresAt: string;
}

/** GET /v1/numbers/{phoneNumber} (SPEC §6). */
export interface NumberView {
  phoneNumber: string;
  country: string | null;
  numberType: PhoneNumberType;
  state: NumberState;
  score: number;
  evidence: number;
  distinctReporters: number;
  reportCount: number;
  /** The number's current ownership binding, or null when no merchant has proved it. */
  binding: NumberBinding | null;
  openCaseId: string | null;
  updatedAt: string | null;
}

export function roundEvidence(evidence: number): number {
  return Math.round(evidence * 10000) / 10000;
}

export function toNumberView(
  phone: PhoneNumber,
  facts: { state: NumberState; summary: ScoreSummary; reportCount: number; openCaseId: string | null; updatedAt: Date | null },
): NumberView {
  return {
    phoneNumber: phone.e164,
    country: phone.country,
    numberType: phone.type,
    state: facts.state,
    score: facts.summary.score,
    evidence: roundEvidence(facts.summary.evidence),
    distinctReporters: facts.summary.distinctReporters,
    reportCount: facts.reportCount,
    binding: null,
    openCaseId: facts.openCaseId,
    updatedAt: facts.updatedAt ? facts.updatedAt.toISOString() : null,
  };
}

/** A number never reported nor acted on: `ok`, nothing against it (200, not 404: every valid number has a state). */
export function unknownNumberView(phone: PhoneNumber): NumberView {
  return toNumberView(phone, {
    state: 'ok',
    summary: { evidence: 0, score: 0, distinctReporters: 0, burst: false },
    reportCount: 0,
    openCaseId: null,
    updatedAt: null,
  });
}
