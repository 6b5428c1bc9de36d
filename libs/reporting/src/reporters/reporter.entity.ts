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

  /** Reports counted in the minute window ending at `minuteEndsAt` (the per-minute quota). */
  @Column({ name: 'minute_reports', type: 'integer', default: 0 })
  minuteReports: number;

  @Column({ name: 'minute_ends_at', type: 'timestamptz', nullable: true })
  minuteEndsAt: Date | null;

  /** Reports counted in the day window ending at `dayEndsAt` (the per-day quota). */
  @Column({ name: 'day_reports', type: 'integer', default: 0 })
  dayReports: number;

  @Column({ name: 'day_ends_at', type: 'timestamptz', nullable: true })
  dayEndsAt: Date | null;
}
