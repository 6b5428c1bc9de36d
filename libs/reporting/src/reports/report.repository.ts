import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, queryRows, Statement } from '@phonetrust/platform';
import { ReportCategory } from '@phonetrust/scoring';
import { ReportChannel } from './report-input';
import { ReportRow } from './report-view';

export interface NewReport {
  id: string;
  phoneNumber: string;
  reporterHash: string;
  category: ReportCategory;
  description: string | null;
  channel: ReportChannel | null;
  occurredAt: string | null;
  interactionId: string | null;
  attested: boolean;
  accountAgeDays: number | null;
  verifiedBuyer: boolean | null;
  assurance: number;
  trust: number;
  weight: number;
}

export interface TimelineRow {
  id: string;
  reporter_hash: string;
  category: ReportCategory;
  assurance: number;
  trust: number;
  weight: number;
  created_at: Date;
  verdict: 'upheld' | 'rejected' | null;
  verdict_at: Date | null;
}

const COLUMNS = `id, phone_number, reporter_hash, category, description, channel, occurred_at, interaction_id, attested,
  account_age_days, verified_buyer, assurance, trust, weight, created_at, verdict, verdict_note, verdict_at, verdict_by`;

@Injectable()
export class ReportRepository {
  /** The report's insert, returning `id` and `created_at` (run with the score's writes: `ScoreLedger.countReport`). */
  insertStatement(report: NewReport): Statement {
    return {
      text: `INSERT INTO reports (id, phone_number, reporter_hash, category, description, channel, occurred_at, interaction_id, attested,
                            account_age_days, verified_buyer, assurance, trust, weight)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       RETURNING id, created_at`,
      params: [
        report.id,
        report.phoneNumber,
        report.reporterHash,
        report.category,
        report.description,
        report.channel,
        report.occurredAt,
        report.interactionId,
        report.attested,
        report.accountAgeDays,
        report.verifiedBuyer,
        report.assurance,
        report.trust,
        report.weight,
      ],
    };
  }

  async findReport(manager: EntityManager, id: string): Promise<ReportRow | null> {
    return queryOne<ReportRow>(manager, `SELECT ${COLUMNS} FROM reports WHERE id = $1`, [id]);
  }

  /** First in a verdict's lock order: reports (by id), reporters, contributions, number. */
  async lockForVerdicts(manager: EntityManager, ids: readonly string[]): Promise<ReportRow[]> {
    return queryRows<ReportRow>(manager, `SELECT ${COLUMNS} FROM reports WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[...new Set(ids)]]);
  }

  /** Which of these ids are reports on the number. */
  async idsOnNumber(manager: EntityManager, phoneNumber: string, ids: readonly string[]): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(manager, `SELECT id FROM reports WHERE phone_number = $1 AND id = ANY($2::uuid[])`, [phoneNumber, [...ids]]);
    return rows.map((row) => row.id);
  }

  /** Every report on the number, oldest first, with what replaying its score needs (an analyst read: O(reports)). */
  async timelineOf(manager: EntityManager, phoneNumber: string): Promise<TimelineRow[]> {
    return queryRows<TimelineRow>(
      manager,
      `SELECT id, reporter_hash, category, assurance, trust, weight, created_at, verdict, verdict_at
         FROM reports WHERE phone_number = $1 ORDER BY created_at, id`,
      [phoneNumber],
    );
  }

  async setVerdict(manager: EntityManager, id: string, verdict: 'upheld' | 'rejected', note: string, by: string): Promise<ReportRow> {
    const row = await queryOne<ReportRow>(
      manager,
      `UPDATE reports SET verdict = $2, verdict_note = $3, verdict_at = clock_timestamp(), verdict_by = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, verdict, note, by],
    );
    return row!;
  }

  /** Newest first; `after` is the (created_at with microseconds, id) of the last row of the previous page. */
  async listForNumber(
    manager: EntityManager,
    phoneNumber: string,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<(ReportRow & { cursor_at: string })[]> {
    const params: unknown[] = [phoneNumber, limit];
    let where = 'phone_number = $1';
    if (after) {
      params.push(after.createdAt, after.id);
      where += ' AND (created_at, id) < ($3::timestamptz, $4::uuid)';
    }
    return queryRows(
      manager,
      `SELECT ${COLUMNS}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM reports WHERE ${where}
        ORDER BY created_at DESC, id DESC
        LIMIT $2`,
      params,
    );
  }
}
