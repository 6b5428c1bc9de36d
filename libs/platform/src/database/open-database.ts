import { DataSource, DataSourceOptions, MixedList, EntitySchema, MigrationExecutor } from 'typeorm';
import { DatabaseConfig } from '../config/platform.config';
import { DatabaseObserver } from './database-observer';
import { EmbeddedPostgres } from './embedded-postgres';
import { meteredPg } from './metered-pool';
import { MeteredClient } from './metered-client';
import { PipeliningClient } from './pipelining-client';

export interface DatabaseSchema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function | string>;
}

/** A running database: the TypeORM data source, and the embedded server behind it when there is no DATABASE_URL. */
export class Database {
  constructor(
    readonly dataSource: DataSource,
    readonly embedded: EmbeddedPostgres | null,
  ) {}

  get isEmbedded(): boolean {
    return this.embedded !== null;
  }

  async close(): Promise<void> {
    try {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    } finally {
      await this.embedded?.stop();
    }
  }
}

// An arbitrary constant: the advisory lock that serialises migrations when several processes boot at once.
const MIGRATION_LOCK_ID = 7310_2024;

/**
 * The one way the app, the CLI and the tests open the database: PostgreSQL when DATABASE_URL is set,
 * otherwise the embedded one. Migrations (never `synchronize`) run when `runMigrations` is set. `observer` is told
 * every statement's round trip and every wait for a connection (the app's `DatabaseMetrics`).
 */
export async function openDatabase(
  config: DatabaseConfig,
  schema: DatabaseSchema,
  options: { runMigrations?: boolean; applicationName?: string; observer?: DatabaseObserver } = {},
): Promise<Database> {
  const embedded = config.url ? null : await EmbeddedPostgres.start(config.embeddedDir);
  try {
    const dataSource = new DataSource(dataSourceOptions(config, schema, embedded, options.applicationName, options.observer));
    await dataSource.initialize();
    const database = new Database(dataSource, embedded);
    if (options.runMigrations ?? config.migrationsRun) await runMigrations(database);
    return database;
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

export function dataSourceOptions(
  config: DatabaseConfig,
  schema: DatabaseSchema,
  embedded: EmbeddedPostgres | null,
  applicationName = 'phonetrust',
  observer?: DatabaseObserver,
): DataSourceOptions {
  const url = embedded ? embedded.url : config.url!;
  return {
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    installExtensions: false,
    logging: false,
    applicationName,
    ...(observer ? { driver: meteredPg(observer) } : {}),
    connectTimeoutMS: config.connectTimeoutMs,
    // PGlite executes one statement at a time: one connection, and every query inside a transaction must
    // use that transaction's EntityManager (a second pooled query would wait on the first forever).
    poolSize: embedded ? 1 : config.poolSize,
    // `observer` reaches each client in the pool's options: MeteredClient (and PipeliningClient, one) times what it sends.
    extra: embedded
      ? { max: 1, observer, Client: MeteredClient }
      : {
          observer,
          max: config.poolSize,
          idleTimeoutMillis: config.poolIdleTimeoutMs,
          keepAlive: true,
          // Bounded waits when the server is slow or unreachable: the client gives up instead of hanging.
          statement_timeout: config.statementTimeoutMs,
          query_timeout: config.statementTimeoutMs + 2000,
          idle_in_transaction_session_timeout: 60000,
          // Each transaction's BEGIN goes out with its first statement, and its COMMIT with a statement marked last
          // (PipeliningClient): up to two round trips fewer.
          ...(config.pipeline ? { pipeline: true, Client: PipeliningClient } : { Client: MeteredClient }),
        },
  };
}

/** Runs pending migrations, one process at a time when several boot against one server. */
export async function runMigrations(database: Database): Promise<void> {
  const { dataSource } = database;
  if (database.isEmbedded) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      // On the connection that holds the lock: with a pool of one, a second connection would never come.
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await runner.release();
  }
}
