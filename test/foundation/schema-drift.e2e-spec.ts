import { databaseConfig, EnvReader, openDatabase } from '@phonetrust/platform';
import { SCHEMA } from '@phonetrust/schema';
import { createTestDatabase } from '../support/test-database';

describe('migrations and entities', () => {
  it('agree: after migrating, TypeORM would generate nothing', async () => {
    const db = await createTestDatabase();
    const database = await openDatabase(databaseConfig.parse(new EnvReader(db.env)), SCHEMA, { runMigrations: true });
    try {
      const sql = await database.dataSource.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await database.close();
      await db.drop();
    }
  });

  it('migrate down and up again cleanly', async () => {
    const db = await createTestDatabase();
    const database = await openDatabase(databaseConfig.parse(new EnvReader(db.env)), SCHEMA, { runMigrations: true });
    try {
      const count = (SCHEMA.migrations as unknown[]).length;
      for (let i = 0; i < count; i++) await database.dataSource.undoLastMigration();
      expect(await database.dataSource.query('SELECT count(*)::int AS n FROM schema_migrations')).toEqual([{ n: 0 }]);
      await database.dataSource.runMigrations();
      const sql = await database.dataSource.driver.createSchemaBuilder().log();
      expect(sql.upQueries).toEqual([]);
    } finally {
      await database.close();
      await db.drop();
    }
  });
});
