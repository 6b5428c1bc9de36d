import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { OutboxMessage } from './outbox-handler';

interface ClaimedRow {
  id: string;
  topic: string;
  type: string;
  aggregate_id: string | null;
  payload: unknown;
  attempts: number;
  route: number;
  created_at: Date;
}

/** The dispatcher's SQL: claim with a lease, then settle each message, fenced by its attempt number. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims due messages of a topic; SKIP LOCKED lets processes claim disjoint batches at once. Due as of the
   * statement's start (`now()`): `clock_timestamp()`, volatile, cannot bound the index scan, and every poll would read
   * every pending message of the topic, those backing off for minutes included.
   */
  async claimDue(topic: string, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    const rows = await queryRows<ClaimedRow>(
      this.dataSource.manager,
      `UPDATE outbox o
          SET attempts = o.attempts + 1,
              lease_until = clock_timestamp() + make_interval(secs => $3::float8 / 1000)
         FROM (SELECT id FROM outbox
                WHERE topic = $1 AND status = 'pending' AND next_attempt_at <= now()
                  AND (lease_until IS NULL OR lease_until < now())
                ORDER BY next_attempt_at
                LIMIT $2
                FOR UPDATE SKIP LOCKED) due
        WHERE o.id = due.id
      RETURNING o.id, o.topic, o.type, o.aggregate_id, o.payload, o.attempts, o.route, o.created_at`,
      [topic, limit, leaseMs],
    );
    return rows.map((row) => ({
      id: row.id,
      topic: row.topic,
      type: row.type,
      aggregateId: row.aggregate_id,
      payload: row.payload,
      attempts: row.attempts,
      route: row.route,
      createdAt: new Date(row.created_at),
    }));
  }

  /** Each settle only applies if nobody re-claimed the message since (its attempt number is unchanged). */
  async markDelivered(message: OutboxMessage): Promise<void> {
    await this.finish(message, 'delivered', null);
  }

  async markDead(message: OutboxMessage, error: string): Promise<void> {
    await this.finish(message, 'dead', error);
  }

  async markDiscarded(message: OutboxMessage, reason: string): Promise<void> {
    await this.finish(message, 'discarded', reason);
  }

  async scheduleRetry(message: OutboxMessage, delayMs: number, error: string, route: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox
          SET next_attempt_at = clock_timestamp() + make_interval(secs => $3::float8 / 1000),
              lease_until = NULL, last_error = $4, route = $5
        WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [message.id, message.attempts, delayMs, truncate(error), route],
    );
  }

  async countsByStatus(): Promise<{ topic: string; status: string; count: number }[]> {
    return this.dataSource.query(
      `SELECT topic, status, count(*)::int AS count FROM outbox WHERE status IN ('pending', 'dead') GROUP BY topic, status`,
    );
  }

  /** Deletes finished messages older than the retention, a bounded batch at a time. */
  async purgeFinished(olderThanHours: number, batch = 5000): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource.manager,
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox
          WHERE finished_at IS NOT NULL AND status IN ('delivered', 'discarded')
            AND finished_at < now() - make_interval(hours => $1)
          LIMIT $2)
       RETURNING id`,
      [olderThanHours, batch],
    );
    return rows.length;
  }

  private async finish(message: OutboxMessage, status: 'delivered' | 'dead' | 'discarded', error: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox SET status = $3, finished_at = clock_timestamp(), lease_until = NULL, last_error = $4
        WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [message.id, message.attempts, status, error === null ? null : truncate(error)],
    );
  }
}

function truncate(text: string): string {
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}
