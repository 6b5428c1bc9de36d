import { authConfig, ConfigNamespace, databaseConfig, eventsConfig, httpConfig, outboxConfig, rateLimitConfig } from '@phonetrust/platform';
import { displayConfig } from '@phonetrust/display';
import { reportingConfig } from '@phonetrust/reporting';
import { scoringConfig } from '@phonetrust/scoring';
import { smsConfig, verificationConfig } from '@phonetrust/verification';

/** Every configuration area the API process reads; all are validated together at boot. */
export const API_CONFIG: readonly ConfigNamespace<unknown>[] = [
  httpConfig,
  databaseConfig,
  authConfig,
  outboxConfig,
  rateLimitConfig,
  eventsConfig,
  verificationConfig,
  smsConfig,
  displayConfig,
  scoringConfig,
  reportingConfig,
];
