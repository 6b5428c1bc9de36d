import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: nothing updates or deletes these rows. */
@Entity({ name: 'audit_entries' })
@Index('ix_audit_entries_at', ['at', 'id'])
@Index('ix_audit_entries_phone_at', ['phoneNumber', 'at'])
@Index('ix_audit_entries_actor_at', ['actor', 'at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_entries' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'actor_key_id', type: 'uuid', nullable: true })
  actorKeyId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'phone_number', type: 'text', nullable: true })
  phoneNumber: string | null;

  @Column({ name: 'subject_type', type: 'text', nullable: true })
  subjectType: string | null;

  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
