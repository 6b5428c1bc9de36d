import { authConfig, ConfigNamespace, databaseConfig, httpConfig, outboxConfig, rateLimitConfig } from '@phonetrust/platform';
import { reportingConfig } from '@phonetrust/reporting';
import { scoringConfig } from '@phonetrust/scoring';

/** Every configuration area the API process reads; all are validated together at boot. */
export const API_CONFIG: readonly ConfigNamespace<unknown>[] = [
  httpConfig,
  databaseConfig,
  authConfig,
  outboxConfig,
  rateLimitConfig,
  scoringConfig,
  reportingConfig,
];
