/** What seeding produced, for the paths to use. */
export interface PathContext {
  platformKey: string;
  /** Numbers verified for a merchant (the display paths cycle through them). */
  verifiedNumbers: string[];
  /** Pending verifications for the service's code checks, and another set for the baseline's. */
  serviceVerifications: string[];
  rawVerifications: string[];
  /** The baseline's report intake SQL (one round trip), when the schema has reports. */
  rawReportSql: string | null;
  reportsAvailable: boolean;
  /** Once the scale history is seeded (`--scale`): numbers with earlier reports, for a report path to hit. */
  reportedNumbers?: string[];
}

export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/** A load: headers for every request, and the requests to cycle through. */
export interface Load {
  headers: Record<string, string>;
  requests: BenchRequest[];
}

export interface BenchPath {
  name: string;
  label: string;
  available(context: PathContext): boolean;
  unavailableReason?: string;
  /** Called for every run: `run` counts from 0, so runs can use disjoint slices of seeded data. */
  service(context: PathContext, run: number): Load;
  raw(context: PathContext, run: number): Load;
  /**
   * Requests the service gets before each of its runs (the same every time): the display paths ask for every seeded
   * number once, so each run measures the cache's steady state over all 10 000 numbers, not how many of them a
   * time-boxed warm-up happened to reach, nor the entries that expired while the baseline ran.
   */
  prime?(context: PathContext): BenchRequest[];
  /** Measured only after `--scale` has seeded its history. */
  scaleOnly?: boolean;
  /**
   * Both sides are the raw baseline's (its `service` load goes to the baseline too): a measure of a design, not of the
   * service, with no target of its own.
   */
  bothRaw?: boolean;
}

/** Each run's own window of ids: a code check must find attempts left, so runs do not reuse ids. */
const WINDOW = 20000;
const windowOf = (ids: string[], run: number) => {
  const start = (run * WINDOW) % Math.max(ids.length, 1);
  return [...ids.slice(start, start + WINDOW), ...ids.slice(0, Math.max(0, start + WINDOW - ids.length))];
};

const json = (key?: string) => ({ 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) });
const enc = encodeURIComponent;

let serial = 0;
/** Unique mobile numbers, never reused within a run, so each request is a first verification or report. */
function uniqueMobiles(count: number): string[] {
  return Array.from({ length: count }, () => `+86137${String(10000000 + (serial++ % 89999999)).padStart(8, '0')}`);
}

function batches(numbers: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 50 <= Math.min(numbers.length, 5000); i += 50) out.push(JSON.stringify({ phoneNumbers: numbers.slice(i, i + 50) }));
  return out;
}

const UNIQUE = 60000;

/**
 * Seeded numbers, the service's half or the baseline's: the baseline's reports add to a number's mass by rules of
 * their own, and would otherwise push the service's numbers over thresholds the service's own reports never made.
 */
function historyTargets(c: PathContext, side: 0 | 1): string[] {
  const numbers = (c.reportedNumbers ?? []).filter((_, i) => i % 2 === side);
  return Array.from({ length: UNIQUE }, (_, i) => numbers[(serial + i * 7919) % numbers.length]);
}

/** A first report by a new reporter (never a duplicate) on each of the numbers, to `path`. */
function reports(numbers: string[], path: string): BenchRequest[] {
  return numbers.map((n) => ({ method: 'POST', path, body: JSON.stringify({ phoneNumber: n, reporterId: `reporter-${serial++}`, category: 'spam' }) }));
}

/** Report intake on each of `targets`' numbers. */
function reportPath(label: string, targets: (c: PathContext, side: 0 | 1) => string[]): BenchPath {
  return {
    name: 'report',
    label,
    available: (c) => c.reportsAvailable,
    unavailableReason: 'the reporting module is not in this build',
    service: (c) => ({ headers: json(c.platformKey), requests: reports(targets(c, 0), '/v1/reports') }),
    raw: (c) => ({ headers: json(), requests: reports(targets(c, 1), '/report') }),
  };
}

