import { CaseDecision, CaseStatus } from '@phonetrust/scoring';

/** A `cases` row as the review workflows read it. */
export interface CaseRow {
  id: string;
  phone_number: string;
  status: CaseStatus;
  priority: number;
  reason: string;
  opened_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
  assignee: string | null;
  assigned_at: Date | null;
  appealed_at: Date | null;
  decision: CaseDecision | null;
  resolution_note: string | null;
  resolved_by: string | null;
  /** opened_at and resolved_at with their microseconds, for cursors and audit bounds (a Date would drop them). */
  opened_at_exact: string;
  resolved_at_exact: string | null;
}

export const CASE_COLUMNS = `id, phone_number, status, priority, reason, opened_at, updated_at, resolved_at, assignee, assigned_at,
  appealed_at, decision, resolution_note, resolved_by,
  to_char(opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS opened_at_exact,
  to_char(resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS resolved_at_exact`;
