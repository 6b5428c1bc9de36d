/**
 * npm run bench — measures the hot paths of the service against a raw baseline (plain Fastify + node-postgres
 * doing the same SQL work) in the same run, on the same machine, and writes its tables and verdicts to
 * bench/results/postgres.md (embedded.md with --embedded), from which BENCHMARKS.md's are taken.
 *
 *   npm run bench                       PostgreSQL (BENCH_DATABASE_URL or the local server), all paths
 *   npm run bench -- --embedded         the embedded database (service only: nothing else can reach it)
 *   npm run bench -- --duration 8 --rounds 3 --connections 32 --paths display,batch
 *   npm run bench -- --paths check --profile   a CPU profile of the service (bench/results/profiles)
 *   npm run bench -- --autocannon            autocannon even where wrk is installed
 *   npm run bench -- --no-paced              without the latency runs at a paced load (half the sustained rate)
 *   npm run bench -- --paced-at 200          the paced runs at 200 req/s, not half the sustained rate: the same load
 *                                            for runs whose saturated throughput differs (an A/B of Node options)
 *   npm run bench -- --redis                 the service's rate limits on Redis (BENCH_REDIS_URL or the local one)
 *   npm run bench -- --scale                 then seeds 1M reports over 100k numbers and measures display and
 *                                            report intake again, on top of that history
 *   npm run bench -- --paths report --against HEAD~1
 *                                            also the service as built from a git ref, on the same database, in
 *                                            the same alternating rounds: this code against that, run by run
 *   npm run bench -- --paths display --against HEAD --node-options "--no-parallel-scavenge"
 *                                            Node options for this code's service only: with --against HEAD, the
 *                                            same code with and without them
 *   npm run bench -- --paths report --against HEAD --env "DATABASE_POOL_SIZE=20"
 *                                            settings for this code's service only: the same code with and without them
 *   npm run bench -- --paths report --waits  also where the database's backends were during each run, on average
 *                                            (idle in a transaction, waiting for the WAL, on CPU…: BackendWaitSampler)
 *   npm run bench -- --paths check --node-options "--trace-gc-nvp" --raw-node-options "--trace-gc-nvp" --process-output
 *                                            Node options for the raw baseline's process too, and the service's and the
 *                                            baseline's standard output (where V8's traces go) on the bench's stderr
 *
 * Noisy 2-core machines: each path runs service and baseline alternately `rounds` times (after a warm-up),
 * and the table reports medians and the service/baseline ratio, never a single run.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AgainstBuild, buildAgainst } from './against';
import { CpuCost, idleCpu, meterCpu } from './cpu-meter';
import { describeBound, describeLoopAndGc, LoopAndGc, mergedP99, meterLoopAndGc, ownP99 } from './loop-and-gc';
import { pickGenerator, runLoad, RunResult } from './load-generator';
import { median } from './median';
import { targetVerdicts, verdictTable } from './targets';
import { outboxDrained } from './outbox-drained';
import { BenchPath, benchPaths, PathContext } from './paths';
import { seedDatabase, seedHistory, seedThroughApi } from './seed';
import { startSink } from './sms-sink';
import { describeRunFacts, RunFactsReader } from './run-facts';
import { BackendWaitSampler, describeBackendWaits } from './backend-waits';
import { parseServiceEnv, SERVICE_ENTRY, serviceNodeFlags } from './service-command';

const ROOT = join(__dirname, '..');

/** `--scale`: the history seeded after the first pass, and the paths measured again on top of it. */
const SCALE_REPORTS = 1_000_000;
const SCALE_NUMBERS = 100_000;
const SCALE_PATHS = ['display', 'batch', 'report'];

