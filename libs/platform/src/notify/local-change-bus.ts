import { EntityManager } from 'typeorm';
import { ChangeBus, ChangeEvent } from './change-bus';

/**
 * The embedded database serves one process over one connection, so no other process needs telling, and a
 * reader that misses the cache waits for the writing transaction to finish before it can read: dispatching
 * at once cannot let a stale value back in.
 */
export class LocalChangeBus extends ChangeBus {
  get connected(): boolean {
    return true;
  }

  async publish(_manager: EntityManager, event: ChangeEvent): Promise<void> {
    this.dispatch(event);
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}
}
