import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs `work` in a transaction on one of the data source's pooled connections, as `DataSource.transaction` does,
 * without TypeORM's query runner in between: for a hot path whose transaction only sends SQL.
 *
 * The manager `work` gets answers `query()` alone, with TypeORM's results (rows; `[rows, rowCount]` for UPDATE and
 * DELETE) and errors (`QueryFailedError`, the driver's error inside), straight from the pg client: no logger,
 * subscribers or timing per query, and no query runner to connect, start, commit and release. Anything else on the
 * manager (repositories, the query builder) is not for it. BEGIN, COMMIT and ROLLBACK are sent as TypeORM sends
 * them, so a pipelining connection (`PipeliningClient`) holds BEGIN back and sends COMMIT behind a statement marked
 * last, as ever. A connection that fails during the transaction is dropped from the pool, not reused.
 */
export async function leanTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const client = await pool.connect();
  const runner = new ClientQueries(client);
  const manager = dataSource.createEntityManager(runner as unknown as QueryRunner);
  let broken: Error | undefined;
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    await runner.query('START TRANSACTION');
    try {
      const result = await work(manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      // As TypeORM: a failed ROLLBACK (the connection is gone) does not hide the error that caused it.
      await runner.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
      throw error;
    }
  } finally {
    runner.isReleased = true;
    client.removeListener('error', onError);
    client.release(broken);
  }
}

/** The part of a TypeORM query runner that `EntityManager.query` uses, over one pg client. */
class ClientQueries {
  /** Read by `DataSource.query`: a statement sent through the manager after the transaction is refused. */
  isReleased = false;

  /** The pg client, under the name TypeORM's Postgres query runner gives it. */
  constructor(readonly databaseConnection: PoolClient) {}

  async query(query: string, parameters?: unknown[]): Promise<unknown> {
    if (this.isReleased) throw new Error('a query after its lean transaction ended was refused');
    try {
      const result = await this.databaseConnection.query(query, parameters);
      return result.command === 'UPDATE' || result.command === 'DELETE' ? [result.rows, result.rowCount] : result.rows;
    } catch (error) {
      throw new QueryFailedError(typeof query === 'string' ? query : (query as { text: string }).text, parameters, error as Error);
    }
  }
}
