import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '@phonetrust/platform';
import { ReportCategory } from '@phonetrust/scoring';
import { NewReport } from '../reports/report.repository';

/** A report row from a file: a report's fields, with its import key and its historic time. */
export interface NewImportedReport extends Omit<NewReport, 'id' | 'channel'> {
  importKey: string;
  channel: string | null;
  createdAt: Date;
}

export interface PendingReportRow {
  id: string;
  phone_number: string;
  reporter_hash: string;
  category: ReportCategory;
  attested: boolean;
  assurance: number;
  trust: number;
  weight: number;
  created_at: Date;
}

/** The reports and reporters tables as the bulk import uses them: set-based statements, a batch at a time. */
@Injectable()
export class ImportedReportRepository {
  /** Creates the reporters not seen yet (in key order) and returns everyone's verdict counts, for trust. */
  async upsertReporters(manager: EntityManager, reporters: readonly { hash: string; lastAt: Date }[]): Promise<Map<string, { upheld: number; rejected: number }>> {
    const rows = await queryRows<{ reporter_hash: string; upheld_count: number; rejected_count: number }>(
      manager,
      `INSERT INTO reporters (reporter_hash, first_seen_at, last_report_at)
       SELECT h, min(at), max(at) FROM unnest($1::text[], $2::timestamptz[]) AS t(h, at) GROUP BY h ORDER BY h
       ON CONFLICT (reporter_hash) DO UPDATE SET last_report_at = GREATEST(reporters.last_report_at, EXCLUDED.last_report_at)
       RETURNING reporter_hash, upheld_count, rejected_count`,
      [reporters.map((r) => r.hash), reporters.map((r) => r.lastAt)],
    );
    return new Map(rows.map((r) => [r.reporter_hash, { upheld: r.upheld_count, rejected: r.rejected_count }]));
  }

  /** Inserts the rows whose import key is new, pending scoring; returns how many were new. */
  async insertPending(manager: EntityManager, rows: readonly NewImportedReport[]): Promise<number> {
    if (rows.length === 0) return 0;
    const col = <K extends keyof NewImportedReport>(key: K) => rows.map((r) => r[key]);
    const inserted = await queryRows<{ id: string }>(
      manager,
      `INSERT INTO reports (import_key, phone_number, reporter_hash, category, description, channel, occurred_at, created_at,
                            interaction_id, attested, account_age_days, verified_buyer, assurance, trust, weight, import_pending)
       SELECT *, true FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                                  $8::timestamptz[], $9::text[], $10::bool[], $11::int[], $12::bool[], $13::float8[], $14::float8[], $15::float8[])
       ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        col('importKey'),
        col('phoneNumber'),
        col('reporterHash'),
        col('category'),
        col('description'),
        col('channel'),
        col('occurredAt'),
        col('createdAt'),
        col('interactionId'),
        col('attested'),
        col('accountAgeDays'),
        col('verifiedBuyer'),
        col('assurance'),
        col('trust'),
        col('weight'),
      ],
    );
    return inserted.length;
  }

  async countPendingNumbers(manager: EntityManager): Promise<number> {
    const [row] = await queryRows<{ n: number }>(manager, `SELECT count(DISTINCT phone_number)::int AS n FROM reports WHERE import_pending`);
    return row?.n ?? 0;
  }

  /** The next numbers (in order, after `after`) with reports waiting to be scored. */
  async pendingNumbers(manager: EntityManager, after: string, limit: number): Promise<string[]> {
    const rows = await queryRows<{ phone_number: string }>(
      manager,
      `SELECT DISTINCT phone_number FROM reports WHERE import_pending AND phone_number > $1 ORDER BY phone_number LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.phone_number);
  }

  /** Their pending reports, locked (a concurrent import skips what this one scores). */
  async lockPendingReports(manager: EntityManager, phoneNumbers: readonly string[]): Promise<PendingReportRow[]> {
    return queryRows<PendingReportRow>(
      manager,
      `SELECT id, phone_number, reporter_hash, category, attested, assurance, trust, weight, created_at
         FROM reports WHERE import_pending AND phone_number = ANY($1::text[])
        ORDER BY id FOR UPDATE`,
      [[...phoneNumbers]],
    );
  }

  /** Scored: counted reports stay (no longer pending), repeats inside the dedupe window go, as the API keeps none. */
  async settle(manager: EntityManager, counted: readonly string[], dropped: readonly string[]): Promise<void> {
    if (counted.length) await manager.query(`UPDATE reports SET import_pending = false WHERE id = ANY($1::uuid[])`, [[...counted]]);
    if (dropped.length) await manager.query(`DELETE FROM reports WHERE id = ANY($1::uuid[])`, [[...dropped]]);
  }
}
