import { LRUCache } from 'lru-cache';
import { ChangeBus } from '../notify/change-bus';

export interface CoherentCacheOptions<V> {
  /** The change-bus topic whose events evict entries. */
  readonly topic: string;
  readonly maxEntries: number;
  /** Safety net for a missed notification; coherence itself comes from the bus. */
  readonly ttlMs: number;
  /**
   * Reloads keys in the background: a hit past a random point between half and nine tenths of its TTL is answered
   * from memory and queued, and the queue is reloaded in one batch. Keys in use then never expire in front of a
   * request, and entries filled together (a warm-up, a restart) do not all expire together — without it, that is a
   * burst of misses, each waiting on the database, every TTL.
   */
  readonly reload?: (keys: string[]) => Promise<Map<string, V>>;
  /** Milliseconds; for tests. */
  readonly now?: () => number;
}

interface Entry<V> {
  readonly value: V;
  /** When a hit queues the key for a background reload (moved on when it is queued, so a failing reload is retried
   * every tenth of the TTL, not on every hit). */
  refreshAt: number;
}

/** Most keys one background reload asks for; the rest wait for the next. */
const RELOAD_BATCH = 500;

/**
 * An in-process read-through cache kept coherent across processes by the change bus.
 *
 * A load only stores its value if its key was not evicted (and the cache not cleared) since it started: that
 * closes the race where a load reads the old row, the change commits and its notification evicts the key, and
 * then the load stores the old value. Evicting one key never stops the loads of others from being cached.
 * While the bus is disconnected the cache is bypassed.
 */
export class CoherentCache<V extends {}> {
  private readonly lru: LRUCache<string, Entry<V>>;
  private generation = 0;
  private readonly inflight = new Map<string, Promise<V>>();
  private readonly due = new Set<string>();
  private reloadScheduled = false;
  private readonly now: () => number;

  constructor(
    private readonly bus: ChangeBus,
    private readonly options: CoherentCacheOptions<V>,
  ) {
    this.lru = new LRUCache<string, Entry<V>>({ max: options.maxEntries, ttl: options.ttlMs > 0 ? options.ttlMs : undefined });
    this.now = options.now ?? Date.now;
    bus.subscribe(options.topic, (event) => (event.key === undefined ? this.clear() : this.evict(event.key)));
    bus.onResync(() => this.clear());
  }

  /** The cached value, without loading (a hit may queue a background reload). */
  peek(key: string): V | undefined {
    if (!this.bus.connected || this.options.ttlMs <= 0) return undefined;
    const entry = this.lru.get(key);
    if (entry === undefined) return undefined;
    if (this.options.reload && this.now() >= entry.refreshAt) {
      entry.refreshAt = this.now() + this.options.ttlMs / 10;
      this.queueReload(key);
    }
    return entry.value;
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.peek(key);
    if (hit !== undefined) return hit;
    // Concurrent misses for one key share one load.
    return this.inflight.get(key) ?? this.fill(key, load);
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

  private async fill(key: string, load: () => Promise<V>): Promise<V> {
    const startedAt = this.generation;
    const promise: Promise<V> = load().then((value) => {
      // Evicting the key removed this load from `inflight`; clearing the cache moved the generation on.
      const current = this.generation === startedAt && this.inflight.get(key) === promise;
      if (current && this.bus.connected && this.options.ttlMs > 0) {
        this.lru.set(key, { value, refreshAt: this.now() + this.options.ttlMs * (0.5 + 0.4 * Math.random()) });
      }
      return value;
    });
    this.inflight.set(key, promise);
    try {
      return await promise;
    } finally {
      if (this.inflight.get(key) === promise) this.inflight.delete(key);
    }
  }

  private queueReload(key: string): void {
    if (this.inflight.has(key)) return;
    this.due.add(key);
    if (this.reloadScheduled) return;
    this.reloadScheduled = true;
    setImmediate(() => this.reloadDue());
  }

  private reloadDue(): void {
    this.reloadScheduled = false;
    const keys = [...this.due].slice(0, RELOAD_BATCH);
    for (const key of keys) this.due.delete(key);
    if (this.due.size > 0) {
      this.reloadScheduled = true;
      setImmediate(() => this.reloadDue());
    }
    const fresh = keys.filter((key) => !this.inflight.has(key));
    if (fresh.length === 0) return;
    const batch = this.options.reload!(fresh);
    for (const key of fresh) {
      // Through `fill`, under the same eviction rules as any load; a failed reload leaves the entry to its TTL.
      this.fill(key, async () => {
        const value = (await batch).get(key);
        if (value === undefined) throw new Error(`reload gave nothing for ${key}`);
        return value;
      }).catch(() => undefined);
    }
  }
}