interface Options {
  scale: boolean;
  redis: string | null;
  embedded: boolean;
  duration: number;
  warmup: number;
  rounds: number;
  connections: number;
  paths: string[];
  write: boolean;
  generator?: string;
  profile: boolean;
  paced: boolean;
  /** `--paced-at N`: the paced runs' rate in req/s, instead of half what the slower side sustained. */
  pacedAt: number | null;
  /** `--against REF`: a git ref whose service runs beside this one, in the same rounds. */
  against: string | null;
  /** `--node-options "…"`: options for this code's service's Node process only, not the ref's. */
  nodeOptions: string[];
  /** `--env "NAME=value …"`: settings for this code's service only, not the ref's. */
  serviceEnv: Record<string, string>;
  /** `--raw-node-options "…"`: options for the raw baseline's Node process. */
  rawNodeOptions: string[];
  /** `--process-output`: the service's and the baseline's standard output on the bench's stderr, not dropped. */
  processOutput: boolean;
  /** `--waits`: where the database's backends were during each run (`BackendWaitSampler`; PostgreSQL only). */
  waits: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
  return {
    embedded: argv.includes('--embedded'),
    scale: argv.includes('--scale'),
    redis: argv.includes('--redis') ? (process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379') : null,
    duration: Number(value('duration', '8')),
    warmup: Number(value('warmup', '3')),
    rounds: Number(value('rounds', '2')),
    connections: Number(value('connections', '32')),
    paths: value('paths', benchPaths.map((p) => p.name).join(',')).split(','),
    write: !argv.includes('--no-write'),
    generator: argv.includes('--autocannon') ? 'autocannon' : undefined,
    profile: argv.includes('--profile'),
    paced: !argv.includes('--no-paced'),
    pacedAt: argv.includes('--paced-at') ? positive(value('paced-at', ''), '--paced-at') : null,
    against: argv.includes('--against') ? value('against', '') || null : null,
    nodeOptions: value('node-options', '').split(' ').filter(Boolean),
    serviceEnv: parseServiceEnv(value('env', '')),
    rawNodeOptions: value('raw-node-options', '').split(' ').filter(Boolean),
    processOutput: argv.includes('--process-output'),
    waits: argv.includes('--waits'),
  };
}

function positive(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a whole number of requests a second, not "${text}"`);
  return n;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, what: string): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 60000) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not become ready`);
}

/** With `output`, the child's standard output goes to the bench's stderr (fd 2), where its own progress goes. */
function spawnNode(args: string[], env: Record<string, string>, cwd = ROOT, output = false): ChildProcess {
  const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', output ? 2 : 'ignore', 'inherit'] });
  process.on('exit', () => child.kill('SIGKILL'));
  return child;
}

/** Errors and non-2xx answers over some runs. */
const failuresOf = (runs: RunResult[]) => runs.reduce((sum, x) => sum + x.errors + x.non2xx, 0);
/** The service's median throughput over the baseline's. */
const ratioOf = (service: RunResult[], raw: RunResult[]) => median(service.map((x) => x.rps)) / median(raw.map((x) => x.rps));

