import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne } from '../database/query-rows';
import { PlatformError } from '../errors/platform-error';
import { requestHash } from './canonical-json';

/** A response as stored and replayed. */
export interface StoredResponse<T = unknown> {
  statusCode: number;
  body: T;
}

/** A validated Idempotency-Key, scoped to the route and the caller, with the hash of the request body. */
export interface IdempotencyClaim {
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
}

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
/** How long a key is remembered; after that the same key starts a new request. */
const RETENTION = "interval '24 hours'";

/**
 * Idempotency-Key (SPEC §2): a retry with the same key and body gets the first response; the same key with
 * another body gets 422. The key is claimed inside the workflow's transaction, so two concurrent requests
 * with one key serialise on its row: the second waits, then replays what the first committed — or, if the
 * first failed and rolled back, does the work itself. Work is done once.
 */
@Injectable()
export class Idempotency {
  constructor(private readonly dataSource: DataSource) {}

  /** Validates the header; undefined when the client sent none. */
  claimFor(header: string | string[] | undefined, route: string, callerId: string, body: unknown): IdempotencyClaim | undefined {
    if (header === undefined) return undefined;
    if (typeof header !== 'string' || !KEY_SHAPE.test(header)) {
      throw new PlatformError('idempotency_key_invalid', 'Idempotency-Key must be 1–255 printable ASCII characters');
    }
    return { scope: `${route}|${callerId}`, key: header, requestHash: requestHash(body) };
  }

  /** A cheap look before any work or rate limit: the stored response when this is a retry. */
  async replay<T>(claim: IdempotencyClaim | undefined): Promise<StoredResponse<T> | undefined> {
    if (!claim) return undefined;
    const row = await queryOne<{ request_hash: string; status_code: number; response: T }>(
      this.dataSource.manager,
      `SELECT request_hash, status_code, response FROM idempotency_keys
        WHERE scope = $1 AND key = $2 AND created_at > now() - ${RETENTION}`,
      [claim.scope, claim.key],
    );
    return row ? this.check(claim, row) : undefined;
  }

  /**
   * Inside the workflow's transaction, before the work: undefined when this request owns the key
   * (do the work, then `complete`), or the stored response of the request that owned it first.
   */
  async begin<T>(manager: EntityManager, claim: IdempotencyClaim | undefined): Promise<StoredResponse<T> | undefined> {
    if (!claim) return undefined;
    const owned = await queryOne<{ key: string }>(
      manager,
      `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response)
       VALUES ($1, $2, $3, 0, 'null')
       ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, status_code = 0, response = 'null', created_at = now()
         WHERE idempotency_keys.created_at <= now() - ${RETENTION}
       RETURNING key`,
      [claim.scope, claim.key, claim.requestHash],
    );
    if (owned) return undefined;
    const row = await queryOne<{ request_hash: string; status_code: number; response: T }>(
      manager,
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [claim.scope, claim.key],
    );
    return this.check(claim, row!);
  }

  /** Stores the response in the same transaction as the work it describes. */
  async complete(manager: EntityManager, claim: IdempotencyClaim | undefined, response: StoredResponse): Promise<void> {
    if (!claim) return;
    await manager.query(`UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE scope = $1 AND key = $2`, [
      claim.scope,
      claim.key,
      response.statusCode,
      JSON.stringify(response.body),
    ]);
  }

  private check<T>(claim: IdempotencyClaim, row: { request_hash: string; status_code: number; response: T }): StoredResponse<T> {
    if (row.request_hash !== claim.requestHash) {
      throw new PlatformError('idempotency_key_reused', 'this Idempotency-Key was used with a different request body');
    }
    return { statusCode: row.status_code, body: row.response };
  }
}
