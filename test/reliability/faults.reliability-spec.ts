import { TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait-for';
import { ApiCluster } from './support/api-cluster';
import { recordFigure } from './support/figures';
import { PrivatePostgres } from './support/private-postgres';
import { ReportLoad } from './support/report-load';

/** Polls readiness of every process until stopped, remembering each status seen. */
function watchReadiness(urls: string[]): { seen: Set<number>; stop: () => void } {
  const seen = new Set<number>();
  let running = true;
  void (async () => {
    while (running) {
      for (const url of urls) {
        const status = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(3000) }).then((r) => r.status, () => 0);
        seen.add(status);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return { seen, stop: () => (running = false) };
}

describe('database faults under load', () => {
  let pg: PrivatePostgres;
  let cluster: ApiCluster;
  const database = 'phonetrust';
  const sql = (query: string) => pg.psql(query, database);

  beforeAll(async () => {
    pg = await PrivatePostgres.create();
    cluster = await ApiCluster.start(2, {
      DATABASE_URL: pg.database(database),
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_STATEMENT_TIMEOUT_MS: '2000',
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    pg?.destroy();
  });

  function expectExactlyOnce(load: ReportLoad): void {
    const ids = load.acknowledged.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rows = sql(`SELECT id FROM reports WHERE id IN (${ids.map((id) => `'${id}'`).join(',')})`).trim().split('\n').filter(Boolean);
    expect(rows.length).toBe(ids.length);
    // Retries with one Idempotency-Key never made a second report.
    const perKey = sql(
      `SELECT count(*) FROM idempotency_keys WHERE key IN (${load.acknowledged.map((a) => `'${a.key}'`).join(',')}) AND status_code IN (200, 201)`,
    ).trim();
    expect(Number(perKey)).toBe(ids.length);
  }

  it.each(['fast', 'immediate'] as const)('survives a PostgreSQL restart (-m %s) mid-load: processes up, readiness 503 then 200, nothing lost or doubled', async (mode) => {
    const key = await cluster.key('platform');
    const readiness = watchReadiness(cluster.urls);
    const load = new ReportLoad(cluster.urls, key, 8);
    await waitFor(() => load.acknowledged.length >= 100, 30000, 'load to start');
    pg.stop(mode);
    await waitFor(() => readiness.seen.has(503), 10000, 'readiness to go 503');
    await new Promise((r) => setTimeout(r, 1000));
    pg.start();
    const before = load.acknowledged.length;
    await waitFor(() => load.acknowledged.length >= before + 100, 60000, 'reports to be acknowledged again');
    await load.stop();
    readiness.stop();

    for (const p of cluster.processes) expect(p.proc.exitCode).toBeNull();
    for (const url of cluster.urls) expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    expect(readiness.seen).toEqual(new Set([200, 503]));
    // An outage is a 503 with Retry-After, never a 500: the error was recognised as the database's, not a bug.
    const unexpected = Object.keys(load.failures).filter((f) => f.startsWith('5') && f !== '503');
    if (unexpected.length) console.log(cluster.logs().split('\n').filter((l) => l.includes('request failed')).slice(0, 5).join('\n'));
    expect(unexpected).toEqual([]);
    expectExactlyOnce(load);
    recordFigure('faults', `PostgreSQL restarted -m ${mode} under a report load (2 processes, 8 clients)`, `${load.acknowledged.length} reports acknowledged, each stored once; ${load.retries} retries; failures seen: ${JSON.stringify(load.failures)}`);
  });
});

describe('a slow or silent database behind a proxy', () => {
  let pg: PrivatePostgres;
  let proxy: TcpProxy;
  let cluster: ApiCluster;

  beforeAll(async () => {
    pg = await PrivatePostgres.create();
    pg.database();
    proxy = new TcpProxy('127.0.0.1', pg.port);
    await proxy.start();
    cluster = await ApiCluster.start(1, {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/phonetrust`,
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_STATEMENT_TIMEOUT_MS: '3000',
      DATABASE_POOL_SIZE: '5',
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    await proxy?.stop();
    pg?.destroy();
  });

  it('keeps answering with added latency, answers 503 within bounds when the database black-holes, and recovers', async () => {
    const key = await cluster.key('platform');
    const report = (n: number) =>
      fetch(`${cluster.urls[0]}/v1/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ phoneNumber: `+861391234${String(n).padStart(4, '0')}`, reporterId: `latency-${n}-${Date.now()}`, category: 'spam' }),
        signal: AbortSignal.timeout(20000),
      }).then((r) => r.status);

    proxy.latencyMs = 50;
    expect(await Promise.all(Array.from({ length: 10 }, (_, i) => report(i)))).toEqual(Array(10).fill(201));

    proxy.latencyMs = 0;
    proxy.blackhole();
    const started = Date.now();
    const during = await Promise.all(Array.from({ length: 10 }, (_, i) => report(100 + i)));
    const waited = Date.now() - started;
    expect(during.every((s) => s === 503)).toBe(true);
    // Bounded: the statement timeout (3 s) plus the client's margin (2 s), never an open-ended hang.
    expect(waited).toBeLessThan(15000);
    const ready = await fetch(`${cluster.urls[0]}/health/ready`).then((r) => r.status);
    expect(ready).toBe(503);

    proxy.cut();
    proxy.heal();
    await waitFor(async () => (await fetch(`${cluster.urls[0]}/health/ready`)).status === 200, 20000, 'readiness after healing');
    expect(await Promise.all(Array.from({ length: 10 }, (_, i) => report(200 + i)))).toEqual(Array(10).fill(201));
    recordFigure('faults', 'database behind a proxy: +50 ms latency, then a black hole, then healed', `black-holed requests answered 503 in ${waited} ms; no stuck connections after healing`);
  });
});
