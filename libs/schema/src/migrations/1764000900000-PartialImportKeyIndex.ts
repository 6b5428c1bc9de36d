import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Only imported reports carry an import key; the reports filed through the API, nearly all of them, have none.
 * A B-tree indexes NULLs too, so the full unique index took one entry from every report filed, for nothing: NULLs
 * never conflict. Partial, it holds the imported reports' keys alone, and the import's `ON CONFLICT` names its
 * predicate. Rebuilding reads the table once, under a lock that holds writes to it back meanwhile.
 */
export class PartialImportKeyIndex1764000900000 implements MigrationInterface {
  name = 'PartialImportKeyIndex1764000900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_reports_import_key`);
    await q.query(`CREATE UNIQUE INDEX uq_reports_import_key ON reports (import_key) WHERE import_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_reports_import_key`);
    await q.query(`CREATE UNIQUE INDEX uq_reports_import_key ON reports (import_key)`);
  }
}
