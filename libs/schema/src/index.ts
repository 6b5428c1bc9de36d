import { ApiKeyEntity, AuditEntryEntity, DatabaseSchema, IdempotencyKeyEntity, OutboxMessageEntity } from '@phonetrust/platform';
import { Foundation1764000000000 } from './migrations/1764000000000-Foundation';
import { OutboxIdempotencyRateLimits1764000100000 } from './migrations/1764000100000-OutboxIdempotencyRateLimits';

/** Every entity and every migration, in order: the one schema the app, the CLI and the tests open. */
export const SCHEMA: DatabaseSchema = {
  entities: [ApiKeyEntity, AuditEntryEntity, OutboxMessageEntity, IdempotencyKeyEntity],
  migrations: [Foundation1764000000000, OutboxIdempotencyRateLimits1764000100000],
};
