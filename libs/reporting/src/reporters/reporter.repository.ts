import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, Statement } from '@phonetrust/platform';
import { QuotaCount } from './reporter-quota';

export interface ReporterRecord {
  readonly upheld: number;
  readonly rejected: number;
}

export type Verdict = 'upheld' | 'rejected';

/**
 * Locks the reporter's row for a report (creating it on a first report) and counts the report in its quota windows:
 * each window that has ended starts again with this report. The seconds left in each window come back with the
 * verdict counts. One row per reporter, locked by every report, so the count is exact across processes; a report
 * refused past a quota rolls its count back with the rest of its transaction.
 */
const LOCK_FOR_REPORT = `INSERT INTO reporters AS r (reporter_hash, last_report_at, minute_reports, minute_ends_at, day_reports, day_ends_at)
       SELECT $1, t, 1, t + interval '1 minute', 1, t + interval '1 day' FROM clock_timestamp() AS t
       ON CONFLICT (reporter_hash) DO UPDATE SET
         last_report_at = EXCLUDED.last_report_at,
         minute_reports = CASE WHEN r.minute_ends_at > EXCLUDED.last_report_at THEN r.minute_reports + 1 ELSE 1 END,
         minute_ends_at = CASE WHEN r.minute_ends_at > EXCLUDED.last_report_at THEN r.minute_ends_at ELSE EXCLUDED.minute_ends_at END,
         day_reports = CASE WHEN r.day_ends_at > EXCLUDED.last_report_at THEN r.day_reports + 1 ELSE 1 END,
         day_ends_at = CASE WHEN r.day_ends_at > EXCLUDED.last_report_at THEN r.day_ends_at ELSE EXCLUDED.day_ends_at END
       RETURNING upheld_count, rejected_count, minute_reports, day_reports,
         extract(epoch FROM minute_ends_at - last_report_at)::float8 AS minute_ends_in,
         extract(epoch FROM day_ends_at - last_report_at)::float8 AS day_ends_in`;

@Injectable()
export class ReporterRepository {
  /**
   * `LOCK_FOR_REPORT` for this reporter, to run first in a report's chain of locks (`ScoreLedger.lockReporter`):
   * first in the lock order — reporter, contribution, number.
   */
  lockStatement(reporterHash: string): Statement {
    return { text: LOCK_FOR_REPORT, params: [reporterHash] };
  }

  /** The verdict counts (what trust is computed from) in a row `lockStatement` returned. */
  fromLocked(row: Record<string, unknown>): ReporterRecord {
    return { upheld: row.upheld_count as number, rejected: row.rejected_count as number };
  }

  /** The quota windows in a row `lockStatement` returned, the report counted in. */
  quotaFrom(row: Record<string, unknown>): QuotaCount {
    return {
      minuteReports: row.minute_reports as number,
      dayReports: row.day_reports as number,
      minuteEndsIn: row.minute_ends_in as number,
      dayEndsIn: row.day_ends_in as number,
    };
  }

  async addVerdict(manager: EntityManager, reporterHash: string, verdict: Verdict): Promise<ReporterRecord> {
    const column = verdict === 'upheld' ? 'upheld_count' : 'rejected_count';
    const row = await queryOne<{ upheld_count: number; rejected_count: number }>(
      manager,
      `UPDATE reporters SET ${column} = ${column} + 1 WHERE reporter_hash = $1 RETURNING upheld_count, rejected_count`,
      [reporterHash],
    );
    return { upheld: row!.upheld_count, rejected: row!.rejected_count };
  }
}
