import { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys and the audit trail: what every later module builds on. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL,
        key_hash text NOT NULL,
        key_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT pk_api_keys PRIMARY KEY (id),
        CONSTRAINT ck_api_keys_role CHECK ("role" IN ('admin', 'platform', 'analyst'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_api_keys_key_hash ON api_keys (key_hash)`);

    await q.query(`
      CREATE TABLE audit_entries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        actor_key_id uuid,
        action text NOT NULL,
        phone_number text,
        subject_type text,
        subject_id text,
        before jsonb,
        after jsonb,
        reason text,
        CONSTRAINT pk_audit_entries PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX ix_audit_entries_at ON audit_entries (at, id)`);
    await q.query(`CREATE INDEX ix_audit_entries_phone_at ON audit_entries (phone_number, at)`);
    await q.query(`CREATE INDEX ix_audit_entries_actor_at ON audit_entries (actor, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entries`);
    await q.query(`DROP TABLE api_keys`);
  }
}
