import { authConfig, ConfigNamespace, databaseConfig, httpConfig } from '@phonetrust/platform';

/** Every configuration area the API process reads; all are validated together at boot. */
export const API_CONFIG: readonly ConfigNamespace<unknown>[] = [httpConfig, databaseConfig, authConfig];
