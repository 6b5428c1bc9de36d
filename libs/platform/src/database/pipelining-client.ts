import { Client, QueryResult } from 'pg';

const START = 'START TRANSACTION';

/**
 * node-postgres' client with each transaction's BEGIN pipelined: a transaction costs one round trip fewer.
 *
 * TypeORM opens a transaction with a round trip of its own (`START TRANSACTION`) before the first statement. On
 * a connection in pg's pipeline mode, this client answers that at once and writes it in one packet with the
 * transaction's first statement instead; PostgreSQL runs them in order as ever. If the BEGIN itself failed, the
 * statement's promise fails with its error. A transaction that ends before any statement sends nothing at all.
 *
 * The COMMIT is left as it is, a round trip of its own. Writing it behind the transaction's last statement was
 * measured too (bench, report intake): it saved the Node process a little and roughly doubled PostgreSQL's CPU
 * per report, with many more backends sampled waiting on the WAL write lock at once (see BENCHMARKS.md).
 *
 * Nothing changes off pipeline mode (the embedded database). A query with a callback or of a custom kind is sent as
 * it comes, behind a BEGIN still held.
 */
export class PipeliningClient extends Client {
  private beginHeld = false;

  // One signature for pg's overloads: the calls this client changes are the promise-returning ones TypeORM makes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    if (!this.pipeline) return super.query(config, values, callback);
    if (typeof values === 'function' || callback !== undefined || typeof config?.submit === 'function') {
      // Not a call TypeORM makes; a BEGIN still held goes first, so the query runs inside its transaction.
      if (this.beginHeld) {
        this.beginHeld = false;
        super.query(START).catch(() => undefined); // a failed BEGIN fails the query behind it too
      }
      return super.query(config, values, callback);
    }
    const text: unknown = typeof config === 'string' ? config : config?.text;
    if (!this.beginHeld) {
      if (text !== START) return super.query(config, values);
      this.beginHeld = true;
      return Promise.resolve(emptyResult('BEGIN'));
    }
    if (text === START) return Promise.resolve(emptyResult('BEGIN')); // still held: nothing to send twice
    this.beginHeld = false;
    if (text === 'COMMIT' || text === 'ROLLBACK') return Promise.resolve(emptyResult(text)); // nothing was sent
    return this.sendWithBegin(config, values);
  }

  /** BEGIN and the transaction's first statement, in one packet. */
  private sendWithBegin(config: unknown, values: unknown): Promise<QueryResult> {
    const stream = this.connection.stream;
    stream.cork();
    try {
      const begun = super.query(START);
      const result = super.query(config as string, values as unknown[]);
      return Promise.all([begun, result]).then(([, rows]) => rows);
    } finally {
      stream.uncork();
    }
  }
}

function emptyResult(command: string): QueryResult {
  return { command, rowCount: null, oid: 0, fields: [], rows: [] };
}
