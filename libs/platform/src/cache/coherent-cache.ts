import { LRUCache } from 'lru-cache';
import { ChangeBus } from '../notify/change-bus';

export interface CoherentCacheOptions {
  /** The change-bus topic whose events evict entries. */
  readonly topic: string;
  readonly maxEntries: number;
  /** Safety net for a missed notification; coherence itself comes from the bus. */
  readonly ttlMs: number;
}

/**
 * An in-process read-through cache kept coherent across processes by the change bus.
 *
 * A load only stores its value if its key was not evicted (and the cache not cleared) since it started: that
 * closes the race where a load reads the old row, the change commits and its notification evicts the key, and
 * then the load stores the old value. Evicting one key never stops the loads of others from being cached.
 * While the bus is disconnected the cache is bypassed.
 */
export class CoherentCache<V extends {}> {
  private readonly lru: LRUCache<string, V>;
  private generation = 0;
  private readonly inflight = new Map<string, Promise<V>>();

  constructor(
    private readonly bus: ChangeBus,
    private readonly options: CoherentCacheOptions,
  ) {
    this.lru = new LRUCache<string, V>({ max: options.maxEntries, ttl: options.ttlMs > 0 ? options.ttlMs : undefined });
    bus.subscribe(options.topic, (event) => (event.key === undefined ? this.clear() : this.evict(event.key)));
    bus.onResync(() => this.clear());
  }

  /** The cached value, without loading. */
  peek(key: string): V | undefined {
    if (!this.bus.connected || this.options.ttlMs <= 0) return undefined;
    return this.lru.get(key);
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.peek(key);
    if (hit !== undefined) return hit;
    // Concurrent misses for one key share one load.
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const startedAt = this.generation;
    const promise: Promise<V> = load().then((value) => {
      // Evicting the key removed this load from `inflight`; clearing the cache moved the generation on.
      const current = this.generation === startedAt && this.inflight.get(key) === promise;
      if (current && this.bus.connected && this.options.ttlMs > 0) this.lru.set(key, value);
      return value;
    });
    this.inflight.set(key, promise);
    try {
      return await promise;
    } finally {
      if (this.inflight.get(key) === promise) this.inflight.delete(key);
    }
  }

  evict(key: string): void {
    this.lru.delete(key);
    this.inflight.delete(key);
  }

  clear(): void {
    this.generation++;
    this.lru.clear();
    this.inflight.clear();
  }

  get size(): number {
    return this.lru.size;
  }
}
