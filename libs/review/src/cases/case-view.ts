import { AuditEntryView } from '@phonetrust/platform';
import { maskE164 } from '@phonetrust/phone';
import { ReportView } from '@phonetrust/reporting';
import { CaseDecision, CaseStatus, NumberState, NumberView, ScoreExplanation } from '@phonetrust/scoring';
import { AppealRow } from '../appeals/appeal.repository';
import { CaseRow } from './case-row';

/** A case in the queue. `state` is the number's state now. */
export interface CaseSummaryView {
  id: string;
  phoneNumber: string;
  maskedNumber: string;
  status: CaseStatus;
  priority: number;
  reason: string;
  state: NumberState;
  assignee: string | null;
  appealed: boolean;
  openedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  decision: CaseDecision | null;
}

export interface CaseView extends CaseSummaryView {
  assignedAt: string | null;
  appealedAt: string | null;
  resolution: { decision: CaseDecision; note: string; by: string; at: string } | null;
}

export interface AppealView {
  id: string;
  merchantId: string;
  /** Verbatim, as the merchant wrote it: escape before display. */
  statement: string;
  status: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
}

/** GET /v1/cases/{id}: the case and what an analyst needs to decide it. */
export interface CaseDetailView extends CaseView {
  number: NumberView;
  appeal: AppealView | null;
  recentReports: ReportView[];
  score: ScoreExplanation;
  /** The case's history from the audit trail, oldest first. */
  history: AuditEntryView[];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toCaseSummary(row: CaseRow, state: NumberState): CaseSummaryView {
  return {
    id: row.id,
    phoneNumber: row.phone_number,
    maskedNumber: maskE164(row.phone_number),
    status: row.status,
    priority: row.priority,
    reason: row.reason,
    state,
    assignee: row.assignee,
    appealed: row.appealed_at !== null,
    openedAt: row.opened_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    resolvedAt: iso(row.resolved_at),
    decision: row.decision,
  };
}

export function toCaseView(row: CaseRow, state: NumberState): CaseView {
  return {
    ...toCaseSummary(row, state),
    assignedAt: iso(row.assigned_at),
    appealedAt: iso(row.appealed_at),
    resolution:
      row.decision && row.resolved_at
        ? { decision: row.decision, note: row.resolution_note ?? '', by: row.resolved_by ?? '', at: row.resolved_at.toISOString() }
        : null,
  };
}

export function toAppealView(row: AppealRow): AppealView {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    statement: row.statement,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    closedAt: iso(row.closed_at),
  };
}
