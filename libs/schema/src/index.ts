import { ApiKeyEntity, AuditEntryEntity, DatabaseSchema, IdempotencyKeyEntity, OutboxMessageEntity } from '@phonetrust/platform';
import { ReportEntity, ReporterEntity } from '@phonetrust/reporting';
import { AppealEntity } from '@phonetrust/review';
import { CaseEntity, ContributionEntity, NumberEntity } from '@phonetrust/scoring';
import { Foundation1764000000000 } from './migrations/1764000000000-Foundation';
import { OutboxIdempotencyRateLimits1764000100000 } from './migrations/1764000100000-OutboxIdempotencyRateLimits';
import { Numbers1764000200000 } from './migrations/1764000200000-Numbers';
import { NumberCheckBudgetEntity, PhoneBindingEntity, VerificationEntity } from '@phonetrust/verification';
import { Reporting1764000300000 } from './migrations/1764000300000-Reporting';
import { Verification1764000500000 } from './migrations/1764000500000-Verification';
import { IdempotencyResponseText1764000550000 } from './migrations/1764000550000-IdempotencyResponseText';
import { Review1764000600000 } from './migrations/1764000600000-Review';
import { ReportImports1764000700000 } from './migrations/1764000700000-ReportImports';
import { ReporterQuotas1764000800000 } from './migrations/1764000800000-ReporterQuotas';
import { PartialImportKeyIndex1764000900000 } from './migrations/1764000900000-PartialImportKeyIndex';

/** Every entity and every migration, in order: the one schema the app, the CLI and the tests open. */
export const SCHEMA: DatabaseSchema = {
  entities: [
    ApiKeyEntity,
    AuditEntryEntity,
    OutboxMessageEntity,
    IdempotencyKeyEntity,
    NumberEntity,
    ContributionEntity,
    CaseEntity,
    ReportEntity,
    ReporterEntity,
    VerificationEntity,
    PhoneBindingEntity,
    NumberCheckBudgetEntity,
    AppealEntity,
  ],
  migrations: [
    Foundation1764000000000,
    OutboxIdempotencyRateLimits1764000100000,
    Numbers1764000200000,
    Reporting1764000300000,
    Verification1764000500000,
    IdempotencyResponseText1764000550000,
    Review1764000600000,
    ReportImports1764000700000,
    ReporterQuotas1764000800000,
    PartialImportKeyIndex1764000900000,
  ],
};
