import { MigrationInterface, QueryRunner } from 'typeorm';

/** Number states (SPEC §6): what verification and the display check read of scoring. */
export class Numbers1764000200000 implements MigrationInterface {
  name = 'Numbers1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE numbers (
        phone_number text NOT NULL,
        state text NOT NULL DEFAULT 'ok',
        state_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_numbers PRIMARY KEY (phone_number),
        CONSTRAINT ck_numbers_state CHECK ("state" IN ('ok', 'watch', 'review', 'restricted', 'suspended'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE numbers`);
  }
}
