import { Histogram } from 'prom-client';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { DatabaseObserver, PoolCounts } from './database-observer';

/** From 0.5 ms to 10 s, finer where a request's budget is spent (5–25 ms). */
const BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The database's share of the service's time, in `/metrics`: each statement's round trip, each wait for a pooled
 * connection, and the pool's connections (busy, idle) and waiting checkouts at the scrape. A slow request whose
 * statements were quick spent its time in the process; one that waited for connections needs a larger pool or a
 * faster database.
 */
export class DatabaseMetrics implements DatabaseObserver {
  private readonly statements: Histogram;
  private readonly waits: Histogram;
  private pool: PoolCounts | null = null;

  constructor(metrics: MetricsRegistry) {
    this.statements = metrics.histogram({
      name: 'phonetrust_db_statement_seconds',
      help: "Database statements' round trips, from sent to answer read (includes the event loop's delay in reading it)",
      buckets: BUCKETS,
    });
    this.waits = metrics.histogram({
      name: 'phonetrust_db_pool_wait_seconds',
      help: 'Waits for a pooled database connection (0 when one was idle)',
      buckets: BUCKETS,
    });
    const counts = () => this.pool;
    metrics.gauge({
      name: 'phonetrust_db_pool_connections',
      help: "The database pool's connections at the scrape, by state (busy, idle)",
      labelNames: ['state'],
      collect() {
        const pool = counts();
        if (!pool) return;
        this.set({ state: 'busy' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
      },
    });
    metrics.gauge({
      name: 'phonetrust_db_pool_waiting',
      help: 'Checkouts waiting for a pooled database connection at the scrape',
      collect() {
        const pool = counts();
        if (pool) this.set(pool.waitingCount);
      },
    });
  }

  statement(seconds: number): void {
    this.statements.observe(seconds);
  }

  poolWait(seconds: number): void {
    this.waits.observe(seconds);
  }

  watchPool(pool: PoolCounts): void {
    this.pool = pool;
  }
}
