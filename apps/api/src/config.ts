import { authConfig, ConfigNamespace, databaseConfig, eventsConfig, httpConfig, outboxConfig, rateLimitConfig } from '@phonetrust/platform';
import { smsConfig, verificationConfig } from '@phonetrust/verification';
import { displayConfig } from '@phonetrust/display';

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
];
