import { ReportCategory } from '@phonetrust/scoring';
import { reporterRef } from '../reporters/reporter-ids';
import { ReportChannel } from './report-input';

/** The answer to POST /v1/reports: what was recorded, never the number's state or score. */
export interface ReportReceipt {
  id: string;
  phoneNumber: string;
  category: ReportCategory;
  counted: boolean;
  duplicate: boolean;
  createdAt: string;
}

/** A report as analysts see it. */
export interface ReportView {
  id: string;
  phoneNumber: string;
  category: ReportCategory;
  description: string | null;
  channel: ReportChannel | null;
  occurredAt: string | null;
  evidence: { interactionId: string | null; attested: boolean };
  reporterContext: { accountAgeDays: number; verifiedBuyer: boolean } | null;
  /** The same for every report of one reporter; not their id. */
  reporterRef: string;
  assurance: number;
  trust: number;
  weight: number;
  verdict: { verdict: 'upheld' | 'rejected'; note: string; at: string; by: string } | null;
  createdAt: string;
}

export interface ReportRow {
  id: string;
  phone_number: string;
  reporter_hash: string;
  category: ReportCategory;
  description: string | null;
  channel: ReportChannel | null;
  occurred_at: Date | null;
  interaction_id: string | null;
  attested: boolean;
  account_age_days: number | null;
  verified_buyer: boolean | null;
  assurance: number;
  trust: number;
  weight: number;
  created_at: Date;
  verdict: 'upheld' | 'rejected' | null;
  verdict_note: string | null;
  verdict_at: Date | null;
  verdict_by: string | null;
}

const round = (n: number) => Math.round(n * 10000) / 10000;

export function toReportView(row: ReportRow): ReportView {
  return {
    id: row.id,
    phoneNumber: row.phone_number,
    category: row.category,
    description: row.description,
    channel: row.channel,
    occurredAt: row.occurred_at ? row.occurred_at.toISOString() : null,
    evidence: { interactionId: row.interaction_id, attested: row.attested },
    reporterContext:
      row.account_age_days === null || row.verified_buyer === null ? null : { accountAgeDays: row.account_age_days, verifiedBuyer: row.verified_buyer },
    reporterRef: reporterRef(row.reporter_hash),
    assurance: round(row.assurance),
    trust: round(row.trust),
    weight: round(row.weight),
    verdict: row.verdict ? { verdict: row.verdict, note: row.verdict_note ?? '', at: row.verdict_at!.toISOString(), by: row.verdict_by ?? '' } : null,
    createdAt: row.created_at.toISOString(),
  };
}
