import { performance } from 'node:perf_hooks';
import { QueryResult } from 'pg';
import { ChainedQuery } from './chained-query';
import { MeteredClient } from './metered-client';

/**
 * The marker a query config carries when it is its transaction's last statement (see `QueryOptions.last`): the
 * transaction's COMMIT is written right behind it, in the same packet.
 */
export const COMMIT_AFTER = 'commitAfter';

type Phase =
  /** No transaction open, as far as this client was told. */
  | 'idle'
  /** TypeORM asked for START TRANSACTION; it is held back to go out with the transaction's first statement. */
  | 'begin-held'
  /** BEGIN was sent. */
  | 'open'
  /** The last statement and the COMMIT behind it were sent; the COMMIT's answer is `committing`. */
  | 'committed';

const START = 'START TRANSACTION';

/**
 * node-postgres' client with transaction boundaries pipelined: a transaction costs up to two round trips fewer.
 *
 * TypeORM opens a transaction with a round trip of its own (`START TRANSACTION`) and ends it with another
 * (`COMMIT`). On a connection in pg's pipeline mode, this client answers the `START TRANSACTION` at once and writes
 * it in one packet with the transaction's first statement; and when a statement is marked as its transaction's last
 * (`{ commitAfter: true }` in its query config), it writes the `COMMIT` in one packet behind it, and answers
 * TypeORM's `COMMIT` with that one's outcome. A statement sent by the extended protocol (with parameters, or
 * prepared: every hot path's) carries its `BEGIN` and `COMMIT` under its own Sync (`ChainedQuery`), so the server
 * answers the round trip in one write; a statement of the simple protocol has them beside it as simple queries.
 * Every prepared statement goes as a `ChainedQuery`, with or without them, so each is described once per connection.
 * PostgreSQL runs them in order as ever: a statement that fails aborts the transaction, and the `COMMIT` behind it
 * is skipped (under its Sync; TypeORM's ROLLBACK then goes out) or rolls back (beside it; its answer says
 * `ROLLBACK`). A transaction that ends before any statement sends nothing at all.
 *
 * Nothing changes off pipeline mode (the embedded database). A query with a callback or of a custom kind is sent as
 * it comes, behind a BEGIN still held. A statement marked last must really be the last: any query after it but
 * COMMIT or ROLLBACK is refused, and work that throws after it cannot undo it (its COMMIT has gone out). What goes
 * out is timed statement by statement (`MeteredClient`), the BEGIN and COMMIT sent with others included.
 */
export class PipeliningClient extends MeteredClient {
  private phase: Phase = 'idle';
  private committing: Promise<QueryResult> | null = null;

