import { MigrationInterface, QueryRunner } from 'typeorm';

/** Replays must return the first response exactly: `json` keeps its text, `jsonb` reorders keys. */
export class IdempotencyResponseText1764000550000 implements MigrationInterface {
  name = 'IdempotencyResponseText1764000550000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN response TYPE json USING response::text::json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN response TYPE jsonb USING response::jsonb`);
  }
}
