import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, queryRows, Statement } from '@phonetrust/platform';
import { Contribution } from '../model/number-score';
import { ReportCategory } from '../model/policy';
import { toDate, toSeconds } from './clock';
import { LockedNumber, NumberRepository, PREFIXED_NUMBER_COLUMNS } from './number.repository';

/** The reporter×number row, locked: the contribution and when the reporter's last counted report was. */
export interface LockedContribution {
  /** Null when the reporter never contributed to this number. */
  readonly contribution: Contribution | null;
  readonly lastCountedReportId: string | null;
  readonly lastCountedAt: number | null;
  /** Seconds, database clock, after the lock was granted. */
  readonly now: number;
}

interface ContributionRow {
  value: number;
  as_of: Date;
  low_assurance: boolean;
  epoch: number;
  source_report_id: string | null;
  category: ReportCategory | null;
  last_counted_report_id: string | null;
  last_counted_at: Date | null;
  now: Date;
}

const LOCK_FOR_REPORT = (columns: string) => `INSERT INTO contributions (phone_number, reporter_hash) VALUES ($1, $2)
       ON CONFLICT (phone_number, reporter_hash) DO UPDATE SET phone_number = EXCLUDED.phone_number
       RETURNING ${columns}`;

const COLUMNS = `value, as_of, low_assurance, epoch, source_report_id, category, last_counted_report_id, last_counted_at, clock_timestamp() AS now`;

function toLocked(row: ContributionRow): LockedContribution {
  const contributed = row.source_report_id !== null || row.value > 0;
  return {
    contribution: contributed
      ? {
          value: row.value,
          asOf: toSeconds(row.as_of),
          low: row.low_assurance,
          epoch: row.epoch,
          sourceReportId: row.source_report_id,
          category: row.category,
        }
      : null,
    lastCountedReportId: row.last_counted_report_id,
    lastCountedAt: row.last_counted_at ? toSeconds(row.last_counted_at) : null,
    now: toSeconds(row.now),
  };
}

@Injectable()
export class ContributionRepository {
  /**
   * Locks the reporter's row for this number, creating it on a first report. Concurrent reports by one reporter
   * on one number queue here, so the dedupe decision after it is race-free across processes.
   */
  async lockForReport(manager: EntityManager, phoneNumber: string, reporterHash: string): Promise<LockedContribution> {
    const row = await queryOne<ContributionRow>(manager, LOCK_FOR_REPORT(COLUMNS), [phoneNumber, reporterHash]);
    return toLocked(row!);
  }

  /**
   * `lockForReport`, then the number's row, in one round trip. The number's upsert reads from the contribution's,
   * so PostgreSQL takes the locks in the workflows' order (contribution, then number) whatever it plans.
   */
  async lockForReportWithNumber(
    manager: EntityManager,
    numbers: NumberRepository,
    phoneNumber: string,
    reporterHash: string,
  ): Promise<{ contribution: LockedContribution; number: LockedNumber }> {
    const row = await queryOne<ContributionRow & Record<string, unknown>>(
      manager,
      `WITH c AS (${LOCK_FOR_REPORT(COLUMNS)}),
            n AS (${numbers.lockAfter('c')})
       SELECT c.*, ${PREFIXED_NUMBER_COLUMNS} FROM c, n`,
      [phoneNumber, reporterHash],
    );
    return { contribution: toLocked(row!), number: numbers.fromPrefixed(row!) };
  }

  /** The existing row, locked; null when the reporter never reported the number. */
  async lockExisting(manager: EntityManager, phoneNumber: string, reporterHash: string): Promise<LockedContribution | null> {
    const row = await queryOne<ContributionRow>(
      manager,
      `SELECT ${COLUMNS} FROM contributions WHERE phone_number = $1 AND reporter_hash = $2 FOR UPDATE`,
      [phoneNumber, reporterHash],
    );
    return row ? toLocked(row) : null;
  }

  /** Stores the contribution (run with `writeTogether`); `counted` also moves the dedupe window to this report. */
  saveStatement(phoneNumber: string, reporterHash: string, contribution: Contribution, counted?: { reportId: string; at: number }): Statement {
    return {
      text: `UPDATE contributions
          SET value = $3, as_of = $4, low_assurance = $5, epoch = $6, source_report_id = $7, category = $8,
              last_counted_report_id = COALESCE($9, last_counted_report_id), last_counted_at = COALESCE($10, last_counted_at)
        WHERE phone_number = $1 AND reporter_hash = $2`,
      params: [
        phoneNumber,
        reporterHash,
        contribution.value,
        toDate(contribution.asOf),
        contribution.low,
        contribution.epoch,
        contribution.sourceReportId,
        contribution.category,
        counted?.reportId ?? null,
        counted ? toDate(counted.at) : null,
      ],
    };
  }

  /** Every contribution of the current epoch (rare: rebuilding D's counter after a change of half-life). */
  async currentOf(manager: EntityManager, phoneNumber: string, epoch: number): Promise<{ value: number; asOf: number }[]> {
    const rows = await queryRows<{ value: number; as_of: Date }>(
      manager,
      `SELECT value, as_of FROM contributions WHERE phone_number = $1 AND epoch = $2 AND value > 0`,
      [phoneNumber, epoch],
    );
    return rows.map((row) => ({ value: row.value, asOf: toSeconds(row.as_of) }));
  }
}
