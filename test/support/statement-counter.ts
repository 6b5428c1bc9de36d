import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Counts the SQL statements the app sends through TypeORM (transaction control included) while `work` runs,
 * in this process. The rate limiters talk to their store directly and are not counted.
 */
export async function countStatements(work: () => Promise<unknown>): Promise<{ count: number; statements: string[] }> {
  const prototype = PostgresQueryRunner.prototype as unknown as { query: (...args: unknown[]) => Promise<unknown> };
  const original = prototype.query;
  const statements: string[] = [];
  prototype.query = function (this: unknown, ...args: unknown[]) {
    // A prepared statement comes as pg's query config ({ name, text }).
    const query = typeof args[0] === 'object' && args[0] !== null ? (args[0] as { text: string }).text : String(args[0]);
    statements.push(query.replace(/\s+/g, ' ').trim().slice(0, 80));
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    prototype.query = original;
  }
  return { count: statements.length, statements };
}
