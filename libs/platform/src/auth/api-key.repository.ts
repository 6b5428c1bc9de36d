import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { ApiKeyEntity } from './api-key.entity';
import { Principal, Role } from './role';

export interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  keyPrefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** A key as stored, with the hash its cache entry is keyed by (what a revocation evicts). */
export type HashedApiKeyRow = ApiKeyRow & { keyHash: string };

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findActivePrincipalByHash(keyHash: string): Promise<Principal | null> {
    return (await this.findActivePrincipalsByHash([keyHash])).get(keyHash) ?? null;
  }

  /** Every hash asked for, with its principal, or null when no active key has it. One query. */
  async findActivePrincipalsByHash(keyHashes: readonly string[]): Promise<Map<string, Principal | null>> {
    const rows = await this.dataSource
      .getRepository(ApiKeyEntity)
      .find({ where: { keyHash: In([...keyHashes]) }, select: { id: true, name: true, role: true, revokedAt: true, keyHash: true } });
    const found = new Map(rows.map((row) => [row.keyHash, row]));
    return new Map(
      keyHashes.map((hash) => {
        const row = found.get(hash);
        return [hash, row && !row.revokedAt ? { keyId: row.id, name: row.name, role: row.role } : null];
      }),
    );
  }

  async insertKey(manager: EntityManager, key: { name: string; role: Role; keyHash: string; keyPrefix: string }): Promise<ApiKeyRow> {
    const rows = await queryRows<ApiKeyRow>(
      manager,
      `INSERT INTO api_keys (name, role, key_hash, key_prefix) VALUES ($1, $2, $3, $4)
       RETURNING id, name, role, key_prefix AS "keyPrefix", created_at AS "createdAt", revoked_at AS "revokedAt"`,
      [key.name, key.role, key.keyHash, key.keyPrefix],
    );
    return rows[0];
  }

  /** Makes sure a key with this hash exists and is active as admin; true when something changed. */
  async ensureAdminKey(manager: EntityManager, key: { name: string; keyHash: string; keyPrefix: string }): Promise<boolean> {
    const result = await queryRows<{ id: string }>(
      manager,
      `INSERT INTO api_keys (name, role, key_hash, key_prefix)
       VALUES ($1, 'admin', $2, $3)
       ON CONFLICT (key_hash) DO UPDATE SET role = 'admin', revoked_at = NULL
         WHERE api_keys.role <> 'admin' OR api_keys.revoked_at IS NOT NULL
       RETURNING id`,
      [key.name, key.keyHash, key.keyPrefix],
    );
    return result.length > 0;
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async listKeys(limit: number, after?: { createdAt: Date; id: string }): Promise<ApiKeyRow[]> {
    const query = this.dataSource
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .select(['k.id', 'k.name', 'k.role', 'k.keyPrefix', 'k.createdAt', 'k.revokedAt'])
      .orderBy('k.createdAt', 'DESC')
      .addOrderBy('k.id', 'DESC')
      .limit(limit);
    if (after) query.where('(k.createdAt, k.id) < (:createdAt, :id)', after);
    return query.getMany();
  }

  /** Revokes once: returns the key as it was (with its hash), or null when it does not exist or was already revoked. */
  async revokeKey(manager: EntityManager, id: string): Promise<HashedApiKeyRow | null> {
    const rows = await queryRows<HashedApiKeyRow>(
      manager,
      `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL
       RETURNING id, name, role, key_prefix AS "keyPrefix", created_at AS "createdAt", revoked_at AS "revokedAt", key_hash AS "keyHash"`,
      [id],
    );
    return rows[0] ?? null;
  }

  async exists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.getRepository(ApiKeyEntity).exists({ where: { id } });
  }
}
