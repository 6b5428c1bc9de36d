import { ApiKeyEntity, AuditEntryEntity, DatabaseSchema } from '@phonetrust/platform';
import { Foundation1764000000000 } from './migrations/1764000000000-Foundation';

/** Every entity and every migration, in order: the one schema the app, the CLI and the tests open. */
export const SCHEMA: DatabaseSchema = {
  entities: [ApiKeyEntity, AuditEntryEntity],
  migrations: [Foundation1764000000000],
};
