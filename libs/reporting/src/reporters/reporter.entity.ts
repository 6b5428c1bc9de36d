import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A consumer who reports, known only by the HMAC-SHA256 of the platform's id, and the verdicts on their reports. */
@Entity({ name: 'reporters' })
export class ReporterEntity {
  @PrimaryColumn({ name: 'reporter_hash', type: 'text', primaryKeyConstraintName: 'pk_reporters' })
  reporterHash: string;

  @Column({ name: 'upheld_count', type: 'integer', default: 0 })
  upheldCount: number;

  @Column({ name: 'rejected_count', type: 'integer', default: 0 })
  rejectedCount: number;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt: Date;

  @Column({ name: 'last_report_at', type: 'timestamptz', nullable: true })
  lastReportAt: Date | null;
}
