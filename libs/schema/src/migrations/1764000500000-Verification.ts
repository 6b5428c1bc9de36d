import { MigrationInterface, QueryRunner } from 'typeorm';

/** Verifications (one-time codes), ownership bindings and the per-number daily wrong-code budget. */
export class Verification1764000500000 implements MigrationInterface {
  name = 'Verification1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE verifications (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        merchant_id text NOT NULL,
        phone_number text NOT NULL,
        country text,
        number_type text NOT NULL,
        channel text NOT NULL,
        locale text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        code_hash text NOT NULL,
        code_sealed text,
        attempts integer NOT NULL DEFAULT 0,
        send_count integer NOT NULL DEFAULT 1,
        last_sent_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        client_ip text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        approved_at timestamptz,
        CONSTRAINT pk_verifications PRIMARY KEY (id),
        CONSTRAINT ck_verifications_status CHECK ("status" IN ('pending', 'approved', 'failed', 'canceled', 'expired')),
        CONSTRAINT ck_verifications_channel CHECK ("channel" IN ('sms', 'voice'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_verifications_pending ON verifications (merchant_id, phone_number) WHERE "status" = 'pending'`);
    await q.query(`CREATE INDEX ix_verifications_phone_created ON verifications (phone_number, created_at)`);

    await q.query(`
      CREATE TABLE phone_bindings (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        phone_number text NOT NULL,
        merchant_id text NOT NULL,
        status text NOT NULL DEFAULT 'verified',
        verification_id uuid NOT NULL,
        verified_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text,
        CONSTRAINT pk_phone_bindings PRIMARY KEY (id),
        CONSTRAINT ck_phone_bindings_status CHECK ("status" IN ('verified', 'revoked', 'removed'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_phone_bindings_verified ON phone_bindings (phone_number) WHERE "status" = 'verified'`);
    await q.query(`CREATE INDEX ix_phone_bindings_merchant ON phone_bindings (merchant_id, verified_at)`);

    await q.query(`
      CREATE TABLE number_check_budgets (
        phone_number text NOT NULL,
        day date NOT NULL,
        wrong_codes integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_number_check_budgets PRIMARY KEY (phone_number, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE number_check_budgets`);
    await q.query(`DROP TABLE phone_bindings`);
    await q.query(`DROP TABLE verifications`);
  }
}