  // One signature for pg's overloads: the calls this client changes are the promise-returning ones TypeORM makes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    if (!this.pipeline) return super.query(config, values, callback);
    if (typeof values === 'function' || callback !== undefined || typeof config?.submit === 'function') {
      // Not a call TypeORM makes; a BEGIN still held goes first, so the query runs inside its transaction.
      if (this.phase === 'begin-held') {
        this.phase = 'open';
        super.query(START).catch(() => undefined); // a failed BEGIN fails the query behind it too
      }
      return super.query(config, values, callback);
    }
    const text: unknown = typeof config === 'string' ? config : config?.text;
    if (text === START && this.phase === 'idle') {
      this.phase = 'begin-held';
      return Promise.resolve(emptyResult('BEGIN'));
    }
    if (text === START && this.phase === 'begin-held') return Promise.resolve(emptyResult('BEGIN')); // nothing to send twice
    if (text === 'COMMIT' && this.phase === 'committed') return this.finish(true);
    if (text === 'ROLLBACK' && this.phase === 'committed') return this.finish(false);
    if ((text === 'COMMIT' || text === 'ROLLBACK') && this.phase === 'begin-held') {
      // Nothing was sent since START TRANSACTION: there is nothing to end.
      this.phase = 'idle';
      return Promise.resolve(emptyResult(text));
    }
    if (this.phase === 'committed') {
      return Promise.reject(new Error("a query after its transaction's last statement (marked commitAfter) was refused"));
    }
    if (text === 'COMMIT' || text === 'ROLLBACK') {
      this.phase = 'idle';
      return super.query(config, values);
    }
    const begin = this.phase === 'begin-held';
    const commit = this.phase !== 'idle' && config?.[COMMIT_AFTER] === true;
    if (begin || commit) return this.send(config, values, begin, commit);
    // A prepared statement alone: as a ChainedQuery all the same, which describes it once per connection.
    return typeof config?.name === 'string' ? this.submit(new ChainedQuery(config, values, false, false)) : super.query(config, values);
  }

  /**
   * Writes BEGIN, the query and COMMIT as called for, in one packet: under the query's own Sync when it goes by the
   * extended protocol (`ChainedQuery`: one answer from the server), as simple queries beside it otherwise.
   */
  private send(config: unknown, values: unknown, begin: boolean, commit: boolean): Promise<QueryResult> {
    const chained = new ChainedQuery(config as string, values as unknown[] | undefined, begin, commit);
    if (chained.extended) return this.chain(chained);
    const stream = this.connection.stream;
    stream.cork();
    try {
      const begun = begin ? super.query(START) : null;
      const result = super.query(config as string, values as unknown[]);
      this.phase = 'open';
      if (commit) {
        this.phase = 'committed';
        const committing: Promise<QueryResult> = super.query('COMMIT');
        // Awaited when TypeORM commits or rolls back; until then, a failure must not count as unhandled.
        committing.catch(() => undefined);
        this.committing = committing;
      }
      return begun ? Promise.all([begun, result]).then(([, rows]) => rows) : result;
    } finally {
      stream.uncork();
    }
  }

  /** Sends a `ChainedQuery`; what its failure leaves open decides what TypeORM's COMMIT or ROLLBACK does next. */
  private chain(query: ChainedQuery): Promise<QueryResult> {
    this.phase = query.commit ? 'committed' : 'open';
    return this.submit(query, (failed) => {
      // After a failure PostgreSQL skipped the rest up to the Sync, the COMMIT too: the transaction is still open,
      // aborted, and TypeORM's ROLLBACK must go out (after a COMMIT that failed itself, it only draws a warning).
      if (failed) this.phase = 'open';
      else if (query.commit) this.committing = Promise.resolve(emptyResult('COMMIT'));
    });
  }

  /** Sends a `ChainedQuery` and answers with its result; `settled` is told whether it failed, before its caller. */
  private submit(query: ChainedQuery, settled?: (failed: boolean) => void): Promise<QueryResult> {
    const started = performance.now();
    const answer = new Promise<QueryResult>((resolve, reject) => {
      query.callback = (error, result) => {
        settled?.(Boolean(error));
        if (error) reject(error);
        else resolve(result!);
      };
    });
    super.query(query);
    // BEGIN and COMMIT are statements sent, as they are off this path: each told to the observer.
    return this.timed(answer, started, 1 + Number(query.begin) + Number(query.commit));
  }

  /**
   * TypeORM's COMMIT or ROLLBACK after the pipelined COMMIT: its outcome. A COMMIT that rolled back (a statement
   * failed) fails TypeORM's COMMIT; TypeORM's ROLLBACK, which follows the failed statement, waits for it.
   */
  private async finish(commit: boolean): Promise<QueryResult> {
    const committing = this.committing!;
    this.phase = 'idle';
    this.committing = null;
    if (!commit) {
      await committing.catch(() => undefined);
      return emptyResult('ROLLBACK');
    }
    const result = await committing;
    if (result.command !== 'COMMIT') throw new Error('the transaction was rolled back: one of its statements failed');
    return result;
  }
}

function emptyResult(command: string): QueryResult {
  return { command, rowCount: null, oid: 0, fields: [], rows: [] };
}
