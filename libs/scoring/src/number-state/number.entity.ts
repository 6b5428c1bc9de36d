import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { NumberState } from './number-state';

/**
 * One row per number that was ever reported or acted on: its state and its score. Every decayed value is
 * stored as (value, as-of time); the scoring workflows lock this row to change it, so each transition happens
 * once. See libs/scoring/src/model for what the columns mean.
 */
@Entity({ name: 'numbers' })
@Check('ck_numbers_state', `"state" IN ('ok', 'watch', 'review', 'restricted', 'suspended')`)
@Check('ck_numbers_decays_to', `"decays_to" IN ('ok', 'watch', 'review', 'restricted', 'suspended')`)
@Index('ix_numbers_next_evaluation', ['nextEvaluationAt'], { where: `"next_evaluation_at" IS NOT NULL` })
export class NumberEntity {
  @PrimaryColumn({ name: 'phone_number', type: 'text', primaryKeyConstraintName: 'pk_numbers' })
  phoneNumber: string;

  @Column({ type: 'text', default: 'ok' })
  state: NumberState;

  /** An analyst's suspend/restrict: the state does not leave on its own. */
  @Column({ name: 'state_held', type: 'boolean', default: false })
  stateHeld: boolean;

  @Column({ name: 'state_changed_at', type: 'timestamptz', default: () => 'now()' })
  stateChangedAt: Date;

  /** Evidence of reporters above the lowest assurance, as of `mass_as_of`. */
  @Column({ name: 'mass_normal', type: 'double precision', default: 0 })
  massNormal: number;

  /** Evidence of lowest-assurance reporters before the cap, as of `mass_as_of`. */
  @Column({ name: 'mass_low', type: 'double precision', default: 0 })
  massLow: number;

  @Column({ name: 'mass_as_of', type: 'timestamptz', default: () => 'now()' })
  massAsOf: Date;

  /** Bumped on reinstatement: contributions of an earlier epoch are spent. */
  @Column({ type: 'integer', default: 0 })
  epoch: number;

  /** D's counter: live contributions by the slice they expire in (bounded; see live-reporters.ts). */
  @Column({ name: 'live_reporters', type: 'jsonb', nullable: true })
  liveReporters: unknown;

  /** Counted reports per minute over the last hour, and how many were low-trust (the burst guard). */
  @Column({ name: 'burst_window', type: 'jsonb', nullable: true })
  burstWindow: unknown;

  /** Counted reports, ever. */
  @Column({ name: 'report_count', type: 'integer', default: 0 })
  reportCount: number;

  /** When the state leaves on decay if nothing else happens, and for which state: readers apply it at once. */
  @Column({ name: 'decays_at', type: 'timestamptz', nullable: true })
  decaysAt: Date | null;

  @Column({ name: 'decays_to', type: 'text', nullable: true })
  decaysTo: NumberState | null;

  /** When a scheduler must write what decay (or the end of a burst) does to the state. */
  @Column({ name: 'next_evaluation_at', type: 'timestamptz', nullable: true })
  nextEvaluationAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
