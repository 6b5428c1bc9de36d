/** A pool's connections as pg-pool counts them. */
export interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/**
 * What the database connections report as they work (see `DatabaseMetrics`): how long each statement took and how
 * long each checkout waited for a connection. Calls must be cheap: they run on every statement.
 */
export interface DatabaseObserver {
  /** A statement's round trip, in seconds: from its handing to the connection to its answer read. */
  statement(seconds: number): void;
  /** A wait for a pooled connection, in seconds (0 when one was idle). */
  poolWait(seconds: number): void;
  /** The pool whose connections to count, once it is made. */
  watchPool(pool: PoolCounts): void;
}
