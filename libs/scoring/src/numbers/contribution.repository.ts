import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { memoText, queryOne, queryRows, shiftParameters, Statement, updateHeldRow } from '@phonetrust/platform';
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

/** Locks (creating) the contribution of $2 to $1; `source` names a CTE that must yield a row first (lock order). */
const LOCK_FOR_REPORT = (columns: string, source?: string) => `INSERT INTO contributions (phone_number, reporter_hash) ${source ? `SELECT $1, $2 FROM ${source}` : 'VALUES ($1, $2)'}
       ON CONFLICT (phone_number, reporter_hash) DO UPDATE SET phone_number = EXCLUDED.phone_number
       RETURNING ${columns}`;

const COLUMNS = `value, as_of, low_assurance, epoch, source_report_id, category, last_counted_report_id, last_counted_at, clock_timestamp() AS now`;

const SAVE = updateHeldRow(
  'contributions',
  { phone_number: '$1', reporter_hash: '$2' },
  `value = $3, as_of = $4, low_assurance = $5, epoch = $6, source_report_id = $7, category = $8,
   last_counted_report_id = COALESCE($9, t.last_counted_report_id), last_counted_at = COALESCE($10, t.last_counted_at)`,
);
/** The chained lock's own statement, after the caller's `first`: built once. */
const LOCK_CHAINED = LOCK_FOR_REPORT(COLUMNS, 'f');
const LOCK_UNCHAINED = LOCK_FOR_REPORT(COLUMNS);

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

/** The caller's own statements run in the chained lock's round trip (`lockForReportWithNumber`). */
export interface ChainedStatements {
  /** Locked first, before the contribution: the caller's own row earlier in the lock order. */
  readonly first?: Statement;
  /** Run with the chain, after the number: work on rows no other workflow locks in another order. */
  readonly alongside?: Statement;
}

export function contributionKey(phoneNumber: string, reporterHash: string): string {
  return `${phoneNumber} ${reporterHash}`;
}

@Injectable()
export class ContributionRepository {
  /**
   * Locks the reporter's row for this number, creating it on a first report. Concurrent reports by one reporter
   * on one number queue here, so the dedupe decision after it is race-free across processes.
   */
  async lockForReport(manager: EntityManager, phoneNumber: string, reporterHash: string): Promise<LockedContribution> {
    const row = await queryOne<ContributionRow>(manager, LOCK_UNCHAINED, [phoneNumber, reporterHash]);
    return toLocked(row!);
  }

  /**
   * `lockForReport`, then the number's row, in one round trip — after `first` when given (the caller's own lock,
   * earlier in the lock order; its RETURNING row comes back as `first`). Each upsert reads from the one before, so
   * PostgreSQL takes the locks in the workflows' order whatever it plans. `alongside` is one more statement of the
   * caller's to run in the same round trip, read (so run) after the number's row; its RETURNING rows come back as
   * `alongside`. It must touch no row of the chain.
   */
  async lockForReportWithNumber(
    manager: EntityManager,
    numbers: NumberRepository,
    phoneNumber: string,
    reporterHash: string,
    caller: ChainedStatements = {},
  ): Promise<{ contribution: LockedContribution; number: LockedNumber; first: Record<string, unknown>; alongside: Record<string, unknown>[] }> {
    const { first, alongside } = caller;
    const params: unknown[] = [phoneNumber, reporterHash];
    const firstAt = params.push(...(first?.params ?? [])) - (first?.params.length ?? 0);
    const alongsideAt = params.push(...(alongside?.params ?? [])) - (alongside?.params.length ?? 0);
    // Keyed by the caller's texts and where their parameters start (the number's lock is a constant of this file).
    const key = ['contributions.lockForReportWithNumber', first?.text ?? '', String(firstAt), alongside?.text ?? '', String(alongsideAt)];
    const text = memoText(key, () => {
      const ctes = [
        ...(first ? [`f AS (${shiftParameters(first.text, firstAt)})`] : []),
        `c AS (${first ? LOCK_CHAINED : LOCK_UNCHAINED})`,
        `n AS (${numbers.lockAfter('c')})`,
        ...(alongside ? [`a AS (${shiftParameters(alongside.text, alongsideAt)})`] : []),
      ];
      return `WITH ${ctes.join(',\n')}
       SELECT ${first ? 'f.*, ' : ''}c.*, ${PREFIXED_NUMBER_COLUMNS}${alongside ? `, (SELECT coalesce(json_agg(a), '[]') FROM a) AS alongside_rows` : ''}
         FROM ${first ? 'f, ' : ''}c, n`;
    });
    const row = await queryOne<ContributionRow & Record<string, unknown>>(manager, text, params, { prepare: true });
    return {
      contribution: toLocked(row!),
      number: numbers.fromPrefixed(row!),
      first: row!,
      alongside: alongside ? (row!.alongside_rows as Record<string, unknown>[]) : [],
    };
  }

  /** Locks (creating) many reporter×number rows at once, in key order: the bulk import. Keyed `phone reporterHash`. */
  async lockManyForReports(manager: EntityManager, pairs: readonly { phoneNumber: string; reporterHash: string }[]): Promise<Map<string, LockedContribution>> {
    const rows = await queryRows<ContributionRow & { phone_number: string; reporter_hash: string }>(
      manager,
      `INSERT INTO contributions (phone_number, reporter_hash)
       SELECT DISTINCT p, r FROM unnest($1::text[], $2::text[]) AS t(p, r) ORDER BY p, r
       ON CONFLICT (phone_number, reporter_hash) DO UPDATE SET phone_number = EXCLUDED.phone_number
       RETURNING phone_number, reporter_hash, ${COLUMNS}`,
      [pairs.map((p) => p.phoneNumber), pairs.map((p) => p.reporterHash)],
    );
    return new Map(rows.map((row) => [contributionKey(row.phone_number, row.reporter_hash), toLocked(row)]));
  }

  /** Stores many counted contributions in one statement (each moves its dedupe window to its report). */
  async saveManyCounted(
    manager: EntityManager,
    rows: readonly { phoneNumber: string; reporterHash: string; contribution: Contribution; reportId: string; countedAt: number }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE contributions c
          SET value = u.value, as_of = u.as_of, low_assurance = u.low, epoch = u.epoch, source_report_id = u.source,
              category = u.category, last_counted_report_id = u.report_id, last_counted_at = u.counted_at
         FROM unnest($1::text[], $2::text[], $3::float8[], $4::timestamptz[], $5::bool[], $6::int[], $7::uuid[], $8::text[], $9::uuid[], $10::timestamptz[])
              AS u(phone_number, reporter_hash, value, as_of, low, epoch, source, category, report_id, counted_at)
        WHERE c.phone_number = u.phone_number AND c.reporter_hash = u.reporter_hash`,
      [
        rows.map((r) => r.phoneNumber),
        rows.map((r) => r.reporterHash),
        rows.map((r) => r.contribution.value),
        rows.map((r) => toDate(r.contribution.asOf)),
        rows.map((r) => r.contribution.low),
        rows.map((r) => r.contribution.epoch),
        rows.map((r) => r.contribution.sourceReportId),
        rows.map((r) => r.contribution.category),
        rows.map((r) => r.reportId),
        rows.map((r) => toDate(r.countedAt)),
      ],
    );
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

  /** Stores the locked contribution (run with `writeTogether`); `counted` also moves the dedupe window to this report. */
  saveStatement(phoneNumber: string, reporterHash: string, contribution: Contribution, counted?: { reportId: string; at: number }): Statement {
    return {
      text: SAVE,
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
