import { performance } from 'node:perf_hooks';
import * as pg from 'pg';
import { DatabaseObserver } from './database-observer';

type Connected = (error: Error | undefined, client: pg.PoolClient | undefined, release: (release?: unknown) => void) => void;

/**
 * node-postgres as TypeORM loads it (its `driver` option), with a pool that tells `observer` how long each checkout
 * waited for a connection, and hands itself over to be counted. Everything else is pg's own.
 */
export function meteredPg(observer: DatabaseObserver): typeof pg {
  class MeteredPool extends pg.Pool {
    constructor(config?: pg.PoolConfig) {
      super(config);
      observer.watchPool(this);
    }

    // TypeORM checks out with a callback; the promise form is timed too.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override connect(callback?: Connected): any {
      const started = performance.now();
      const waited = () => observer.poolWait((performance.now() - started) / 1000);
      if (callback) {
        return super.connect((error, client, release) => {
          waited();
          callback(error, client, release);
        });
      }
      return super.connect().then(
        (client) => {
          waited();
          return client;
        },
        (error: unknown) => {
          waited();
          throw error;
        },
      );
    }
  }
  // The module's other members (types, defaults…) through its prototype: pg defines some as lazy getters.
  return Object.create(pg, { Pool: { value: MeteredPool, enumerable: true } }) as typeof pg;
}
