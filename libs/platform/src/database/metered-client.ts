import { performance } from 'node:perf_hooks';
import { Client, ClientConfig } from 'pg';
import { DatabaseObserver } from './database-observer';

export interface MeteredClientConfig extends ClientConfig {
  /** Told every statement's round trip; none, nothing is timed. */
  observer?: DatabaseObserver;
}

/**
 * node-postgres' client, timing each statement it sends from its handing to the connection to its answer read, as
 * the process saw it: the database's work, the network, and the event loop's delay in reading the answer. Only the
 * promise-returning calls (TypeORM's) are timed; a query with a callback or of a custom kind goes through as it is.
 * pg-pool makes its clients with the pool's options, so `observer` comes in the pool's options.
 */
export class MeteredClient extends Client {
  private readonly observer: DatabaseObserver | undefined;

  constructor(config?: MeteredClientConfig) {
    super(config);
    this.observer = config?.observer;
  }

  // One signature for pg's overloads, as PipeliningClient's.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    if (!this.observer) return super.query(config, values, callback);
    const started = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result: any = super.query(config, values, callback);
    if (typeof result?.then !== 'function') return result;
    return this.timed(result, started);
  }

  /** `answer`, told to the observer as `statements` statements sent at `started` when it settles. */
  protected timed<T>(answer: Promise<T>, started: number, statements = 1): Promise<T> {
    const observer = this.observer;
    if (!observer) return answer;
    const done = () => {
      const seconds = (performance.now() - started) / 1000;
      for (let i = 0; i < statements; i++) observer.statement(seconds);
    };
    return answer.then(
      (value) => {
        done();
        return value;
      },
      (error: unknown) => {
        done();
        throw error;
      },
    );
  }
}