function allNumbersInBatches(c: PathContext): BenchRequest[] {
  const out: BenchRequest[] = [];
  for (let i = 0; i < c.verifiedNumbers.length; i += 50) {
    out.push({ method: 'POST', path: '/v1/numbers/display', body: JSON.stringify({ phoneNumbers: c.verifiedNumbers.slice(i, i + 50) }) });
  }
  return out;
}

export const benchPaths: BenchPath[] = [
  {
    name: 'display',
    label: 'display check (single)',
    available: (c) => c.verifiedNumbers.length > 0,
    service: (c) => ({ headers: json(c.platformKey), requests: c.verifiedNumbers.map((n) => ({ method: 'GET', path: `/v1/numbers/${enc(n)}/display` })) }),
    raw: (c) => ({ headers: {}, requests: c.verifiedNumbers.map((n) => ({ method: 'GET', path: `/display/${enc(n)}` })) }),
    prime: (c) => allNumbersInBatches(c),
  },
  {
    name: 'batch',
    label: 'display check (batch of 50)',
    available: (c) => c.verifiedNumbers.length >= 50,
    service: (c) => ({ headers: json(c.platformKey), requests: batches(c.verifiedNumbers).map((body) => ({ method: 'POST', path: '/v1/numbers/display', body })) }),
    raw: (c) => ({ headers: json(), requests: batches(c.verifiedNumbers).map((body) => ({ method: 'POST', path: '/display', body })) }),
    prime: (c) => allNumbersInBatches(c),
  },
  {
    name: 'check',
    label: 'code check (wrong code, evaluated)',
    available: (c) => c.serviceVerifications.length > 0,
    unavailableReason: 'needs seeded verifications',
    service: (c, run) => ({
      headers: json(c.platformKey),
      requests: windowOf(c.serviceVerifications, run).map((id) => ({ method: 'POST', path: `/v1/verifications/${id}/check`, body: '{"code":"000000"}' })),
    }),
    raw: (c, run) => ({
      headers: json(),
      requests: windowOf(c.rawVerifications, run).map((id) => ({ method: 'POST', path: `/check/${id}`, body: '{"code":"000000"}' })),
    }),
  },
  {
    name: 'start',
    label: 'verification start (SMS to a local sink)',
    available: () => true,
    service: (c) => ({
      headers: json(c.platformKey),
      requests: uniqueMobiles(UNIQUE).map((n, i) => ({ method: 'POST', path: '/v1/verifications', body: JSON.stringify({ merchantId: `m${i % 5000}`, phoneNumber: n }) })),
    }),
    raw: () => ({
      headers: json(),
      requests: uniqueMobiles(UNIQUE).map((n, i) => ({ method: 'POST', path: '/start', body: JSON.stringify({ merchantId: `m${i % 5000}`, phoneNumber: n }) })),
    }),
  },
  reportPath('report intake', () => uniqueMobiles(UNIQUE)),
  // The second round trip of report intake's design, by itself: the raw baseline locking the number's row before it
  // writes (two round trips, `/report-locked`) against the same rows written in one (`/report`), in the same rounds.
  {
    name: 'floor',
    label: 'report intake, raw: lock then write (two round trips) / one round trip',
    bothRaw: true,
    available: (c) => c.reportsAvailable && c.rawReportSql !== null,
    unavailableReason: 'needs the raw baseline (PostgreSQL) and the reporting module',
    service: () => ({ headers: json(), requests: reports(uniqueMobiles(UNIQUE), '/report-locked') }),
    raw: () => ({ headers: json(), requests: reports(uniqueMobiles(UNIQUE), '/report') }),
  },
  // After `--scale`, also on the seeded numbers, each with ten reports of the last 90 days and the state they made.
  { ...reportPath('report intake on numbers with history', historyTargets), scaleOnly: true, available: (c) => c.reportsAvailable && !!c.reportedNumbers },
];
