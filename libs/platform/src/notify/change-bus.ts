import { EntityManager } from 'typeorm';

/** "Something cached may be stale": a topic (what kind of thing) and optionally which one. */
export interface ChangeEvent {
  readonly topic: string;
  readonly key?: string;
}

type Handler = (event: ChangeEvent) => void;

/**
 * Tells every API process that data behind a cache changed. Publishing happens inside the writing
 * transaction so that the news is delivered only if, and when, the change commits.
 */
export abstract class ChangeBus {
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly resyncHandlers = new Set<() => void>();

  /** False while notifications may be missed (listener reconnecting): caches must not be trusted then. */
  abstract get connected(): boolean;

  abstract publish(manager: EntityManager, event: ChangeEvent): Promise<void>;

  abstract start(): Promise<void>;

  abstract stop(): Promise<void>;

  subscribe(topic: string, handler: Handler): void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
  }

  /** Called after a reconnect: anything may have changed meanwhile. */
  onResync(handler: () => void): void {
    this.resyncHandlers.add(handler);
  }

  protected dispatch(event: ChangeEvent): void {
    for (const handler of this.handlers.get(event.topic) ?? []) handler(event);
  }

  protected resync(): void {
    for (const handler of this.resyncHandlers) handler();
  }
}
