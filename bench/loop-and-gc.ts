/**
 * What the service's own `/metrics` (prom-client's default metrics) say about a run: how long its event loop was held
 * up, and what garbage collection took, by kind. A request waits for whatever holds the loop when it arrives, so
 * these are the first suspects for a tail latency the CPU per request does not explain. prom-client resets its
 * event-loop delay histogram at every scrape, so the scrape after the run reports the run alone.
 */
export interface LoopAndGc {
  /**
   * How late the event loop's 10 ms timer ran over the run, from `monitorEventLoopDelay` (prom-client's default
   * resolution): p99 and max, in ms, the resolution taken off (the histogram records whole intervals).
   */
  loopP99Ms: number;
  loopMaxMs: number;
  /** Collections during the run, by kind (minor, major, incremental, weakcb): how many and how long in all, in ms. */
  gc: Record<string, { count: number; ms: number }>;
}

/** prom-client's `eventLoopMonitoringPrecision`, which the service leaves at its default. */
const LOOP_RESOLUTION_MS = 10;

export async function meterLoopAndGc<T>(serviceUrl: string, load: () => Promise<T>): Promise<T & { loop: LoopAndGc }> {
  const before = await scrape(serviceUrl);
  const result = await load();
  const after = await scrape(serviceUrl);
  const gc: LoopAndGc['gc'] = {};
  for (const [name, value] of after) {
    const match = /^nodejs_gc_duration_seconds_(sum|count)\{kind="(\w+)"\}$/.exec(name);
    if (!match) continue;
    const entry = (gc[match[2]] ??= { count: 0, ms: 0 });
    const used = value - (before.get(name) ?? 0);
    if (match[1] === 'count') entry.count = used;
    else entry.ms = used * 1000;
  }
  const lateMs = (name: string) => Math.max(0, (after.get(name) ?? NaN) * 1000 - LOOP_RESOLUTION_MS);
  return { ...result, loop: { loopP99Ms: lateMs('nodejs_eventloop_lag_p99_seconds'), loopMaxMs: lateMs('nodejs_eventloop_lag_max_seconds'), gc } };
}

export function describeLoopAndGc(loop: LoopAndGc): string {
  const gc = Object.entries(loop.gc)
    .filter(([, { count }]) => count > 0)
    .map(([kind, { count, ms }]) => `${kind} ${count} × ${(ms / count).toFixed(1)} ms`)
    .join(', ');
  return `event loop delay p99 ${loop.loopP99Ms.toFixed(1)} ms, max ${loop.loopMaxMs.toFixed(1)} ms; GC ${gc || 'none'}`;
}

/** The samples of a Prometheus text exposition without labels beyond `kind`, by name with labels. */
async function scrape(serviceUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${serviceUrl}/metrics`)).text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('nodejs_gc_duration_seconds_') && !line.startsWith('nodejs_eventloop_lag_')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}
