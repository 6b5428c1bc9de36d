import { ApiKeyEntity, AuditEntryEntity, DatabaseSchema, IdempotencyKeyEntity, OutboxMessageEntity } from '@phonetrust/platform';
import { Foundation1764000000000 } from './migrations/1764000000000-Foundation';
import { OutboxIdempotencyRateLimits1764000100000 } from './migrations/1764000100000-OutboxIdempotencyRateLimits';
import { Numbers1764000200000 } from './migrations/1764000200000-Numbers';
import { NumberEntity } from '@phonetrust/scoring';

/** Every entity and every migration, in order: the one schema the app, the CLI and the tests open. */
export const SCHEMA: DatabaseSchema = {
  entities: [ApiKeyEntity, AuditEntryEntity, OutboxMessageEntity, IdempotencyKeyEntity, NumberEntity],
  migrations: [Foundation1764000000000, OutboxIdempotencyRateLimits1764000100000, Numbers1764000200000],
};
