import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One reporter's live contribution to one number (SPEC §6: never more than one report's weight), and when the
 * reporter's last counted report on it was — the row that dedupe and top-ups lock. Reporters appear only as
 * the HMAC of their id.
 */
@Entity({ name: 'contributions' })
export class ContributionEntity {
  @PrimaryColumn({ name: 'phone_number', type: 'text', primaryKeyConstraintName: 'pk_contributions' })
  phoneNumber: string;

  @PrimaryColumn({ name: 'reporter_hash', type: 'text', primaryKeyConstraintName: 'pk_contributions' })
  reporterHash: string;

  /** The contribution as of `as_of`; it decays like the number's evidence. */
  @Column({ type: 'double precision', default: 0 })
  value: number;

  @Column({ name: 'as_of', type: 'timestamptz', default: () => 'now()' })
  asOf: Date;

  /** In the capped pool of lowest-assurance reporters. */
  @Column({ name: 'low_assurance', type: 'boolean', default: false })
  lowAssurance: boolean;

  /** The number's epoch when the value was set; an older epoch means spent by a reinstatement. */
  @Column({ type: 'integer', default: 0 })
  epoch: number;

  /** The report whose weight `value` is. */
  @Column({ name: 'source_report_id', type: 'uuid', nullable: true })
  sourceReportId: string | null;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  /** The reporter's last counted report on this number: a report within the dedupe window is its duplicate. */
  @Column({ name: 'last_counted_report_id', type: 'uuid', nullable: true })
  lastCountedReportId: string | null;

  @Column({ name: 'last_counted_at', type: 'timestamptz', nullable: true })
  lastCountedAt: Date | null;
}
