import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { authConfig, AuthConfig } from '../config/platform.config';
import { notFound } from '../errors/platform-error';
import { decodeCursor, Page, toPage } from '../http/cursor';
import { ChangeBus } from '../notify/change-bus';
import { API_KEYS_TOPIC } from './api-key-authenticator';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key-secret';
import { ApiKeyRepository, ApiKeyRow } from './api-key.repository';
import { Principal, Role } from './role';

export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedApiKey extends ApiKeyView {
  /** The key itself: returned once, at creation, and never again. */
  key: string;
}

export function toApiKeyView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.keyPrefix,
    createdAt: new Date(row.createdAt).toISOString(),
    revokedAt: row.revokedAt ? new Date(row.revokedAt).toISOString() : null,
  };
}

/** Issuing, listing and revoking API keys; every change is audited and reaches every process's cache. */
@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditLog,
    private readonly bus: ChangeBus,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  async create(actor: Principal | 'system', name: string, role: Role): Promise<CreatedApiKey> {
    const key = generateApiKey();
    const keyHash = hashApiKey(key);
    const row = await this.dataSource.transaction(async (tx) => {
      const inserted = await this.keys.insertKey(tx, { name, role, keyHash, keyPrefix: displayPrefix(key) });
      await this.audit.append(tx, {
        actor,
        action: 'api_key.created',
        subjectType: 'api_key',
        subjectId: inserted.id,
        after: { name, role, prefix: inserted.keyPrefix },
      });
      // Only this key's entry can be stale (an "unknown key" cached before it existed): the others stay cached.
      await this.bus.publish(tx, { topic: API_KEYS_TOPIC, key: keyHash });
      return inserted;
    });
    return { ...toApiKeyView(row), key };
  }

  async list(limit: number, cursor?: string): Promise<Page<ApiKeyView>> {
    const after = decodeCursor(cursor, { createdAt: 'timestamp', id: 'uuid' });
    const rows = await this.keys.listKeys(limit + 1, after && { createdAt: new Date(after.createdAt), id: after.id });
    return toPage(rows, limit, toApiKeyView, (row) => ({ createdAt: new Date(row.createdAt).toISOString(), id: row.id }));
  }

  /** Idempotent: revoking a revoked key succeeds; an unknown id is 404. */
  async revoke(actor: Principal | 'system', id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const revoked = await this.keys.revokeKey(tx, id);
      if (!revoked) {
        if (!(await this.keys.exists(tx, id))) throw notFound('API key');
        return;
      }
      await this.audit.append(tx, {
        actor,
        action: 'api_key.revoked',
        subjectType: 'api_key',
        subjectId: id,
        before: { name: revoked.name, role: revoked.role, prefix: revoked.keyPrefix },
      });
      await this.bus.publish(tx, { topic: API_KEYS_TOPIC, key: revoked.keyHash });
    });
  }

  /** Start-up: ADMIN_API_KEY, when set, exists and is an active admin key. */
  async ensureAdminKey(): Promise<void> {
    const key = this.config.adminApiKey;
    if (!key) return;
    await this.dataSource.transaction(async (tx) => {
      const keyHash = hashApiKey(key);
      const changed = await this.keys.ensureAdminKey(tx, { name: 'admin (ADMIN_API_KEY)', keyHash, keyPrefix: displayPrefix(key) });
      if (!changed) return;
      await this.audit.append(tx, { actor: 'system', action: 'api_key.ensured', subjectType: 'api_key', reason: 'ADMIN_API_KEY' });
      await this.bus.publish(tx, { topic: API_KEYS_TOPIC, key: keyHash });
      this.logger.log('ADMIN_API_KEY is an active admin key');
    });
  }
}
