import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { CHANGE_CHANNEL, ChangeBus, PgChangeBus } from '@phonetrust/platform';
import { DataSource } from 'typeorm';

/**
 * Resolves once this process's change listener has dispatched every notification committed before the call.
 *
 * A process that publishes a change evicts at once, and again when its own notification comes back a moment after
 * commit. A test that fills a cache right after a change can see the echo empty it. PostgreSQL delivers notifications
 * in commit order, so a marker sent now arrives after every earlier one. The embedded database's bus dispatches as it
 * publishes: nothing to wait for.
 */
export async function changeBusSettled(app: INestApplicationContext, timeoutMs = 10_000): Promise<void> {
  const bus = app.get(ChangeBus);
  if (!(bus instanceof PgChangeBus)) return;
  const topic = `settled-${randomUUID()}`;
  let timer: NodeJS.Timeout | undefined;
  const arrived = new Promise<void>((resolve, reject) => {
    bus.subscribe(topic, () => resolve());
    timer = setTimeout(() => reject(new Error(`no change notification came back within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await app.get(DataSource).query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify({ topic })]);
    await arrived;
  } finally {
    clearTimeout(timer);
  }
}
