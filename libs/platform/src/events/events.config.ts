import { defineConfig } from '../config/config-namespace';

export const eventsConfig = defineConfig('events', (env) => {
  const url = env.url('EVENTS_WEBHOOK_URL', ['http:', 'https:']);
  const secret = env.optionalString('EVENTS_WEBHOOK_SECRET');
  if (url && !secret) env.problem('EVENTS_WEBHOOK_SECRET', 'is required when EVENTS_WEBHOOK_URL is set (events are signed)');
  if (secret !== undefined && secret.length < 16) env.problem('EVENTS_WEBHOOK_SECRET', 'must be at least 16 characters long');
  return {
    /** Where events are POSTed; unset: events are recorded and discarded (nobody listens). */
    url,
    secret: secret ?? '',
    timeoutMs: env.int('EVENTS_WEBHOOK_TIMEOUT_MS', 5000, { min: 100, max: 60000 }),
  };
});

export type EventsConfig = ReturnType<typeof eventsConfig.parse>;
