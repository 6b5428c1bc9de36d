import { EntityManager } from 'typeorm';
import { ChangeBus, ChangeEvent } from '../notify/change-bus';
import { CoherentCache } from './coherent-cache';

/** A bus the test drives by hand: deliver a notice, drop the connection, resync. */
class ManualBus extends ChangeBus {
  up = true;
  get connected(): boolean {
    return this.up;
  }
  async publish(_manager: EntityManager, event: ChangeEvent): Promise<void> {
    this.dispatch(event);
  }
  notify(key?: string): void {
    this.dispatch({ topic: 't', key });
  }
  reconnected(): void {
    this.resync();
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('CoherentCache', () => {
  let bus: ManualBus;
  let cache: CoherentCache<{ v: string }>;
  beforeEach(() => {
    bus = new ManualBus();
    cache = new CoherentCache(bus, { topic: 't', maxEntries: 100, ttlMs: 60000 });
  });

  it('loads once, then answers from memory until the key is evicted', async () => {
    let loads = 0;
    const load = async () => ({ v: `load ${++loads}` });
    expect(await cache.get('a', load)).toEqual({ v: 'load 1' });
    expect(await cache.get('a', load)).toEqual({ v: 'load 1' });
    expect(cache.peek('a')).toEqual({ v: 'load 1' });
    bus.notify('a');
    expect(cache.peek('a')).toBeUndefined();
    expect(await cache.get('a', load)).toEqual({ v: 'load 2' });
  });

  it('does not store a load that an eviction of its key overtook (the stale-read race)', async () => {
    const stale = deferred<{ v: string }>();
    const pending = cache.get('a', () => stale.promise);
    bus.notify('a'); // the change commits while the load still holds the old row
    stale.resolve({ v: 'old' });
    expect(await pending).toEqual({ v: 'old' });
    expect(cache.peek('a')).toBeUndefined();
  });

  it('still stores a load when only other keys were evicted meanwhile', async () => {
    const slow = deferred<{ v: string }>();
    const pending = cache.get('a', () => slow.promise);
    bus.notify('b');
    bus.notify('c');
    slow.resolve({ v: 'fresh' });
    await pending;
    expect(cache.peek('a')).toEqual({ v: 'fresh' });
  });

  it('does not store a load that a clear overtook, and a reconnect clears everything', async () => {
    await cache.get('b', async () => ({ v: 'b' }));
    const slow = deferred<{ v: string }>();
    const pending = cache.get('a', () => slow.promise);
    bus.notify(); // a notice without a key: everything on the topic may have changed
    slow.resolve({ v: 'old' });
    await pending;
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('b')).toBeUndefined();
    await cache.get('b', async () => ({ v: 'b' }));
    bus.reconnected();
    expect(cache.peek('b')).toBeUndefined();
  });

  it('is bypassed while the bus may be missing notices', async () => {
    await cache.get('a', async () => ({ v: 'cached' }));
    bus.up = false;
    expect(cache.peek('a')).toBeUndefined();
    expect(await cache.get('a', async () => ({ v: 'from the database' }))).toEqual({ v: 'from the database' });
  });

  it('shares one load between concurrent misses of a key', async () => {
    let loads = 0;
    const gate = deferred<void>();
    const load = async () => {
      loads++;
      await gate.promise;
      return { v: 'x' };
    };
    const all = Promise.all([cache.get('a', load), cache.get('a', load), cache.get('a', load)]);
    gate.resolve();
    await all;
    expect(loads).toBe(1);
  });

  describe('reloading in the background', () => {
    let t: number;
    let reloads: string[][];
    let next: (keys: string[]) => Promise<Map<string, { v: string }>>;
    let reloading: CoherentCache<{ v: string }>;
    const settle = () => new Promise((r) => setTimeout(r, 5));

    beforeEach(() => {
      t = 0;
      reloads = [];
      next = async (keys) => new Map(keys.map((k) => [k, { v: `${k} reloaded` }]));
      reloading = new CoherentCache(bus, {
        topic: 't',
        maxEntries: 100,
        ttlMs: 1000,
        now: () => t,
        reload: (keys) => {
          reloads.push(keys);
          return next(keys);
        },
      });
    });

    const fill = async (...keys: string[]) => {
      for (const k of keys) await reloading.get(k, async () => ({ v: `${k} loaded` }));
    };

    it('leaves an entry alone before half its TTL', async () => {
      await fill('a');
      t = 499;
      expect(reloading.peek('a')).toEqual({ v: 'a loaded' });
      await settle();
      expect(reloads).toEqual([]);
    });

    it('answers a hit past nine tenths of its TTL from memory and reloads it, many keys in one batch', async () => {
      await fill('a', 'b', 'c');
      t = 900;
      expect(reloading.peek('a')).toEqual({ v: 'a loaded' });
      expect(await reloading.get('b', async () => ({ v: 'not this' }))).toEqual({ v: 'b loaded' });
      expect(reloading.peek('a')).toEqual({ v: 'a loaded' });
      await settle();
      expect(reloads).toEqual([['a', 'b']]);
      expect(reloading.peek('a')).toEqual({ v: 'a reloaded' });
      expect(reloading.peek('b')).toEqual({ v: 'b reloaded' });
      // the reloaded entries start a new TTL: hits on them queue nothing now
      reloading.peek('a');
      reloading.peek('b');
      await settle();
      expect(reloads).toHaveLength(1);
    });

    it('does not store a reload that an eviction of its key overtook', async () => {
      await fill('a');
      const slow = deferred<Map<string, { v: string }>>();
      next = () => slow.promise;
      t = 950;
      reloading.peek('a');
      await settle();
      bus.notify('a');
      slow.resolve(new Map([['a', { v: 'old row' }]]));
      await settle();
      expect(reloading.peek('a')).toBeUndefined();
    });

    it('keeps the entry when a reload fails, and tries again a tenth of the TTL later, not on every hit', async () => {
      await fill('a');
      next = async () => {
        throw new Error('database down');
      };
      t = 950;
      reloading.peek('a');
      await settle();
      expect(reloads).toHaveLength(1);
      expect(reloading.peek('a')).toEqual({ v: 'a loaded' });
      await settle();
      expect(reloads).toHaveLength(1);
      t = 1050;
      reloading.peek('a');
      await settle();
      expect(reloads).toHaveLength(2);
    });
  });
});
