import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, Statement } from '@phonetrust/platform';

export interface ReporterRecord {
  readonly upheld: number;
  readonly rejected: number;
}

export type Verdict = 'upheld' | 'rejected';

@Injectable()
export class ReporterRepository {
  /**
   * Locks the reporter (creating it on a first report) and returns the verdict counts trust is computed from.
   * First in the lock order: reporter, contribution, number.
   */
  async lockReporter(manager: EntityManager, reporterHash: string): Promise<ReporterRecord> {
    const statement = this.lockStatement(reporterHash);
    return this.fromLocked((await queryOne<Record<string, unknown>>(manager, statement.text, [...statement.params]))!);
  }

  /** `lockReporter`'s statement, to run first in a chain of locks (`ScoreLedger.lockReporter`). */
  lockStatement(reporterHash: string): Statement {
    return {
      text: `INSERT INTO reporters (reporter_hash, last_report_at) VALUES ($1, clock_timestamp())
       ON CONFLICT (reporter_hash) DO UPDATE SET last_report_at = EXCLUDED.last_report_at
       RETURNING upheld_count, rejected_count`,
      params: [reporterHash],
    };
  }

  /** The verdict counts from a row `lockStatement` returned. */
  fromLocked(row: Record<string, unknown>): ReporterRecord {
    return { upheld: row.upheld_count as number, rejected: row.rejected_count as number };
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
