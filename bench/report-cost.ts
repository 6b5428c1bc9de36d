/**
 * What one POST /v1/reports costs, and that it does not grow with a number's history.
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/report-cost.ts            # embedded database
 *   DATABASE_URL=postgres://… npx ts-node --transpile-only -r tsconfig-paths/register bench/report-cost.ts
 *
 * Builds, with SQL (not HTTP), a number with 100 000 earlier reports from 100 000 reporters — reports,
 * contributions and the number's row as the service would have left them — and numbers with one earlier
 * report each. Then files the same kind of report (a light one, so no state changes) on each, alternating, and
 * reports the SQL statements per report (TypeORM's, transaction control included; the rate limiter's own
 * statements counted apart) and the latency distribution of each.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiApp } from '../apps/api/src/bootstrap';
import { DataSource } from 'typeorm';
import { Client, Pool } from 'pg';
import { emptyScore, rebuildLive, scorePolicy } from '@phonetrust/scoring';
import { countStatements } from '../test/support/statement-counter';
import { HttpClient } from '../test/support/http-client';

const HISTORY = Number(process.env.HISTORY ?? 100_000);
const SAMPLES = Number(process.env.SAMPLES ?? 200);
const ADMIN_KEY = 'bench-admin-key-0123456789abcdefghijkl';

async function main(): Promise<void> {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    ADMIN_API_KEY: ADMIN_KEY,
    SCORE_SCHEDULER_ENABLED: 'false',
    // Its poll would be counted with whichever report it ran beside: the counter sees every statement of the process.
    OUTBOX_DISPATCHER_ENABLED: 'false',
  };
  let dropDatabase: (() => Promise<void>) | null = null;
  if (process.env.DATABASE_URL) {
    const server = process.env.DATABASE_URL;
    const name = `pt_bench_${process.pid}`;
    await adminQuery(server, `CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = () => adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    env.EMBEDDED_DB_DIR = 'memory://';
  }

  const app = await createApiApp(env).catch(async (error) => {
    await dropDatabase?.();
    throw error;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const admin = new HttpClient(baseUrl, ADMIN_KEY);
    const platform = new HttpClient(baseUrl, (await admin.post('/v1/api-keys', { name: 'bench', role: 'platform' })).body.key);
    const dataSource = app.get(DataSource);
    const database = env.DATABASE_URL ? 'PostgreSQL' : 'embedded (PGlite)';

    const busy = '+8613900000000';
    const started = Date.now();
    await bulkHistory(dataSource, busy, HISTORY);
    const bulkSeconds = (Date.now() - started) / 1000;
    const quiet = Array.from({ length: SAMPLES + 1 }, (_, i) => `+86139${String(10_000_000 + i).slice(-8)}`);
    for (const phone of quiet) await file(platform, phone); // one earlier report each

    const light = { busy: [] as number[], quiet: [] as number[] };
    const statements = { busy: [] as number[], quiet: [] as number[] };
    const limiterStatements: number[] = [];
    // warm-up: the first requests pay for plans and caches
    await file(platform, quiet[SAMPLES]);
    for (let i = 0; i < 20; i++) await file(platform, busy);
    for (let i = 0; i < SAMPLES; i++) {
      for (const kind of i % 2 ? (['busy', 'quiet'] as const) : (['quiet', 'busy'] as const)) {
        const phone = kind === 'busy' ? busy : quiet[i];
        let elapsed = 0;
        let pooled = 0;
        const counted = await countStatements(async () => {
          pooled = await countPoolQueries(async () => {
            const t0 = process.hrtime.bigint();
            await file(platform, phone);
            elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
          });
        });
        limiterStatements.push(pooled);
        light[kind].push(elapsed);
        statements[kind].push(counted.count);
      }
    }
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM reports WHERE phone_number = $1', [busy]);
    const result = {
      database,
      history: HISTORY,
      busyReportsNow: n,
      bulkInsertSeconds: bulkSeconds,
      samples: SAMPLES,
      statementsPerReport: { oneEarlier: unique(statements.quiet), history: unique(statements.busy) },
      rateLimiterStatementsPerReport: unique(limiterStatements),
      latencyMs: { oneEarlier: summary(light.quiet), history: summary(light.busy) },
    };
    console.log(JSON.stringify(result, null, 2));
    const dir = join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `report-cost-${env.DATABASE_URL ? 'postgres' : 'embedded'}.json`), JSON.stringify(result, null, 2));
  } finally {
    await app.close();
    await dropDatabase?.();
  }
}

async function file(platform: HttpClient, phoneNumber: string): Promise<void> {
  // 'other' from an established account: w = 0.35, far below any state change on either number
  const res = await platform.post('/v1/reports', { phoneNumber, reporterId: randomUUID(), category: 'other' });
  if (res.status !== 201) throw new Error(`report refused: ${res.status} ${res.text}`);
}

/** A number with `count` reports from as many reporters over the last 90 days, rows as the service writes them. */
async function bulkHistory(dataSource: DataSource, phone: string, count: number): Promise<void> {
  const policy = scorePolicy();
  await dataSource.query(
    `INSERT INTO reports (id, phone_number, reporter_hash, category, attested, assurance, trust, weight, created_at)
     SELECT gen_random_uuid(), $1, md5('r' || g), 'other', false, 0.7, 0.7, 0.35, now() - (g % 7776000) * interval '1 second'
       FROM generate_series(1, $2) g`,
    [phone, count],
  );
  await dataSource.query(
    `INSERT INTO contributions (phone_number, reporter_hash, value, as_of, low_assurance, epoch, source_report_id, category, last_counted_report_id, last_counted_at)
     SELECT phone_number, reporter_hash, weight, created_at, false, 0, id, category, id, created_at FROM reports WHERE phone_number = $1`,
    [phone],
  );
  const rows: { value: number; as_of: Date }[] = await dataSource.query('SELECT value, as_of FROM contributions WHERE phone_number = $1', [phone]);
  const now = Date.now() / 1000;
  let normal = 0;
  for (const row of rows) normal += row.value * Math.pow(2, -(now - row.as_of.getTime() / 1000) / policy.halfLifeSeconds);
  const live = rebuildLive(rows.map((r) => ({ value: r.value, asOf: r.as_of.getTime() / 1000 })), now, policy);
  const score = { ...emptyScore(policy, now), normal, live };
  await dataSource.query(
    `INSERT INTO numbers (phone_number, state, mass_normal, mass_as_of, live_reporters, burst_window, report_count)
     VALUES ($1, 'suspended', $2, to_timestamp($3), $4, $5, $6)`,
    [phone, score.normal, now, JSON.stringify(score.live), JSON.stringify(score.burst), count],
  );
  await dataSource.query('ANALYZE reports; ANALYZE contributions; ANALYZE numbers');
}

/** The rate limiter queries the pool directly (TypeORM takes a client from it): those are its statements. */
async function countPoolQueries(work: () => Promise<void>): Promise<number> {
  const prototype = Pool.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  let count = 0;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    prototype.query = original;
  }
  return count;
}

function unique(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function summary(values: number[]): { median: number; p90: number; p99: number; mean: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { median: at(0.5), p90: at(0.9), p99: at(0.99), mean: round(values.reduce((a, b) => a + b, 0) / values.length) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
