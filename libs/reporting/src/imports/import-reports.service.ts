import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@phonetrust/platform';
import { HistoricLedger, isLowAssurance, isLowTrust, SCORE_POLICY, ScorePolicy } from '@phonetrust/scoring';
import { ReporterIds } from '../reporters/reporter-ids';
import { reportingConfig, ReportingConfig } from '../reporting.config';
import { weighReport } from '../reports/weigh-report';
import { ImportedReport } from './imported-report';
import { ImportedReportRepository, NewImportedReport } from './imported-report.repository';

export interface InsertOutcome {
  readonly inserted: number;
  /** Rows whose import key was there already (an earlier run, or the same row twice). */
  readonly duplicates: number;
}

export interface ScoreOutcome {
  readonly numbers: number;
  readonly counted: number;
  /** Repeats by the same reporter on the same number inside the dedupe window: dropped, as the API does. */
  readonly repeats: number;
  /** State changes written (one per number at most). */
  readonly transitions: number;
  /** State changes the numbers' histories went through. */
  readonly historicTransitions: number;
}

// Numbers scored per transaction: bounds the rows locked and held in memory at once.
const NUMBERS_PER_TRANSACTION = 500;

/**
 * Bulk import of reports (the CLI's `reports:import`), in two steps so that each number's reports are counted in
 * time order whatever the file's order, in constant memory:
 * 1. `insert` a batch of rows in one transaction — weights from the same functions as POST /v1/reports, the
 *    report's time its historic moment, `ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING` (the
 *    unique index holds imported reports alone) so a re-run inserts nothing twice;
 * 2. `scorePending` then counts every pending report, a page of numbers per transaction, through scoring's
 *    HistoricLedger. An interrupted import leaves rows pending, and the next run scores them.
 * Rate limits do not apply (an operator's bulk load, not a consumer's report).
 */
@Injectable()
export class ImportReports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reporterIds: ReporterIds,
    private readonly repository: ImportedReportRepository,
    private readonly ledger: HistoricLedger,
    @Inject(reportingConfig.KEY) private readonly config: ReportingConfig,
    @Inject(SCORE_POLICY) private readonly policy: ScorePolicy,
  ) {}

  async insert(rows: readonly ImportedReport[]): Promise<InsertOutcome> {
    if (rows.length === 0) return { inserted: 0, duplicates: 0 };
    const hashes = rows.map((row) => this.reporterIds.hash(row.reporterId));
    const inserted = await this.dataSource.transaction(async (tx) => {
      const reporters = await this.repository.upsertReporters(
        tx,
        rows.map((row, i) => ({ hash: hashes[i], lastAt: new Date(row.at * 1000) })),
      );
      const reports = rows.map((row, i): NewImportedReport => {
        const verdicts = reporters.get(hashes[i]) ?? { upheld: 0, rejected: 0 };
        return { ...weighReport(row.phoneNumber, hashes[i], row, verdicts, this.policy), importKey: row.importKey, createdAt: new Date(row.at * 1000) };
      });
      return this.repository.insertPending(tx, reports);
    });
    return { inserted, duplicates: rows.length - inserted };
  }

  async pendingNumbers(): Promise<number> {
    return this.repository.countPendingNumbers(this.dataSource.manager);
  }

  /** Scores every pending imported report; `progress` gets the numbers done so far. */
  async scorePending(actor: Actor, progress?: (numbersDone: number) => void): Promise<ScoreOutcome> {
    let after = '';
    const total = { numbers: 0, counted: 0, repeats: 0, transitions: 0, historicTransitions: 0 };
    for (;;) {
      const page = await this.dataSource.transaction(async (tx) => {
        const numbers = await this.repository.pendingNumbers(tx, after, NUMBERS_PER_TRANSACTION);
        if (numbers.length === 0) return null;
        const rows = await this.repository.lockPendingReports(tx, numbers);
        const outcome = await this.ledger.countHistoric(
          tx,
          rows.map((row) => ({
            phoneNumber: row.phone_number,
            reporterHash: row.reporter_hash,
            at: row.created_at.getTime() / 1000,
            report: {
              id: row.id,
              weight: row.weight,
              category: row.category,
              lowAssurance: isLowAssurance(row.assurance, this.policy),
              lowTrust: isLowTrust(row.trust, this.policy),
            },
            attestedThreat: row.category === 'threat' && row.attested,
          })),
          { dedupeWindowSeconds: this.config.dedupeWindowSeconds, actor, reason: 'reports import' },
        );
        const dropped = new Set(outcome.notCounted);
        await this.repository.settle(
          tx,
          rows.filter((row) => !dropped.has(row.id)).map((row) => row.id),
          outcome.notCounted,
        );
        return { last: numbers[numbers.length - 1], rows: rows.length, ...outcome };
      });
      if (!page) return total;
      after = page.last;
      total.numbers += page.numbers;
      total.counted += page.rows - page.notCounted.length;
      total.repeats += page.notCounted.length;
      total.transitions += page.transitions;
      total.historicTransitions += page.historicTransitions;
      progress?.(total.numbers);
    }
  }
}
