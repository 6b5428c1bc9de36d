import { databaseConfig, EnvReader, openDatabase } from '@phonetrust/platform';
import { SCHEMA } from '@phonetrust/schema';
import { createTestDatabase, usingPostgres } from '../support/test-database';

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

  // PostgreSQL's path: the embedded database always has a pool of one and migrates without the lock (every embedded
  // test opens it so), and two PGlite servers booting on one test process's thread would only time each other out.
  (usingPostgres ? it : it.skip)('migrate on a pool of one connection, and two at once apply each migration once', async () => {
    const db = await createTestDatabase();
    // The migration lock's connection runs the migrations: a second one would never come from a pool of one.
    const config = databaseConfig.parse(new EnvReader({ ...db.env, DATABASE_POOL_SIZE: '1', DATABASE_CONNECT_TIMEOUT_MS: '5000' }));
    const opened = await Promise.allSettled([1, 2].map(() => openDatabase(config, SCHEMA, { runMigrations: true })));
    const databases = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      expect(opened.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
      const count = (SCHEMA.migrations as unknown[]).length;
      expect(await databases[0].dataSource.query('SELECT count(*)::int AS n FROM schema_migrations')).toEqual([{ n: count }]);
    } finally {
      await Promise.all(databases.map((database) => database.close()));
      await db.drop();
    }
  });
});
