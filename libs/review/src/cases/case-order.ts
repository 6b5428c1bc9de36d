import { decodeCursor, PlatformError } from '@phonetrust/platform';
import { CaseRow } from './case-row';

export const CASE_SORTS = ['priority', 'oldest', 'newest'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** Where the previous page ended, in the sort's own key. */
export type CaseKeyset = { sort: 'priority'; priority: number; openedAt: string; id: string } | { sort: 'oldest' | 'newest'; openedAt: string; id: string };

/**
 * The queue's orders, allow-listed: SQL is chosen from this table by the validated `sort`, never built from what a
 * client sent. `priority`: most urgent first, then the longest waiting; `oldest`: the longest waiting first;
 * `newest`: the latest opened first (for browsing resolved cases).
 */
export const CASE_ORDER_BY: Readonly<Record<CaseSort, string>> = {
  priority: 'priority DESC, opened_at ASC, id ASC',
  oldest: 'opened_at ASC, id ASC',
  newest: 'opened_at DESC, id DESC',
};

/** A cursor names the sort it was issued for: one from another sort (or anything forged) is 400 invalid_cursor. */
export function decodeCaseCursor(sort: CaseSort, cursor: string | undefined): CaseKeyset | undefined {
  if (sort === 'priority') {
    const value = decodeCursor(cursor, { s: 'string', p: 'number', at: 'timestamp', id: 'uuid' });
    if (!value) return undefined;
    if (value.s !== sort || !Number.isSafeInteger(value.p)) throw invalidCursor();
    return { sort, priority: value.p, openedAt: value.at, id: value.id };
  }
  const value = decodeCursor(cursor, { s: 'string', at: 'timestamp', id: 'uuid' });
  if (!value) return undefined;
  if (value.s !== sort) throw invalidCursor();
  return { sort, openedAt: value.at, id: value.id };
}

export function caseCursorOf(sort: CaseSort, row: Pick<CaseRow, 'id' | 'priority' | 'opened_at_exact'>): Record<string, string | number> {
  return sort === 'priority' ? { s: sort, p: row.priority, at: row.opened_at_exact, id: row.id } : { s: sort, at: row.opened_at_exact, id: row.id };
}

function invalidCursor(): PlatformError {
  return new PlatformError('invalid_cursor', 'cursor is not one this API returned for this sort');
}
