import { Client } from 'pg';

/**
 * Counts the SQL statements the app hands its pg clients (transaction control included) while `work` runs, in this
 * process: whether they come through TypeORM's query runner or a lean transaction (`leanTransaction`). A BEGIN that a
 * pipelining connection holds back counts once it goes out, with the statement it goes with. The rate limiters on
 * Redis talk to their store directly and are not counted.
 */
export async function countStatements(work: () => Promise<unknown>): Promise<{ count: number; statements: string[] }> {
  const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  const statements: string[] = [];
  prototype.query = function (this: unknown, ...args: unknown[]) {
    // A prepared statement comes as a query config ({ name, text }).
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
