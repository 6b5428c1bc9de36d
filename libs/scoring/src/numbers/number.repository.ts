import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne, queryRows, Statement, updateHeldRow } from '@phonetrust/platform';
import { BurstWindow, EMPTY_BURST_WINDOW } from '../model/burst-window';
import { emptyLiveCounter, LiveCounter } from '../model/live-reporters';
import { ScorePolicy } from '../model/policy';
import { NumberState } from '../number-state/number-state';
import { SCORE_POLICY } from '../scoring.config';
import { NumberRecord } from '../state-machine/evaluate-number';
import { toDate, toDateCeil, toSeconds } from './clock';

/** A number's row, locked for the transaction, with the database clock read after the lock was granted. */
export interface LockedNumber {
  readonly phoneNumber: string;
  readonly record: NumberRecord;
  /** Seconds, database clock: every decay in the transaction is computed to this moment. */
  readonly now: number;
  readonly updatedAt: Date;
}

interface NumberRow {
  phone_number: string;
  state: NumberState;
  state_held: boolean;
  state_changed_at: Date;
  mass_normal: number;
  mass_low: number;
  mass_as_of: Date;
  epoch: number;
  live_reporters: LiveCounter | null;
  burst_window: BurstWindow | null;
  report_count: number;
  decays_at: Date | null;
  decays_to: NumberState | null;
  next_evaluation_at: Date | null;
  updated_at: Date;
  now: Date;
}

const NAMES = [
  'phone_number', 'state', 'state_held', 'state_changed_at', 'mass_normal', 'mass_low', 'mass_as_of', 'epoch', 'live_reporters',
  'burst_window', 'report_count', 'decays_at', 'decays_to', 'next_evaluation_at', 'updated_at',
];
/** The row's columns, and the database clock read when the statement produced the row (after any lock wait). */
function columns(alias = ''): string {
  return `${NAMES.map((name) => (alias ? `${alias}.${name}` : name)).join(', ')}, clock_timestamp() AS now`;
}
const COLUMNS = columns();
/** Locks (creating) the number's row for $1; `source` names a CTE that must yield a row first (lock order). */
const lockSql = (source?: string) => `INSERT INTO numbers (phone_number) ${source ? `SELECT $1 FROM ${source}` : 'VALUES ($1)'}
       ON CONFLICT (phone_number) DO UPDATE SET phone_number = EXCLUDED.phone_number
       RETURNING ${COLUMNS}`;
const SAVE = updateHeldRow(
  'numbers',
  { phone_number: '$1' },
  `state = $2, state_held = $3, state_changed_at = $4, mass_normal = $5, mass_low = $6, mass_as_of = $7,
   epoch = $8, live_reporters = $9, burst_window = $10, report_count = $11, decays_at = $12, decays_to = $13,
   next_evaluation_at = $14, updated_at = $15`,
);
/** The number's columns under an `n_` prefix, for statements that return it beside another row. */
export const PREFIXED_NUMBER_COLUMNS = [...NAMES, 'now'].map((name) => `n.${name} AS n_${name}`).join(', ');
/** Each column's name under that prefix and its own, made once (a report reads them all). */
const PREFIXED_NAMES = [...NAMES, 'now'].map((name) => [`n_${name}`, name] as const);

/** The numbers table, as the scoring workflows use it. */
@Injectable()
export class NumberRepository {
  constructor(@Inject(SCORE_POLICY) private readonly policy: ScorePolicy) {}

  /** Locks the number's row (creating it for a number never seen): transitions happen once, under this lock. */
  async lockNumber(manager: EntityManager, phoneNumber: string): Promise<LockedNumber> {
    const row = await queryOne<NumberRow>(manager, lockSql(), [phoneNumber]);
    return this.toLocked(row!);
  }

  /** The locking upsert of `lockNumber` as a CTE body for $1, run after the CTE `source` (see `PREFIXED_NUMBER_COLUMNS`). */
  lockAfter(source: string): string {
    return lockSql(source);
  }

  /** A row selected with `PREFIXED_NUMBER_COLUMNS`, as `lockNumber` returns it. */
  fromPrefixed(row: Record<string, unknown>): LockedNumber {
    const unprefixed: Record<string, unknown> = {};
    for (const [prefixed, name] of PREFIXED_NAMES) unprefixed[name] = row[prefixed];
    return this.toLocked(unprefixed as unknown as NumberRow);
  }

