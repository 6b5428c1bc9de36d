import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@phonetrust/platform';
import { APPEAL_PRIORITY_BONUS, CaseDecision, CaseStatus } from '@phonetrust/scoring';
import { CASE_ORDER_BY, CaseKeyset, CaseSort } from './case-order';
import { CASE_COLUMNS, CaseRow } from './case-row';

/**
 * The `cases` table as the review workflows use it. Scoring opens and raises cases inside transitions (number
 * lock, then case); everything here that locks a case runs after the number's lock, or holds no other lock.
 */
@Injectable()
export class CaseRepository {
  async findCase(manager: EntityManager, id: string): Promise<CaseRow | null> {
    return queryOne<CaseRow>(manager, `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [id]);
  }

  async lockCase(manager: EntityManager, id: string): Promise<CaseRow | null> {
    return queryOne<CaseRow>(manager, `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [id]);
  }

  async lockOpenCaseOf(manager: EntityManager, phoneNumber: string): Promise<CaseRow | null> {
    return queryOne<CaseRow>(manager, `SELECT ${CASE_COLUMNS} FROM cases WHERE phone_number = $1 AND status = 'open' FOR UPDATE`, [phoneNumber]);
  }

  /**
   * Resolutions of one case queue here, before any row lock: a transaction-scoped advisory lock taken first, and
   * only by this workflow, so it cannot close a cycle with the row locks (reports → reporters → contributions →
   * number → case) that come after it. The loser then reads the case as resolved.
   */
  async serializeResolution(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`case:${id}`]);
  }

  async listCases(manager: EntityManager, query: { status: CaseStatus; sort: CaseSort; limit: number; after?: CaseKeyset }): Promise<CaseRow[]> {
    const params: unknown[] = [query.status, query.limit];
    let keyset = '';
    if (query.after?.sort === 'priority') {
      params.push(query.after.priority, query.after.openedAt, query.after.id);
      keyset = `AND (priority < $3 OR (priority = $3 AND (opened_at, id) > ($4::timestamptz, $5::uuid)))`;
    } else if (query.after) {
      params.push(query.after.openedAt, query.after.id);
      keyset = `AND (opened_at, id) ${query.after.sort === 'newest' ? '<' : '>'} ($3::timestamptz, $4::uuid)`;
    }
    return queryRows<CaseRow>(
      manager,
      `SELECT ${CASE_COLUMNS} FROM cases WHERE status = $1 ${keyset} ORDER BY ${CASE_ORDER_BY[query.sort]} LIMIT $2`,
      params,
    );
  }

  async assign(manager: EntityManager, id: string, assignee: string | null): Promise<CaseRow> {
    const row = await queryOne<CaseRow>(
      manager,
      `UPDATE cases SET assignee = $2, assigned_at = CASE WHEN $2::text IS NULL THEN NULL ELSE clock_timestamp() END, updated_at = now()
        WHERE id = $1 RETURNING ${CASE_COLUMNS}`,
      [id, assignee],
    );
    return row!;
  }

  async resolve(manager: EntityManager, id: string, resolution: { decision: CaseDecision; note: string; by: string }): Promise<CaseRow> {
    const row = await queryOne<CaseRow>(
      manager,
      `UPDATE cases SET status = 'resolved', decision = $2, resolution_note = $3, resolved_by = $4, resolved_at = clock_timestamp(), updated_at = now()
        WHERE id = $1 AND status = 'open' RETURNING ${CASE_COLUMNS}`,
      [id, resolution.decision, resolution.note, resolution.by],
    );
    return row!;
  }

  /**
   * A merchant's appeal: attaches to the number's open case, raising its priority by the appeal bonus once, or
   * opens one at the state's priority plus the bonus. One statement, race-free on the partial unique index.
   */
  async attachAppeal(manager: EntityManager, phoneNumber: string, statePriority: number): Promise<{ id: string; priority: number; opened: boolean }> {
    const row = await queryOne<{ id: string; priority: number; opened: boolean }>(
      manager,
      `INSERT INTO cases (phone_number, priority, reason, appealed_at) VALUES ($1, $2::int + $3::int, 'appeal', now())
       ON CONFLICT (phone_number) WHERE status = 'open'
       DO UPDATE SET priority = CASE WHEN cases.appealed_at IS NULL THEN GREATEST(cases.priority, $2::int) + $3::int ELSE cases.priority END,
                     appealed_at = COALESCE(cases.appealed_at, now()), updated_at = now()
       RETURNING id, priority, (xmax = 0) AS opened`,
      [phoneNumber, statePriority, APPEAL_PRIORITY_BONUS],
    );
    return row!;
  }
}
