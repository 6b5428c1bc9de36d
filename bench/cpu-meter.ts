import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) a process has used so far, from /proc; 0 where /proc is not there. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * Seconds a thread has spent runnable but waiting for a CPU, from a `/proc/…/schedstat` line (its second field, in
 * nanoseconds: "time spent waiting on a runqueue"); 0 when the line is not one.
 */
export function parseRunQueueSeconds(schedstat: string): number {
  const waited = Number(schedstat.trim().split(/\s+/)[1]);
  return Number.isFinite(waited) ? waited / 1e9 : 0;
}

/**
 * Seconds a process's main thread — a Node process's event loop, a PostgreSQL backend's only thread — has spent
 * runnable but waiting for a CPU so far; 0 where /proc is not there.
 */
export function runQueueSeconds(pid: number): number {
  try {
    return parseRunQueueSeconds(readFileSync(`/proc/${pid}/schedstat`, 'utf8'));
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by each PostgreSQL backend serving `database` (their titles name it), by pid.
 * Autovacuum is left out: it is the database's housekeeping after seeding, not the load's cost.
 */
export function databaseBackends(database: string): Map<number, number> {
  const backends = new Map<number, number>();
  for (const { pid, title, seconds } of postgresProcesses()) {
    if (title.includes(` ${database} `) && !title.includes('autovacuum')) backends.set(pid, seconds);
  }
  return backends;
}

/** Every PostgreSQL process on the machine, with its title and the CPU seconds it used so far. */
function postgresProcesses(): { pid: number; title: string; seconds: number }[] {
  const found: { pid: number; title: string; seconds: number }[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres') || title.includes('/bin/postgres')) found.push({ pid: Number(entry), title, seconds: processCpuSeconds(Number(entry)) });
    } catch {
      // the process ended
    }
  }
  return found;
}

/** Seconds the backends used (of CPU, or of waiting for one) between two snapshots (a backend that ended meanwhile counts for nothing). */
function usedBetween(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0;
  for (const [pid, seconds] of after) used += seconds - (before.get(pid) ?? 0);
  return used;
}

/** What a run cost, per request, in µs: CPU used, and time runnable but waiting for a CPU. */
export interface CpuCost {
  appCpuUs: number;
  dbCpuUs: number;
  /** The process's main thread (its event loop), runnable but waiting for a CPU. */
  appWaitUs: number;
  /** The database backends serving the run, runnable but waiting for a CPU. */
  dbWaitUs: number;
}

/**
 * Measures what a load cost: the CPU the process and the database backends used, and how long the process's main
 * thread and the backends were ready to run but waited for a CPU (per request, in µs). On a machine whose cores the
 * service, PostgreSQL and the load generator share, the wait is part of every request's latency, which no code
 * path's own work shows.
 */
export async function meterCpu<T extends { rps: number }>(
  pid: number,
  database: string | null,
  durationSeconds: number,
  load: () => Promise<T>,
): Promise<T & CpuCost> {
  const app0 = processCpuSeconds(pid);
  const appWait0 = runQueueSeconds(pid);
  const io0 = syscalls(pid);
  const db0 = database ? databaseBackends(database) : new Map<number, number>();
  const dbWait0 = new Map([...db0.keys()].map((backend) => [backend, runQueueSeconds(backend)]));
  const pg0 = new Map(postgresProcesses().map((p) => [p.pid, p.seconds]));
  const started = Date.now();
  const result = await load();
  const elapsed = (Date.now() - started) / 1000;
  const requests = Math.max(1, result.rps * durationSeconds);
  const perRequest = (seconds: number) => (seconds / requests) * 1e6;
  const app = processCpuSeconds(pid) - app0;
  const appWait = runQueueSeconds(pid) - appWait0;
  const db1 = database ? databaseBackends(database) : new Map<number, number>();
  const db = database ? usedBetween(db0, db1) : 0;
  const dbWait = usedBetween(dbWait0, new Map([...db1.keys()].map((backend) => [backend, runQueueSeconds(backend)])));
  const io = syscalls(pid);
  // What else PostgreSQL ran meanwhile, on the same two cores: autovacuum, and its checkpointer, WAL and background
  // writers (with any other database's backends).
  const beside = { autovacuum: 0, other: 0 };
  for (const p of postgresProcesses()) {
    if (db1.has(p.pid)) continue;
    beside[p.title.includes('autovacuum') ? 'autovacuum' : 'other'] += p.seconds - (pg0.get(p.pid) ?? 0);
  }
  process.stderr.write(
    `  reads/writes per request: ${((io.r - io0.r) / requests).toFixed(2)} / ${((io.w - io0.w) / requests).toFixed(2)}; ` +
      `beside the run, in cores: autovacuum ${(beside.autovacuum / elapsed).toFixed(2)}, other PostgreSQL processes ${(beside.other / elapsed).toFixed(2)}; ` +
      `waiting for a CPU per request: the process's main thread ${perRequest(appWait).toFixed(0)} µs, the backends ${perRequest(dbWait).toFixed(0)} µs\n`,
  );
  return { ...result, appCpuUs: perRequest(app), dbCpuUs: perRequest(db), appWaitUs: perRequest(appWait), dbWaitUs: perRequest(dbWait) };
}

/**
 * What runs while no load does: the CPU (in cores) each of the processes and every PostgreSQL process on the machine
 * used over `seconds` of quiet, autovacuum's apart. Housekeeping left by an earlier path (vacuum, a checkpoint, a
 * sweep) shares the two cores with the next runs, and costs the side that needs more of them more.
 */
export async function idleCpu(pids: readonly number[], seconds: number): Promise<{ apps: number[]; postgres: number; autovacuum: number }> {
  const apps0 = pids.map(processCpuSeconds);
  const pg0 = new Map(postgresProcesses().map((p) => [p.pid, p.seconds]));
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const used = { postgres: 0, autovacuum: 0 };
  for (const p of postgresProcesses()) used[p.title.includes('autovacuum') ? 'autovacuum' : 'postgres'] += p.seconds - (pg0.get(p.pid) ?? 0);
  const apps = pids.map((pid, i) => (processCpuSeconds(pid) - apps0[i]) / seconds);
  return { apps, postgres: used.postgres / seconds, autovacuum: used.autovacuum / seconds };
}

function syscalls(pid: number): { r: number; w: number } {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    return { r: Number(/syscr: (\d+)/.exec(io)![1]), w: Number(/syscw: (\d+)/.exec(io)![1]) };
  } catch {
    return { r: 0, w: 0 };
  }
}
