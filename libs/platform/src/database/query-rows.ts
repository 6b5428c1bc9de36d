import { EntityManager } from 'typeorm';

/**
 * Runs SQL and returns its rows whatever the command. TypeORM's `query()` returns the rows of a SELECT or
 * INSERT … RETURNING, but `[rows, rowCount]` for UPDATE and DELETE; this hides the difference.
 */
export async function queryRows<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

export async function queryOne<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T | null> {
  const rows = await queryRows<T>(manager, sql, params);
  return rows[0] ?? null;
}
