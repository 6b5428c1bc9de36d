/**
 * The machine's own latency floor, at the bench's paced load: a bare Node HTTP server that answers after no
 * database work, one round trip, two round trips in a transaction, or one committed insert, driven by the same
 * load generator and pacing as `npm run bench`. It says how much of a paced p99 the machine itself (its two
 * cores, its scheduler, its disk) puts under any code, this hour, before the service or the raw baseline run.
 *
 *   BENCH_DATABASE_URL=postgres://… npx ts-node --transpile-only bench/machine-floor.ts [--paced-at 1000] [--rounds 2]
 *
 * With wrk installed (`apt-get install wrk`), as for the bench: autocannon would run inside this process.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { pickGenerator, runLoad } from './load-generator';
import { median } from './median';
import { Load } from './paths';

type Work = (pool: Pool) => Promise<unknown>;

const WORKS: Record<string, Work> = {
  'no database work': async () => undefined,
  'one round trip (SELECT 1)': (pool) => pool.query('SELECT 1'),
  'two round trips in a transaction': async (pool) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN; SELECT 1');
      await client.query('SELECT 2; COMMIT');
    } finally {
      client.release();
    }
  },
  'one committed insert': (pool) => pool.query('INSERT INTO bench_machine_floor (note) VALUES ($1)', [String(Math.random())]),
};

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

async function main(): Promise<void> {
  const rate = option('--paced-at', 1000);
  const rounds = option('--rounds', 2);
  const connections = option('--connections', 32);
  const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres', max: 10 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_machine_floor (id bigserial PRIMARY KEY, note text NOT NULL, at timestamptz NOT NULL DEFAULT now())');
  let work: Work = WORKS['no database work'];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      work(pool).then(
        () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
        (error: Error) => response.writeHead(500).end(error.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const load: Load = { headers: { 'content-type': 'application/json' }, requests: [{ method: 'POST', path: '/', body: '{"a":1}' }] };
  const generator = pickGenerator();
  // autocannon would run in this process, beside the server it measures: its own work would be in the floor.
  if (generator !== 'wrk') console.error('wrk is not installed: autocannon shares this process with the server, so the floor reads high');

  console.log(`| work, paced at ${rate} req/s over ${connections} connections (${generator}) | p50 ms | p99 ms (each round) | errors + non-2xx |`);
  console.log('|---|---:|---:|---:|');
  for (const [name, each] of Object.entries(WORKS)) {
    work = each;
    await runLoad(generator, baseUrl, load, connections, 3, rate); // warm-up
    const runs = [];
    for (let round = 0; round < rounds; round++) runs.push(await runLoad(generator, baseUrl, load, connections, 10, rate));
    const p99s = runs.map((run) => run.p99.toFixed(1)).join(', ');
    const failed = runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0);
    console.log(`| ${name} | ${median(runs.map((run) => run.p50)).toFixed(1)} | ${median(runs.map((run) => run.p99)).toFixed(1)} (${p99s}) | ${failed} |`);
  }
  await pool.query('DROP TABLE bench_machine_floor');
  server.close();
  await pool.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
