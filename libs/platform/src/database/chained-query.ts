import { Query, QueryConfig, QueryResult } from 'pg';
// pg's own mapping of a parameter to its wire text, as its `Query.prepare` binds with it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

/** The parts of pg's `Query` this class builds on: not in its published types, stable within the pinned pg 8. */
interface PgQuery {
  name?: string;
  portal: string;
  values?: unknown[];
  rows?: number;
  binary?: boolean;
  types?: unknown;
  _result: PgResult;
  _accumulateRows: boolean;
  requiresPreparation(): boolean;
  hasBeenParsed(connection: PgConnection): boolean;
  prepare(connection: PgConnection): void;
  handleCommandComplete(message: { text: string }, connection: PgConnection): void;
  handleError(error: Error, connection: PgConnection): void;
  handleReadyForQuery(connection: PgConnection): void;
}

/** What pg's `Result.addFields` builds from a RowDescription: the fields, their parsers, the row's empty shape. */
interface PgResult {
  fields: unknown[];
  _parsers: unknown[] | undefined;
  _prebuiltEmptyResultObject: Record<string, null> | null;
}

interface PgConnection {
  parsedStatements: Record<string, string>;
  parse(message: { text: string; name?: string }): void;
  bind(message: Record<string, unknown>): void;
  describe(message: { type: 'P' | 'S'; name: string }): void;
  close(message: { type: 'P' | 'S'; name?: string }): void;
  execute(message: { portal?: string; rows?: number }): void;
  sync(): void;
}

/** A named statement's result description, as pg's `Result` holds it: the same for every execution on a connection. */
type Description = Pick<PgResult, 'fields' | '_parsers' | '_prebuiltEmptyResultObject'>;

/** Per connection, the descriptions of the named statements prepared on it (PostgreSQL's Describe answered once). */
const descriptions = new WeakMap<PgConnection, Map<string, Description>>();

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
 *
 * A named (prepared) statement is described once per connection: pg asks PostgreSQL to Describe every execution's
 * result and rebuilds its fields and parsers from the answer each time, which for a lock returning 28 columns is
 * work on every report. Its first execution on a connection keeps what pg built; later ones skip the Describe and
 * reuse it. A prepared statement's result columns cannot change (PostgreSQL refuses to run it, "cached plan must
 * not change result type"); any failure of the statement forgets its description all the same, so the next
 * execution describes it again. Type parsers are those in force at its first execution on the connection.
 */
export class ChainedQuery extends Query {
  /** Called with the statement's answer or error (pg's `Query` calls it). */
  declare callback: ((error: Error | null, result?: QueryResult) => void) | undefined;
  /** The prepared statement's name (pg's `Query` sets it from the config); none for an unnamed statement. */
  declare name: string | undefined;
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
    // pg's Query copies a config object through its property descriptors, a slow path on every statement. A config
    // that gives pg only a text and a name (TypeORM's from `queryRows`) goes in as its text; the name is set after.
    const bare = typeof config === 'object' && textAndNameOnly(config);
    super((bare ? config.text : config) as QueryConfig, values);
    if (bare) this.name = config.name;
    this.beginsAhead = begin ? 1 : 0;
  }

  /** Would pg send this statement by the extended protocol anyway? Only such a statement can carry the two. */
  get extended(): boolean {
    return base.requiresPreparation.call(this);
  }

  prepare(connection: PgConnection): void {
    const parsed = base.hasBeenParsed.call(this, connection);
    this.parsedHere = !parsed;
    if (this.begin) {
      connection.parse({ text: 'BEGIN' });
      connection.bind({});
      connection.execute({});
    }
    const known = parsed && this.describable ? descriptions.get(connection)?.get(this.name!) : undefined;
    if (!known) {
      base.prepare.call(this, connection);
      return;
    }
    // pg's prepare without its Describe: Bind as pg binds, the known description in place of the answer.
    const self = this as unknown as PgQuery;
    try {
      connection.bind({ portal: self.portal, statement: this.name, values: self.values, binary: self.binary, valueMapper: prepareValue });
    } catch (error) {
      connection.close({ type: 'S', name: this.name });
      connection.sync();
      this.handleError(error as Error, connection);
      return;
    }
    self._result.fields = known.fields;
    self._result._parsers = known._parsers;
    self._result._prebuiltEmptyResultObject = known._prebuiltEmptyResultObject;
    self._accumulateRows = Boolean(this.callback) || this.listeners('row').length === 0;
    this._getRows(connection, self.rows);
  }

  /** A named statement of the plain kind: text results, pg's type parsers, all rows at once. */
  private get describable(): boolean {
    const self = this as unknown as PgQuery;
    return Boolean(this.name) && !self.binary && !self.types && !self.rows;
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
    // The statement ran: what its Describe answered (a RowDescription, or NoData) is its description.
    if (this.describable) {
      let known = descriptions.get(connection);
      if (!known) descriptions.set(connection, (known = new Map()));
      if (!known.has(this.name!)) {
        const { fields, _parsers, _prebuiltEmptyResultObject } = (this as unknown as PgQuery)._result;
        known.set(this.name!, { fields, _parsers, _prebuiltEmptyResultObject });
      }
    }
  }

  handleError(error: Error, connection: PgConnection): void {
    // pg records a named statement as parsed on the first ParseComplete it reads while the query is active: that of
    // BEGIN, ahead of the statement's own. When the statement's Parse then fails, the record would make every later
    // use of the name skip its Parse, on a connection where it does not exist.
    const name = (this as unknown as PgQuery).name;
    if (name && this.parsedHere) delete connection.parsedStatements[name];
    if (name) descriptions.get(connection)?.delete(name);
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

/** The fields of a query config pg's `Query` reads beside its text and name. */
const OTHER_FIELDS = ['values', 'rows', 'types', 'queryMode', 'binary', 'portal', 'callback', 'rowMode'] as const;

function textAndNameOnly(config: QueryConfig): boolean {
  const fields = config as unknown as Record<string, unknown>;
  for (const field of OTHER_FIELDS) if (fields[field] !== undefined) return false;
  return true;
}
