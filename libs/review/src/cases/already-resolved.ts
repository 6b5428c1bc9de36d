import { ReviewError } from '../review-error';
import { CaseRow } from './case-row';

/** 409 case_already_resolved, saying how and when it was. */
export function alreadyResolved(row: CaseRow): ReviewError {
  return new ReviewError('case_already_resolved', `case ${row.id} was resolved already (${row.decision})`, {
    decision: row.decision,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
  });
}
