/**
 * Waits until the service's outbox holds no pending message, read from its `/metrics` gauge. Verification start
 * queues an SMS per request, delivered in the background: without the wait, the deliveries still queued when its runs
 * end are made during the next runs (the baseline's, the next path's), on the CPU those runs are sharing and metering.
 * Resolves with what was pending when it first looked and how long it waited.
 */
export async function outboxDrained(serviceUrl: string, timeoutMs = 300_000): Promise<{ pending: number; waitedMs: number }> {
  const started = Date.now();
  let first: number | null = null;
  for (;;) {
    const pending = pendingMessages(await (await fetch(`${serviceUrl}/metrics`)).text());
    first ??= pending;
    if (pending === 0) return { pending: first, waitedMs: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`the service's outbox still holds ${pending} pending messages after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The sum of `phonetrust_outbox_messages{…,status="pending"}` in a Prometheus text exposition. */
export function pendingMessages(exposition: string): number {
  let total = 0;
  for (const line of exposition.split('\n')) {
    if (line.startsWith('phonetrust_outbox_messages{') && line.includes('status="pending"')) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
