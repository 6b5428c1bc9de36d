/**
 * Waits until the service's outbox holds no pending message, read from its `/metrics` gauge. Verification start
 * queues an SMS per request, delivered in the background: without the wait, the deliveries still queued when its runs
 * end are made during the next runs (the baseline's, the next path's), on the CPU those runs are sharing and metering.
 * Resolves with what was pending when it first looked, how long it waited, and what was still pending if it gave up
 * after `timeoutMs` (a message waiting out a retry's backoff, say): the run then goes ahead, and says so, rather than
 * the whole bench failing.
 */
export async function outboxDrained(serviceUrl: string, timeoutMs = 60_000): Promise<{ pending: number; waitedMs: number; left: number }> {
  const started = Date.now();
  let first: number | null = null;
  for (;;) {
    const pending = pendingMessages(await (await fetch(`${serviceUrl}/metrics`)).text());
    first ??= pending;
    const waitedMs = Date.now() - started;
    if (pending === 0 || waitedMs > timeoutMs) return { pending: first, waitedMs, left: pending };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The sum of `phonetrust_outbox_messages{…,status="pending"}` in a Prometheus text exposition. */
function pendingMessages(exposition: string): number {
  let total = 0;
  for (const line of exposition.split('\n')) {
    if (line.startsWith('phonetrust_outbox_messages{') && line.includes('status="pending"')) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
