/**
 * What the service's own `/metrics` (prom-client's default metrics) say about a run: how long its event loop was held
 * up, and what garbage collection took, by kind. A request waits for whatever holds the loop when it arrives, so
 * these are the first suspects for a tail latency the CPU per request does not explain. prom-client resets its
 * event-loop delay histogram at every scrape, so the scrape after the run reports the run alone. The HTTP histogram
 * says how long the service itself held the requests, which tells its share of a client's tail from the rest.
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
  /** The service's own time for the run's requests, from its HTTP histogram (see `OwnTimes`). */
  own: OwnTimes;
  /**
   * The database's share, from the service's `DatabaseMetrics` (none before they existed, with `--against`): each
   * statement's round trip as the service saw it, and each wait for a pooled connection.
   */
  statements: OwnTimes;
  poolWaits: OwnTimes;
}

/**
 * How long the service itself held the run's requests: Fastify's time from the request's arrival in the process to
 * its answer handed to the socket (`http_request_duration_seconds`, every route but /metrics), as the histogram's
 * cumulative counts. A client's latency beyond it was spent outside the service's handling: in the socket before the
 * event loop read the request, or in the load generator.
 */
export interface OwnTimes {
  count: number;
  /** Requests within each bucket's upper bound (ms, ascending), cumulative. */
  within: [boundMs: number, count: number][];
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
  return {
    ...result,
    loop: {
      loopP99Ms: lateMs('nodejs_eventloop_lag_p99_seconds'),
      loopMaxMs: lateMs('nodejs_eventloop_lag_max_seconds'),
      gc,
      own: ownTimes(before, after),
      statements: histogramBetween(before, after, 'phonetrust_db_statement_seconds'),
      poolWaits: histogramBetween(before, after, 'phonetrust_db_pool_wait_seconds'),
    },
  };
}

/** The histograms `scrape` keeps, by name (their `_bucket` samples). */
const HISTOGRAMS = ['http_request_duration_seconds', 'phonetrust_db_statement_seconds', 'phonetrust_db_pool_wait_seconds'];

/** The requests between two scrapes, by bucket, summed over every route but /metrics (the scrapes' own). */
export function ownTimes(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): OwnTimes {
  return histogramBetween(before, after, 'http_request_duration_seconds', (labels) => labels.includes('route="/metrics"'));
}

/** A histogram's observations between two scrapes, by bucket (ms), summed over its label sets but those `skip`s. */
export function histogramBetween(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  metric: string,
  skip: (labels: string) => boolean = () => false,
): OwnTimes {
  const within = new Map<number, number>();
  const prefix = `${metric}_bucket{`;
  for (const [name, value] of after) {
    if (!name.startsWith(prefix) || !name.endsWith('}')) continue;
    const labels = name.slice(prefix.length, -1);
    if (skip(labels)) continue;
    const le = /le="([^"]+)"/.exec(labels)?.[1];
    if (le === undefined) continue;
    const bound = le === '+Inf' ? Infinity : Number(le) * 1000;
    within.set(bound, (within.get(bound) ?? 0) + value - (before.get(name) ?? 0));
  }
  const sorted = [...within].sort(([a], [b]) => a - b);
  return { count: sorted.at(-1)?.[1] ?? 0, within: sorted };
}

/** Several runs' own times as one. */
export function mergeOwnTimes(runs: readonly OwnTimes[]): OwnTimes {
  const within = new Map<number, number>();
  for (const run of runs) for (const [bound, count] of run.within) within.set(bound, (within.get(bound) ?? 0) + count);
  return { count: runs.reduce((sum, run) => sum + run.count, 0), within: [...within].sort(([a], [b]) => a - b) };
}

/** The least bucket bound, ms, within which a `q` share of the requests took; null without requests. */
export function ownQuantileBound(own: OwnTimes, q = 0.99): number | null {
  if (own.count === 0) return null;
  return own.within.find(([, count]) => count >= q * own.count)?.[0] ?? Infinity;
}

/** The least bucket bound within which 99% of several runs' requests, taken together, were held; null without runs. */
export function ownP99(loops: readonly LoopAndGc[]): number | null {
  return mergedP99(loops, (loop) => loop.own);
}

/** The same for one of their histograms: null when no run observed anything in it. */
export function mergedP99(loops: readonly LoopAndGc[], pick: (loop: LoopAndGc) => OwnTimes): number | null {
  return ownQuantileBound(mergeOwnTimes(loops.map(pick)));
}

/** "≤ 10 ms", from a bucket bound. */
export function describeBound(boundMs: number | null): string {
  if (boundMs === null) return '—';
  return Number.isFinite(boundMs) ? `≤ ${boundMs} ms` : 'over the largest bucket';
}

export function describeLoopAndGc(loop: LoopAndGc): string {
  const gc = Object.entries(loop.gc)
    .filter(([, { count }]) => count > 0)
    .map(([kind, { count, ms }]) => `${kind} ${count} × ${(ms / count).toFixed(1)} ms`)
    .join(', ');
  const database = loop.statements.count > 0 ? `; a statement p99 ${describeBound(ownQuantileBound(loop.statements))}, a wait for a connection p99 ${describeBound(ownQuantileBound(loop.poolWaits))}` : '';
  return `event loop delay p99 ${loop.loopP99Ms.toFixed(1)} ms, max ${loop.loopMaxMs.toFixed(1)} ms; GC ${gc || 'none'}; own time p99 ${describeBound(ownP99([loop]))}${database}`;
}

/** The samples of a Prometheus text exposition this file reads, by name with labels. */
async function scrape(serviceUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${serviceUrl}/metrics`)).text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('nodejs_gc_duration_seconds_') && !line.startsWith('nodejs_eventloop_lag_') && !HISTOGRAMS.some((metric) => line.startsWith(`${metric}_bucket`))) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}
