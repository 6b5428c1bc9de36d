import { authConfig, ConfigNamespace, databaseConfig, Env, eventsConfig, httpConfig, outboxConfig, rateLimitConfig } from '@phonetrust/platform';
import { reportingConfig } from '@phonetrust/reporting';
import { scoringConfig } from '@phonetrust/scoring';

/** The configuration areas the CLI's services read: the API's own namespaces, parsed by the same code. */
export const CLI_CONFIG: readonly ConfigNamespace<unknown>[] = [
  httpConfig,
  databaseConfig,
  authConfig,
  outboxConfig,
  rateLimitConfig,
  eventsConfig,
  scoringConfig,
  reportingConfig,
];

/**
 * A command is one short process next to the API ones: it leaves delivering the outbox and the decay scheduler
 * to them (they pick up what the command wrote), whatever the environment says.
 */
export function cliEnv(env: Env): Env {
  return { ...env, OUTBOX_DISPATCHER_ENABLED: 'false', SCORE_SCHEDULER_ENABLED: 'false' };
}
