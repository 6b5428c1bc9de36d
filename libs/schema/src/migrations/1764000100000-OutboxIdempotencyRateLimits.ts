import { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox, Idempotency-Key responses, and the rate limiters' counters. */
export class OutboxIdempotencyRateLimits1764000100000 implements MigrationInterface {
  name = 'OutboxIdempotencyRateLimits1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        topic text NOT NULL,
        type text NOT NULL,
        aggregate_id text,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        route integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT pk_outbox PRIMARY KEY (id),
        CONSTRAINT ck_outbox_status CHECK ("status" IN ('pending', 'delivered', 'dead', 'discarded'))
      )`);
    await q.query(`CREATE INDEX ix_outbox_due ON outbox (topic, next_attempt_at) WHERE "status" = 'pending'`);
    await q.query(`CREATE INDEX ix_outbox_aggregate ON outbox (aggregate_id, created_at)`);
    await q.query(`CREATE INDEX ix_outbox_dead ON outbox (topic) WHERE "status" = 'dead'`);
    await q.query(`CREATE INDEX ix_outbox_finished ON outbox (finished_at) WHERE "finished_at" IS NOT NULL`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (scope, key)
      )`);

    // rate-limiter-flexible's PostgreSQL layout; no entity maps it (the library owns its SQL).
    await q.query(`
      CREATE TABLE rate_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await q.query(`CREATE INDEX ix_rate_limits_expire ON rate_limits (expire)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limits`);
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE outbox`);
  }
}
