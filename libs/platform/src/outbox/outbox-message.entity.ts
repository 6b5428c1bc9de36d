import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'delivered' | 'dead' | 'discarded';

/**
 * A message to deliver after the transaction that wrote it commits (an SMS to send, an event to post).
 * Dispatchers claim rows with a lease, so several processes share the work and a crashed one's rows
 * are picked up again when the lease runs out.
 */
@Entity({ name: 'outbox' })
@Check('ck_outbox_status', `"status" IN ('pending', 'delivered', 'dead', 'discarded')`)
@Index('ix_outbox_due', ['topic', 'nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('ix_outbox_aggregate', ['aggregateId', 'createdAt'])
@Index('ix_outbox_dead', ['topic'], { where: `"status" = 'dead'` })
@Index('ix_outbox_finished', ['finishedAt'], { where: `"finished_at" IS NOT NULL` })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_outbox' })
  id: string;

  /** Which dispatcher handles it: `sms`, `event`. */
  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'text' })
  type: string;

  /** What the message is about (a verification, a number), to find its messages. */
  @Column({ name: 'aggregate_id', type: 'text', nullable: true })
  aggregateId: string | null;

  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column({ type: 'text', default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Handler-defined routing state, e.g. which SMS provider of the failover list is next. */
  @Column({ type: 'integer', default: 0 })
  route: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** When it was delivered, discarded or declared dead. */
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
