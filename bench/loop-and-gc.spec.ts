import { describeBound, histogramBetween, mergeOwnTimes, ownQuantileBound, ownTimes } from './loop-and-gc';

/** A scrape's samples as `scrape` keeps them: name with labels → value. */
const samples = (entries: Record<string, number>) => new Map(Object.entries(entries));
const bucket = (route: string, le: string, status = '201') => `http_request_duration_seconds_bucket{le="${le}",method="POST",route="${route}",status_code="${status}"}`;

describe('the service own times', () => {
  const before = samples({
    [bucket('/v1/reports', '0.005')]: 10,
    [bucket('/v1/reports', '0.025')]: 10,
    [bucket('/v1/reports', '+Inf')]: 10,
    [bucket('/metrics', '0.005', '200')]: 3,
    [bucket('/metrics', '+Inf', '200')]: 3,
  });
  const after = samples({
    [bucket('/v1/reports', '0.005')]: 900,
    [bucket('/v1/reports', '0.025')]: 1000,
    [bucket('/v1/reports', '+Inf')]: 1010,
    // A label set first seen in this run (a 429), counted whole.
    [bucket('/v1/reports', '0.005', '429')]: 5,
    [bucket('/v1/reports', '0.025', '429')]: 5,
    [bucket('/v1/reports', '+Inf', '429')]: 5,
    // The scrapes' own requests are not the run's.
    [bucket('/metrics', '0.005', '200')]: 4,
    [bucket('/metrics', '+Inf', '200')]: 4,
    nodejs_eventloop_lag_p99_seconds: 0.01,
  });

  it('counts the run requests by bucket, the scrapes left out', () => {
    expect(ownTimes(before, after)).toEqual({
      count: 1005,
      within: [
        [5, 895],
        [25, 995],
        [Infinity, 1005],
      ],
    });
  });

  it('gives the least bound within which a share of them were held', () => {
    const own = ownTimes(before, after);
    expect(ownQuantileBound(own, 0.5)).toBe(5);
    expect(ownQuantileBound(own, 0.99)).toBe(25);
    expect(ownQuantileBound(own, 0.999)).toBe(Infinity);
    expect(ownQuantileBound({ count: 0, within: [] })).toBeNull();
    expect([5, Infinity, null].map(describeBound)).toEqual(['≤ 5 ms', 'over the largest bucket', '—']);
  });

  it('merges rounds bucket by bucket', () => {
    const round = (fast: number, total: number) => ({ count: total, within: [[5, fast], [Infinity, total]] as [number, number][] });
    const merged = mergeOwnTimes([round(99, 100), round(95, 100)]);
    expect(merged).toEqual({ count: 200, within: [[5, 194], [Infinity, 200]] });
    // 97% within 5 ms over both rounds: the p99 is beyond that bucket, though one round held 99% within it.
    expect(ownQuantileBound(merged)).toBe(Infinity);
  });
});

describe("the database's share", () => {
  const statements = (le: string) => `phonetrust_db_statement_seconds_bucket{le="${le}"}`;
  const waits = (le: string) => `phonetrust_db_pool_wait_seconds_bucket{le="${le}"}`;

  it('reads a histogram without labels by its own name, not a longer one', () => {
    const before = samples({ [statements('0.001')]: 100, [statements('0.015')]: 200, [statements('+Inf')]: 200 });
    const after = samples({
      [statements('0.001')]: 500,
      [statements('0.015')]: 1190,
      [statements('+Inf')]: 1200,
      [waits('0.001')]: 7,
      [waits('+Inf')]: 9,
    });
    const run = histogramBetween(before, after, 'phonetrust_db_statement_seconds');
    expect(run).toEqual({ count: 1000, within: [[1, 400], [15, 990], [Infinity, 1000]] });
    expect(ownQuantileBound(run)).toBe(15);
    expect(histogramBetween(before, after, 'phonetrust_db_pool_wait_seconds')).toEqual({ count: 9, within: [[1, 7], [Infinity, 9]] });
    // A service without them (an older ref's, with --against): nothing observed, no bound.
    expect(ownQuantileBound(histogramBetween(samples({}), samples({}), 'phonetrust_db_statement_seconds'))).toBeNull();
  });
});
