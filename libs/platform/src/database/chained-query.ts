import { Query, QueryConfig, QueryResult } from 'pg';

/** The parts of pg's `Query` this class builds on: not in its published types, stable within the pinned pg 8. */
interface PgQuery {
  name?: string;
  portal: string;
  requiresPreparation(): boolean;
  hasBeenParsed(connection: PgConnection): boolean;
  prepare(connection: PgConnection): void;
  handleCommandComplete(message: { text: string }, connection: PgConnection): void;
  handleError(error: Error, connection: PgConnection): void;
  handleReadyForQuery(connection: PgConnection): void;
}

interface PgConnection {
  parsedStatements: Record<string, string>;
  parse(message: { text: string; name?: string }): void;
  bind(message: Record<string, never>): void;
  execute(message: { portal?: string; rows?: number }): void;
  sync(): void;
}

const base = Query.prototype as unknown as PgQuery;

/**
 * A statement of the extended protocol with its transaction's `BEGIN` before it and/or its `COMMIT` behind it, all
 * under its one Sync. PostgreSQL answers a Sync, or a simple query, with a flush of its own: `BEGIN` and `COMMIT`
 * sent as simple queries beside a statement make its round trip two answers, two writes by the server and, often,
 * two reads by the process. Under one Sync they are one. The answers of `BEGIN` and `COMMIT` are read past; the
 * statement's are the query's.
 *
 * After a failed statement PostgreSQL skips what follows it up to the Sync, the `COMMIT` too: the transaction is
 * left open and aborted, and needs its `ROLLBACK` (PipeliningClient sends it). A `COMMIT` that fails, or that ends
 * the transaction as a rollback, fails the query.
 */
export class ChainedQuery extends Query {
  /** Called with the statement's answer or error (pg's `Query` calls it). */
  declare callback: ((error: Error | null, result?: QueryResult) => void) | undefined;
  /** The answers of `BEGIN` still to read past before the statement's own. */
  private beginsAhead: number;
  private answered = false;
  private commitTag: string | null = null;
  /** The statement's Parse went out in this query: a failure must not leave it recorded as parsed (see below). */
  private parsedHere = false;

  constructor(
    config: string | QueryConfig,
    values: unknown[] | undefined,
    readonly begin: boolean,
    readonly commit: boolean,
  ) {
    super(config as QueryConfig, values);
    this.beginsAhead = begin ? 1 : 0;
  }

  /** Would pg send this statement by the extended protocol anyway? Only such a statement can carry the two. */
  get extended(): boolean {
    return base.requiresPreparation.call(this);
  }

  prepare(connection: PgConnection): void {
    this.parsedHere = !base.hasBeenParsed.call(this, connection);
    if (this.begin) {
      connection.parse({ text: 'BEGIN' });
      connection.bind({});
      connection.execute({});
    }
    base.prepare.call(this, connection);
  }

  /** pg's last step of `prepare`: Execute, then Sync; the `COMMIT` goes between them. */
  _getRows(connection: PgConnection, rows?: number): void {
    connection.execute({ portal: (this as unknown as PgQuery).portal, rows });
    if (this.commit) {
      connection.parse({ text: 'COMMIT' });
      connection.bind({});
      connection.execute({});
    }
    connection.sync();
  }

  handleCommandComplete(message: { text: string }, connection: PgConnection): void {
    if (this.beginsAhead > 0) {
      this.beginsAhead--;
      return;
    }
    if (this.answered) {
      this.commitTag = message.text;
      return;
    }
    this.answered = true;
    base.handleCommandComplete.call(this, message, connection);
  }

  handleError(error: Error, connection: PgConnection): void {
    // pg records a named statement as parsed on the first ParseComplete it reads while the query is active: that of
    // BEGIN, ahead of the statement's own. When the statement's Parse then fails, the record would make every later
    // use of the name skip its Parse, on a connection where it does not exist.
    const name = (this as unknown as PgQuery).name;
    if (name && this.parsedHere) delete connection.parsedStatements[name];
    base.handleError.call(this, error, connection);
  }

  handleReadyForQuery(connection: PgConnection): void {
    if (this.commit && this.commitTag !== 'COMMIT') {
      // The COMMIT ended the transaction as a rollback (PostgreSQL answers `ROLLBACK` to the COMMIT of an aborted one).
      base.handleError.call(this, new Error('the transaction was rolled back: one of its statements failed'), connection);
      return;
    }
    base.handleReadyForQuery.call(this, connection);
  }
}
