import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type CaseStatus = 'open' | 'resolved';

/**
 * A review case: opened when a number enters review, restricted or suspended; one open case per number at a
 * time (a partial unique index), whose priority rises with the state. The analyst workflow is review's.
 */
@Entity({ name: 'cases' })
@Check('ck_cases_status', `"status" IN ('open', 'resolved')`)
@Index('uq_cases_open_number', ['phoneNumber'], { unique: true, where: `"status" = 'open'` })
@Index('ix_cases_queue', ['status', 'priority', 'openedAt'])
@Index('ix_cases_phone', ['phoneNumber', 'openedAt'])
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_cases' })
  id: string;

  @Column({ name: 'phone_number', type: 'text' })
  phoneNumber: string;

  @Column({ type: 'text', default: 'open' })
  status: CaseStatus;

  /** 1 review, 2 restricted, 3 suspended: the most severe state the number reached while the case was open. */
  @Column({ type: 'integer', default: 0 })
  priority: number;

  /** Why it opened: `score_threshold`, `attested_threat`, `analyst_decision`. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'now()' })
  openedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
