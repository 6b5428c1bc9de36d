import { Inject, Injectable } from '@nestjs/common';
import { CoherentCache } from '../cache/coherent-cache';
import { authConfig, AuthConfig } from '../config/platform.config';
import { ChangeBus } from '../notify/change-bus';
import { hashApiKey } from './api-key-secret';
import { ApiKeyRepository } from './api-key.repository';
import { Principal } from './role';

export const API_KEYS_TOPIC = 'api_keys';

// Far longer than any key we issue or accept; anything beyond is refused without hashing.
const MAX_KEY_LENGTH = 256;

/**
 * Resolves a presented key to its principal. Lookups are cached per key hash (unknown keys too, in a bounded
 * LRU) so a request costs no database round trip; a key's creation, revocation or re-grant evicts that key's entry
 * in every process, and leaves the other keys cached.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly cache: CoherentCache<{ principal: Principal | null }>;

  constructor(
    private readonly keys: ApiKeyRepository,
    bus: ChangeBus,
    @Inject(authConfig.KEY) config: AuthConfig,
  ) {
    this.cache = new CoherentCache(bus, {
      topic: API_KEYS_TOPIC,
      maxEntries: 10000,
      ttlMs: config.keyCacheTtlMs,
      // A key in use is reloaded before its entry expires: otherwise every request in flight when it does (a
      // platform uses one key for everything) leaves the fast paths at once and waits on the same lookup.
      reload: async (hashes) => {
        const principals = await this.keys.findActivePrincipalsByHash(hashes);
        return new Map(hashes.map((hash) => [hash, { principal: principals.get(hash) ?? null }]));
      },
    });
  }

  /** The principal of a key whose lookup is in this process's cache, without I/O; undefined otherwise. */
  peek(presented: string): Principal | undefined {
    if (presented.length === 0 || presented.length > MAX_KEY_LENGTH) return undefined;
    return this.cache.peek(hashApiKey(presented))?.principal ?? undefined;
  }

  async authenticate(presented: string): Promise<Principal | null> {
    if (presented.length === 0 || presented.length > MAX_KEY_LENGTH) return null;
    const hash = hashApiKey(presented);
    const entry = await this.cache.get(hash, async () => ({ principal: await this.keys.findActivePrincipalByHash(hash) }));
    return entry.principal;
  }
}
