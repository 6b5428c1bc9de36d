import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { COMMIT_AFTER } from './pipelining-client';

export interface QueryOptions {
  /**
   * Run as a named prepared statement: parsed and planned once per connection, not on every call (PostgreSQL
   * replans it by itself after a schema change). For the hot paths' statements, whose text is built from code
   * only, never from data: every distinct text stays prepared on every pooled connection.
   */
  readonly prepare?: boolean;
  /**
   * The statement is its transaction's last: on a pipelining connection (PostgreSQL, `DATABASE_PIPELINE`), the
   * COMMIT goes out in the same packet, and TypeORM's commit then only waits for its answer. Nothing may be queried
   * in the transaction after it (the client refuses it), and nothing thrown after it can roll it back. Without a
   * transaction, or off pipelining, it changes nothing.
   */
  readonly last?: boolean;
}

/**
 * Runs SQL and returns its rows whatever the command. TypeORM's `query()` returns the rows of a SELECT or
 * INSERT … RETURNING, but `[rows, rowCount]` for UPDATE and DELETE; this hides the difference.
 */
export async function queryRows<T>(manager: EntityManager, sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<T[]> {
  // The pg driver takes a query config in place of the text: TypeORM passes it through, with its own logging,
  // subscribers and error wrapping unchanged.
  const query = options.prepare || options.last ? (queryConfig(sql, options) as unknown as string) : sql;
  const result: unknown = await manager.query(query, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

export async function queryOne<T>(manager: EntityManager, sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<T | null> {
  const rows = await queryRows<T>(manager, sql, params, options);
  return rows[0] ?? null;
}

function queryConfig(sql: string, options: QueryOptions): { text: string; name?: string; [COMMIT_AFTER]?: true } {
  return { text: sql, ...(options.prepare && { name: preparedName(sql) }), ...(options.last && { [COMMIT_AFTER]: true as const }) };
}

const names = new Map<string, string>();
const MAX_NAMES = 1000;

/** A prepared statement's name: from its text, so every process and connection names one text alike. */
export function preparedName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `pt_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    if (names.size >= MAX_NAMES) names.clear();
    names.set(sql, name);
  }
  return name;
}
