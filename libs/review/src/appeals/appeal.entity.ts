import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AppealStatus = 'open' | 'closed';

/**
 * A merchant's appeal against its number's restriction or suspension (SPEC §3), attached to the number's case.
 * One open appeal per number (a partial unique index) and one per case; it closes when the case is resolved.
 * The statement is stored verbatim and never interpreted.
 */
@Entity({ name: 'appeals' })
@Check('ck_appeals_status', `"status" IN ('open', 'closed')`)
@Index('uq_appeals_open_number', ['phoneNumber'], { unique: true, where: `"status" = 'open'` })
@Index('uq_appeals_case', ['caseId'], { unique: true })
@Index('ix_appeals_merchant', ['merchantId', 'createdAt'])
export class AppealEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_appeals' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'phone_number', type: 'text' })
  phoneNumber: string;

  @Column({ name: 'merchant_id', type: 'text' })
  merchantId: string;

  @Column({ type: 'text' })
  statement: string;

  @Column({ type: 'text', default: 'open' })
  status: AppealStatus;

  /** The API key name of the platform that filed it. */
  @Column({ name: 'filed_by', type: 'text' })
  filedBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
