import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type CaseStatus = 'open' | 'resolved';

/** How an analyst closed a case: a decision on the number, or `dismiss` (the number keeps its state). */
export const CASE_DECISIONS = ['suspend', 'restrict', 'reinstate', 'dismiss'] as const;
export type CaseDecision = (typeof CASE_DECISIONS)[number];

/**
 * A review case: opened when a number enters review, restricted or suspended (or by a merchant's appeal); one
 * open case per number at a time (a partial unique index), whose priority rises with the state. Scoring opens and
 * raises cases; the review lib assigns, appeals and resolves them (the columns from `assignee` on are its).
 */
@Entity({ name: 'cases' })
@Check('ck_cases_status', `"status" IN ('open', 'resolved')`)
@Check('ck_cases_decision', `"decision" IN ('suspend', 'restrict', 'reinstate', 'dismiss')`)
@Check('ck_cases_resolution', `("status" = 'open') = ("decision" IS NULL)`)
@Index('uq_cases_open_number', ['phoneNumber'], { unique: true, where: `"status" = 'open'` })
@Index('ix_cases_queue', ['status', 'priority', 'openedAt'])
@Index('ix_cases_status_opened', ['status', 'openedAt', 'id'])
@Index('ix_cases_phone', ['phoneNumber', 'openedAt'])
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_cases' })
  id: string;

  @Column({ name: 'phone_number', type: 'text' })
  phoneNumber: string;

  @Column({ type: 'text', default: 'open' })
  status: CaseStatus;

  /**
   * 1 review, 2 restricted, 3 suspended: the most severe state the number reached while the case was open,
   * plus APPEAL_PRIORITY_BONUS once the merchant appealed.
   */
  @Column({ type: 'integer', default: 0 })
  priority: number;

  /** Why it opened: `score_threshold`, `attested_threat`, `analyst_decision`, `appeal`. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'now()' })
  openedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** Who works the case (free text, usually an analyst's key name); null when unassigned. */
  @Column({ type: 'text', nullable: true })
  assignee: string | null;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  /** When the number's merchant appealed while the case was open (the priority bonus applies from then). */
  @Column({ name: 'appealed_at', type: 'timestamptz', nullable: true })
  appealedAt: Date | null;

  /** Set exactly when the case is resolved. */
  @Column({ type: 'text', nullable: true })
  decision: CaseDecision | null;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote: string | null;

  /** The API key name of the analyst who resolved it. */
  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy: string | null;
}