  /** Locks many numbers' rows at once (creating the missing ones), in phone-number order: the bulk import. */
  async lockNumbers(manager: EntityManager, phoneNumbers: readonly string[]): Promise<LockedNumber[]> {
    const rows = await queryRows<NumberRow>(
      manager,
      `INSERT INTO numbers (phone_number) SELECT DISTINCT p FROM unnest($1::text[]) AS p ORDER BY p
       ON CONFLICT (phone_number) DO UPDATE SET phone_number = EXCLUDED.phone_number
       RETURNING ${COLUMNS}`,
      [[...phoneNumbers]],
    );
    return rows.map((row) => this.toLocked(row));
  }

  /** Locks an existing row and returns its effective state (a due decay exit applied); null when there is none. */
  async lockStateOf(manager: EntityManager, phoneNumber: string): Promise<NumberState | null> {
    const row = await queryOne<{ state: NumberState }>(
      manager,
      `SELECT CASE WHEN decays_at <= clock_timestamp() AND decays_to IS NOT NULL THEN decays_to ELSE state END AS state
         FROM numbers WHERE phone_number = $1 FOR UPDATE`,
      [phoneNumber],
    );
    return row?.state ?? null;
  }

  /**
   * Rows whose next evaluation is due, locked; rows another process holds are skipped, not waited for. Due as of the
   * transaction's start (`now()`), not `clock_timestamp()`: a volatile function cannot bound an index scan, and
   * with it every tick read the index's every scheduled row (100 000 numbers on watch: 15–200 ms a second).
   */
  async claimDue(manager: EntityManager, limit: number): Promise<LockedNumber[]> {
    const rows = await queryRows<NumberRow>(
      manager,
      `SELECT ${COLUMNS} FROM numbers
        WHERE next_evaluation_at IS NOT NULL AND next_evaluation_at <= now()
        ORDER BY next_evaluation_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => this.toLocked(row));
  }

  /** The row without a lock, for reads; null for a number never reported or acted on. */
  async findNumber(manager: EntityManager, phoneNumber: string): Promise<(LockedNumber & { openCaseId: string | null }) | null> {
    const row = await queryOne<NumberRow & { open_case_id: string | null }>(
      manager,
      `SELECT ${columns('n')}, c.id AS open_case_id
         FROM numbers n LEFT JOIN cases c ON c.phone_number = n.phone_number AND c.status = 'open'
        WHERE n.phone_number = $1`,
      [phoneNumber],
    );
    return row ? { ...this.toLocked(row), openCaseId: row.open_case_id } : null;
  }

  /** Writes the number's locked row (run with `writeTogether`, beside the writes that go with it). */
  saveStatement(phoneNumber: string, record: NumberRecord, nowSeconds: number): Statement {
    return {
      text: SAVE,
      params: [
        phoneNumber,
        record.state,
        record.held,
        toDate(record.stateChangedAt),
        record.score.normal,
        record.score.low,
        toDate(record.score.asOf),
        record.score.epoch,
        JSON.stringify(record.score.live),
        JSON.stringify(record.score.burst),
        record.reportCount,
        record.decaysAt === null ? null : toDateCeil(record.decaysAt),
        record.decaysTo,
        record.nextEvaluationAt === null ? null : toDateCeil(record.nextEvaluationAt),
        toDate(nowSeconds),
      ],
    };
  }

  private toLocked(row: NumberRow): LockedNumber {
    const asOf = toSeconds(row.mass_as_of);
    return {
      phoneNumber: row.phone_number,
      now: toSeconds(row.now),
      updatedAt: row.updated_at,
      record: {
        state: row.state,
        held: row.state_held,
        stateChangedAt: toSeconds(row.state_changed_at),
        score: {
          normal: row.mass_normal,
          low: row.mass_low,
          asOf,
          epoch: row.epoch,
          live: row.live_reporters ?? emptyLiveCounter(this.policy),
          burst: row.burst_window ?? EMPTY_BURST_WINDOW,
        },
        reportCount: row.report_count,
        decaysAt: row.decays_at ? toSeconds(row.decays_at) : null,
        decaysTo: row.decays_to,
        nextEvaluationAt: row.next_evaluation_at ? toSeconds(row.next_evaluation_at) : null,
      },
    };
  }
}