async function createDatabase(serverUrl: string): Promise<string> {
  const name = `pt_bench_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(serverUrl: string, url: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  process.stderr.write('building the service (nest build)…\n');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'api'], { cwd: ROOT, stdio: 'inherit' });
  if (options.against && options.embedded) throw new Error('--against needs PostgreSQL: the embedded database serves one process');
  let against: AgainstBuild | null = null;
  if (options.against) {
    process.stderr.write(`building the service at ${options.against} (nest build)…\n`);
    against = buildAgainst(ROOT, options.against);
    process.on('exit', () => against?.remove());
  }

  const sink = await startSink();
  const databaseUrl = options.embedded ? null : await createDatabase(serverUrl);
  const adminKey = 'bench-admin-key-0123456789abcdefghijkl';
  const otpSecret = 'bench-otp-secret-0123456789abcdefghijkl';
  const servicePort = await freePort();
  const serviceEnv: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: String(servicePort),
    ADMIN_API_KEY: adminKey,
    OTP_SECRET: otpSecret,
    REPORTER_ID_SECRET: 'bench-reporter-secret-0123456789abcdef',
    LOG_LEVEL: 'warn',
    SMS_PROVIDER: 'webhook',
    SMS_WEBHOOK_URL: sink.url,
    SMS_WEBHOOK_SECRET: 'bench-sms-secret',
    VERIFY_LIMIT_NUMBER_SENDS_PER_HOUR: '1000000',
    VERIFY_LIMIT_MERCHANT_PER_HOUR: '100000000',
    VERIFY_LIMIT_IP_PER_HOUR: '100000000',
    VERIFY_LIMIT_PREFIX_PER_HOUR: '100000000',
    SMS_HOURLY_BUDGET: '100000000',
    // Every report comes from a new reporter and names no client IP, so these limits are charged but never bite.
    REPORT_LIMIT_REPORTER_PER_MINUTE: '100000',
    REPORT_LIMIT_REPORTER_PER_DAY: '1000000',
    REPORT_LIMIT_IP_PER_HOUR: '1000000',
    OTP_NUMBER_DAILY_WRONG_CODES: '1000000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { EMBEDDED_DB_DIR: 'memory://' }),
    ...(options.redis ? { REDIS_URL: options.redis } : {}),
    // For comparisons: DATABASE_PIPELINE=false npm run bench runs the service without pipelined transactions.
    ...(process.env.DATABASE_PIPELINE ? { DATABASE_PIPELINE: process.env.DATABASE_PIPELINE } : {}),
  };
  // --profile: a V8 CPU profile of the service for the whole run, in bench/results/profiles/.
  const profileFlags = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench/results/profiles')}`] : [];
  // Each service runs with the Node options its own package runs it with: `start:prod`'s (PostgreSQL), `start`'s (embedded).
  const service = spawnNode([...profileFlags, ...serviceNodeFlags(ROOT, options.embedded), ...options.nodeOptions, SERVICE_ENTRY], { ...serviceEnv, ...options.serviceEnv }, ROOT, options.processOutput);
  const serviceUrl = `http://127.0.0.1:${servicePort}`;
  await waitReady(`${serviceUrl}/health/ready`, service, 'the service');
  // The ref's service, started once this one has migrated the database; it reads the same keys and rows.
  let againstService: ChildProcess | null = null;
  let againstUrl: string | null = null;
  if (against) {
    const port = await freePort();
    againstService = spawnNode([...profileFlags, ...serviceNodeFlags(against.dir), SERVICE_ENTRY], { ...serviceEnv, PORT: String(port) }, against.dir, options.processOutput);
    againstUrl = `http://127.0.0.1:${port}`;
    await waitReady(`${againstUrl}/health/ready`, againstService, `the service at ${against.ref}`);
  }

  let raw: ChildProcess | null = null;
  let rawUrl: string | null = null;
  const context: PathContext = await (async () => {
    const created = await fetch(`${serviceUrl}/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', role: 'platform' }),
    }).then((r) => r.json() as Promise<{ key: string }>);
    process.stderr.write('seeding…\n');
    return databaseUrl
      ? seedDatabase(databaseUrl, otpSecret, created.key)
      : seedThroughApi(serviceUrl, created.key, sink);
  })();

  if (databaseUrl) {
    const rawPort = await freePort();
    raw = spawnNode([...options.rawNodeOptions, '-r', 'ts-node/register/transpile-only', 'bench/raw-baseline.ts'], {
      DATABASE_URL: databaseUrl,
      PORT: String(rawPort),
      OTP_SECRET: otpSecret,
      RAW_REPORT_SQL: context.rawReportSql ?? 'SELECT 1 AS id',
    }, ROOT, options.processOutput);
    rawUrl = `http://127.0.0.1:${rawPort}`;
    await waitReady(`${rawUrl}/display/${encodeURIComponent(context.verifiedNumbers[0])}`, raw, 'the raw baseline');
  }

  const generator = pickGenerator(options.generator);
  process.stderr.write(`load generator: ${generator}\n`);
  type Metered = RunResult & CpuCost & { loop?: LoopAndGc };
  const databaseName = databaseUrl ? new URL(databaseUrl).pathname.slice(1) : null;
  // Report intake's cost depends on how many of its reports moved a number's state, and on how much PostgreSQL read
  // from outside its buffers: each of its runs says (PostgreSQL only).
  const runFacts = databaseUrl ? new RunFactsReader(databaseUrl) : null;
  const waits = databaseName && options.waits ? new BackendWaitSampler(serverUrl, databaseName) : null;
  // With --waits, each run also says where the database's backends were while it ran.
  const sampled = async <T>(load: () => Promise<T>): Promise<T> => {
    if (!waits) return load();
    await waits.start();
    try {
      return await load();
    } finally {
      process.stderr.write(`  ${describeBackendWaits(await waits.stop())}\n`);
    }
  };
  interface Row {
    path: BenchPath;
    phase: string;
    service: Metered[];
    raw: Metered[];
    /** `--against`: the ref's service, in the same rounds. */
    against: Metered[];
    /** Runs at the same paced load, half of what the slower side sustained, alternating: latency unsaturated. */
    paced?: { rate: number; service: Metered[]; against: Metered[]; raw: Metered[] };
  }
  const rows: Row[] = [];
  const phases = options.scale && databaseUrl ? ['', ' — after 1M reports'] : [''];
  for (const phase of phases) {
    if (phase) {
      process.stderr.write(`seeding ${SCALE_REPORTS} reports over ${SCALE_NUMBERS} numbers (bulk SQL)…\n`);
      const started = Date.now();
      context.reportedNumbers = await seedHistory(databaseUrl!, SCALE_REPORTS, SCALE_NUMBERS);
      process.stderr.write(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
    for (const path of benchPaths.filter((p) => options.paths.includes(p.name) && (phase ? SCALE_PATHS.includes(p.name) : !p.scaleOnly))) {
      if (!path.available(context)) {
        process.stderr.write(`skipping ${path.name}: ${path.unavailableReason}\n`);
        continue;
      }
      const row: Row = { path, phase, service: [], raw: [], against: [] };
      const runs = { service: 0, raw: 0 };
      // Every run gets fresh requests (unique numbers to verify or report, unused verification ids).
      // Each run also measures the CPU it cost (the process's and the database backends'), per request: on a
      // noisy machine that is steadier than the throughput it bought.
      // Each run starts once the service's background deliveries are done (see `outboxDrained`).
      // The display paths ask for every seeded number once before each of the service's runs, so every run measures
      // the cache's steady state: between two of them the baseline's runs and the waits leave the entries unread for
      // 20 s or more, and entries nothing read since their background reload was due expire at their TTL, in the
      // middle of the next run (a miss is answered the controller's way, from the database).
      const prime = async (url: string) => {
        if (!path.prime) return;
        const headers = { authorization: `Bearer ${context.platformKey}`, 'content-type': 'application/json' };
        for (const request of path.prime(context)) {
          const res = await fetch(`${url}${request.path}`, { method: request.method, headers, body: request.body });
          if (!res.ok) throw new Error(`priming ${request.path} answered ${res.status}`);
        }
      };
      const run = async (target: 'service' | 'against' | 'raw', duration: number, rate?: number) => {
        if (target !== 'raw') await prime(target === 'service' ? serviceUrl : againstUrl!);
        const drained = await outboxDrained(serviceUrl);
        if (drained.pending > 0) process.stderr.write(`  waited ${drained.waitedMs} ms for ${drained.pending} pending outbox messages\n`);
        if (drained.left > 0) process.stderr.write(`  WARNING: ${drained.left} outbox messages still pending; this run shares the CPU with their deliveries\n`);
        // Every service process is metered, whichever runs next: one busy in the background takes CPU from any run.
        const idle = await idleCpu(againstService ? [service.pid!, againstService.pid!] : [service.pid!], 1);
        const services = idle.apps.map((cores, i) => `${i === 0 ? 'service' : against!.ref} ${cores.toFixed(2)}`).join(', ');
        process.stderr.write(`  idle for 1 s before the run, in cores: ${services}, PostgreSQL ${idle.postgres.toFixed(2)}, autovacuum ${idle.autovacuum.toFixed(2)}\n`);
        if (target === 'raw') return meterCpu(raw!.pid!, databaseName, duration, () => sampled(() => runLoad(generator, rawUrl!, path.raw(context, runs.raw++), options.connections, duration, rate)));
        if (path.bothRaw) return meterCpu(raw!.pid!, databaseName, duration, () => sampled(() => runLoad(generator, rawUrl!, path.service(context, runs.service++), options.connections, duration, rate)));
        // Both services take the service's requests, each run a fresh slice of them.
        const [pid, url] = target === 'service' ? [service.pid!, serviceUrl] : [againstService!.pid!, againstUrl!];
        const factsBefore = path.name === 'report' ? await runFacts?.read() : undefined;
        const result = await meterCpu(pid, databaseName, duration, () =>
          meterLoopAndGc(url, () => sampled(() => runLoad(generator, url, path.service(context, runs.service++), options.connections, duration, rate))),
        );
        process.stderr.write(`  ${target === 'service' ? 'service' : against!.ref}: ${describeLoopAndGc(result.loop)}\n`);
        if (factsBefore) process.stderr.write(`  ${describeRunFacts(factsBefore, await runFacts!.read(true), result.rps * duration)}\n`);
        return result;
      };
      const rawLoad = rawUrl !== null;
      // This code's service, and the ref's with --against; which of the two goes first swaps every round, so neither
      // always runs on what the other left.
      // A path of the baseline's alone (`bothRaw`) has no ref's service to run.
      const withAgainst = againstUrl !== null && !path.bothRaw;
      const services = (round: number): ('service' | 'against')[] => (!withAgainst ? ['service'] : round % 2 ? ['service', 'against'] : ['against', 'service']);
      process.stderr.write(`${path.name}: warm-up\n`);
      await run('service', options.warmup);
      if (withAgainst) await run('against', options.warmup);
      if (rawLoad) await run('raw', options.warmup);
      for (let round = 1; round <= options.rounds; round++) {
        process.stderr.write(`${path.name}: round ${round}/${options.rounds}\n`);
        for (const target of services(round)) row[target].push(await run(target, options.duration));
        if (withAgainst) {
          const [mine, theirs] = [row.service[round - 1], row.against[round - 1]];
          process.stderr.write(`  this code / ${against!.ref}: ${(mine.rps / theirs.rps).toFixed(3)}× req/s, Node CPU ${mine.appCpuUs.toFixed(0)} / ${theirs.appCpuUs.toFixed(0)} µs per request\n`);
        }
        if (rawLoad) row.raw.push(await run('raw', options.duration));
      }
      if (options.paced) {
        const sustained = Math.min(median(row.service.map((x) => x.rps)), rawLoad ? median(row.raw.map((x) => x.rps)) : Infinity);
        const rate = options.pacedAt ?? Math.max(1, Math.round(sustained / 2));
        row.paced = { rate, service: [], against: [], raw: [] };
        // As many alternating rounds as the saturated runs: one run's p99 is one spell of the machine's.
        for (let round = 1; round <= options.rounds; round++) {
          process.stderr.write(`${path.name}: paced at ${rate} req/s, round ${round}/${options.rounds}\n`);
          for (const target of services(round)) row.paced[target].push(await run(target, options.duration, rate));
          if (rawLoad) row.paced.raw.push(await run('raw', options.duration, rate));
        }
      }
      rows.push(row);
    }
  }

  const lines = rows.map(({ path, phase, service: s, raw: r }) => {
    const sRps = median(s.map((x) => x.rps));
    const rRps = r.length ? median(r.map((x) => x.rps)) : NaN;
    const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
    const failures = failuresOf(s);
    const cpu = (xs: Metered[]) => (xs.length ? `${fmt(median(xs.map((x) => x.appCpuUs)))} + ${databaseName ? fmt(median(xs.map((x) => x.dbCpuUs))) : '—'}` : '—');
    return `| ${path.label}${phase} | ${fmt(sRps)} | ${fmt(median(s.map((x) => x.p50)), 1)} | ${fmt(median(s.map((x) => x.p99)), 1)} | ${fmt(rRps)} | ${r.length ? fmt(median(r.map((x) => x.p50)), 1) : '—'} | ${r.length ? fmt(median(r.map((x) => x.p99)), 1) : '—'} | ${r.length ? `**${fmt(ratioOf(s, r), 2)}×**` : '—'} | ${cpu(s)} | ${cpu(r)} | ${failures} |`;
  });
  const table = [
    '| path | service req/s | p50 ms | p99 ms | raw req/s | raw p50 ms | raw p99 ms | service / raw | service CPU µs/req (node + db) | raw CPU µs/req (node + db) | errors + non-2xx |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...lines,
  ].join('\n');
  const pacedRows = rows.filter((r) => r.paced);
  const fmt1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
  // A p99 cell of paced runs: the median, and each round's in the order they ran (one round is one spell of the machine).
  const p99Cell = (xs: Metered[]) => (xs.length ? `${fmt1(median(xs.map((x) => x.p99)))}${xs.length > 1 ? ` (${xs.map((x) => fmt1(x.p99)).join(', ')})` : ''}` : '—');
  const pacedTable = pacedRows.length
    ? [
        "| path | paced at req/s | service req/s | service p50 ms | service p99 ms (each round) | service event-loop delay p99 / max ms | the service's own time, p99 (each round) | a database statement / a wait for a connection, p99 | waiting for a CPU µs/req (node + db), service / raw | raw req/s | raw p50 ms | raw p99 ms (each round) | errors + non-2xx |",
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
        ...pacedRows.map(({ path, phase, paced }) => {
          const { rate, service: s, raw: r } = paced!;
          // Medians of the rounds; the p99 cells also name each round's, in the order they ran.
          const med = (xs: Metered[], pick: (x: Metered) => number) => (xs.length ? fmt1(median(xs.map(pick))) : '—');
          const loops = s.filter((x) => x.loop).map((x) => x.loop!);
          const loop = loops.length ? `${fmt1(median(loops.map((l) => l.loopP99Ms)))} / ${fmt1(Math.max(...loops.map((l) => l.loopMaxMs)))}` : '—';
          const own = `${describeBound(ownP99(loops))}${loops.length > 1 ? ` (${loops.map((l) => describeBound(ownP99([l]))).join(', ')})` : ''}`;
          const database = `${describeBound(mergedP99(loops, (l) => l.statements))} / ${describeBound(mergedP99(loops, (l) => l.poolWaits))}`;
          const rps = (xs: Metered[]) => (xs.length ? median(xs.map((x) => x.rps)).toFixed(0) : '—');
          const waits = (xs: Metered[]) => (xs.length ? `${median(xs.map((x) => x.appWaitUs)).toFixed(0)} + ${databaseName ? median(xs.map((x) => x.dbWaitUs)).toFixed(0) : '—'}` : '—');
          const failures = failuresOf(s);
          return `| ${path.label}${phase} | ${rate} | ${rps(s)} | ${med(s, (x) => x.p50)} | ${p99Cell(s)} | ${loop} | ${own} | ${database} | ${waits(s)} / ${waits(r)} | ${rps(r)} | ${med(r, (x) => x.p50)} | ${p99Cell(r)} | ${failures} |`;
        }),
      ].join('\n')
    : '';
  const againstRows = rows.filter((r) => r.against.length > 0);
  const againstTable = againstRows.length
    ? [
        `| path | this code req/s | ${against!.ref === against!.commit ? against!.ref : `${against!.ref} (${against!.commit})`} req/s | this / ${against!.ref}, req/s | this / ${against!.ref}, Node CPU per request | this CPU µs/req (node + db) | ${against!.ref} CPU µs/req (node + db) | paced p99 ms, this / ${against!.ref} (each round) | errors + non-2xx (${against!.ref}) |`,
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
        ...againstRows.map(({ path, phase, service: s, against: a, paced }) => {
          // Round by round: each pair ran back to back, so their ratio is what the machine's drift leaves alone.
          const rps = median(s.map((x, i) => x.rps / a[i].rps));
          const cpuRatio = median(s.map((x, i) => x.appCpuUs / a[i].appCpuUs));
          const cpu = (xs: Metered[]) => `${median(xs.map((x) => x.appCpuUs)).toFixed(0)} + ${median(xs.map((x) => x.dbCpuUs)).toFixed(0)}`;
          const pacedP99 = paced?.against.length ? `${p99Cell(paced.service)} / ${p99Cell(paced.against)}` : '—';
          const failures = failuresOf([...a, ...(paced?.against ?? [])]);
          return `| ${path.label}${phase} | ${median(s.map((x) => x.rps)).toFixed(0)} | ${median(a.map((x) => x.rps)).toFixed(0)} | **${rps.toFixed(3)}×** | ${cpuRatio.toFixed(3)}× | ${cpu(s)} | ${cpu(a)} | ${pacedP99} | ${failures} |`;
        }),
      ].join('\n')
    : '';
  const verdicts = verdictTable(
    targetVerdicts(
      rows.map(({ path, phase, service: s, raw: r, paced }) => ({
        name: path.name,
        label: path.label,
        phase,
        ratio: r.length ? ratioOf(s, r) : null,
        pacedP99: paced?.service.length ? median(paced.service.map((x) => x.p99)) : null,
        rawPacedP99: paced?.raw.length ? median(paced.raw.map((x) => x.p99)) : null,
        ownPacedP99: ownP99((paced?.service ?? []).filter((x) => x.loop).map((x) => x.loop!)),
        statementPacedP99: mergedP99((paced?.service ?? []).filter((x) => x.loop).map((x) => x.loop!), (l) => l.statements),
        failures: failuresOf([...s, ...(paced?.service ?? [])]),
      })),
      options.embedded,
    ),
  );
  const pacedHow = options.pacedAt ? `${options.pacedAt} req/s, set by --paced-at` : 'half what the slower of the two sustained';
  process.stdout.write(`\n${table}\n${pacedTable ? `\nLatency at a paced load (${pacedHow}, the same for both; medians of ${options.rounds} alternating rounds):\n\n${pacedTable}\n` : ''}`);
  process.stdout.write(`\nThe issue's targets, on this run's medians:\n\n${verdicts}\n`);
  if (againstTable) process.stdout.write(`\nThis code against ${against!.ref}, in the same rounds (medians of the rounds' ratios):\n\n${againstTable}\n`);

  if (options.write) {
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const header = [
      `### ${options.embedded ? 'Embedded database (PGlite)' : 'PostgreSQL'} — ${new Date().toISOString().slice(0, 10)}`,
      '',
      `Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
        `Command: \`npm run bench --${options.embedded ? ' --embedded' : ''}${options.scale ? ' --scale' : ''}${options.redis ? ' --redis' : ''}${against ? ` --against ${against.ref}` : ''}${options.nodeOptions.length ? ` --node-options "${options.nodeOptions.join(' ')}"` : ''}${options.rawNodeOptions.length ? ` --raw-node-options "${options.rawNodeOptions.join(' ')}"` : ''}\` (${generator}, ${options.connections} connections, ` +
        `${options.rounds} alternating rounds of ${options.duration} s after a ${options.warmup} s warm-up; medians).`,
      '',
      table,
      '',
      ...(pacedTable
        ? [`Latency at a paced load: ${options.pacedAt ? `${options.pacedAt} req/s (\`--paced-at\`)` : 'half the throughput the slower of the two sustained above'}, offered to both in ${options.rounds} alternating rounds (medians; the event loop's max is the largest of the rounds). The service's own time is the bucket of its HTTP histogram within which 99% of the requests were held in the process, from their arrival to their answer handed to the socket: a client's p99 beyond it was spent outside the service's handling. The database's share is from the service's own metrics too (\`phonetrust_db_statement_seconds\`, \`phonetrust_db_pool_wait_seconds\`): a statement's round trip as the service saw it, and a wait for a pooled connection, the background work's included.`, '', pacedTable, '']
        : []),
      ...(againstTable ? [`This code against \`${against!.ref}\` (${against!.commit}), in the same rounds (medians of the rounds' ratios).`, '', againstTable, ''] : []),
      "The issue's targets, on this run's medians (p99s at the paced load):",
      '',
      verdicts,
      '',
    ].join('\n');
    const file = join(ROOT, 'bench', 'results', options.embedded ? 'embedded.md' : 'postgres.md');
    writeFileSync(file, header);
    process.stderr.write(`written to ${file}\n`);
  }

  service.kill('SIGTERM');
  againstService?.kill('SIGTERM');
  raw?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  await sink.stop();
  await runFacts?.close();
  await waits?.close();
  if (databaseUrl) await dropDatabase(serverUrl, databaseUrl).catch(() => undefined);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
