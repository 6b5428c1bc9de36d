import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A counted report (duplicates inside the dedupe window are not stored: they answer with the first one's id).
 * The description is stored verbatim and never interpreted; the reporter only as an HMAC of their id.
 */
@Entity({ name: 'reports' })
@Check('ck_reports_category', `"category" IN ('harassment', 'spam', 'scam', 'threat', 'impersonation', 'other')`)
@Check('ck_reports_channel', `"channel" IN ('call', 'sms', 'chat', 'other')`)
@Check('ck_reports_verdict', `"verdict" IN ('upheld', 'rejected')`)
@Index('ix_reports_phone_created', ['phoneNumber', 'createdAt', 'id'])
@Index('uq_reports_import_key', ['importKey'], { unique: true, where: `"import_key" IS NOT NULL` })
@Index('ix_reports_import_pending', ['phoneNumber'], { where: `"import_pending"` })
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_reports' })
  id: string;

  @Column({ name: 'phone_number', type: 'text' })
  phoneNumber: string;

  @Column({ name: 'reporter_hash', type: 'text' })
  reporterHash: string;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  channel: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt: Date | null;

  @Column({ name: 'interaction_id', type: 'text', nullable: true })
  interactionId: string | null;

  @Column({ type: 'boolean', default: false })
  attested: boolean;

  @Column({ name: 'account_age_days', type: 'integer', nullable: true })
  accountAgeDays: number | null;

  @Column({ name: 'verified_buyer', type: 'boolean', nullable: true })
  verifiedBuyer: boolean | null;

  /** The weight's ingredients as they were when the report was counted. */
  @Column({ type: 'double precision' })
  assurance: number;

  @Column({ type: 'double precision' })
  trust: number;

  @Column({ type: 'double precision' })
  weight: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'text', nullable: true })
  verdict: string | null;

  @Column({ name: 'verdict_note', type: 'text', nullable: true })
  verdictNote: string | null;

  @Column({ name: 'verdict_at', type: 'timestamptz', nullable: true })
  verdictAt: Date | null;

  /** The API key name of the analyst. */
  @Column({ name: 'verdict_by', type: 'text', nullable: true })
  verdictBy: string | null;

  /** Set on rows the CLI imported: a deterministic key of the source row, so a re-run inserts nothing twice. */
  @Column({ name: 'import_key', type: 'text', nullable: true })
  importKey: string | null;

  /** Imported but not scored yet (scoring runs after the rows are in, in time order per number). */
  @Column({ name: 'import_pending', type: 'boolean', default: false })
  importPending: boolean;
}
