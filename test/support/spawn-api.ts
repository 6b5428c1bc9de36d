import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ApiProcess {
  readonly proc: ChildProcess;
  /** Resolves with the base URL once the process logs that it listens; rejects if it exits first. */
  readonly ready: Promise<string>;
  /** Resolves with the exit code (or signal name) when the process ends. */
  readonly exited: Promise<number | string>;
  output(): string;
  kill(signal?: NodeJS.Signals): void;
}

const running = new Set<ChildProcess>();

/** Kills every API process a test file started and left running (a failed test must not hang the run). */
export function killAllApis(): void {
  for (const proc of running) proc.kill('SIGKILL');
  running.clear();
}

/** Runs the API as `npm start` does, as a real child process with its own environment (LOG_LEVEL must stay ≤ info: readiness is read from the log). */
export function spawnApi(env: Record<string, string>): ApiProcess {
  const proc = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'apps/api/src/main.ts')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(proc);
  let output = '';
  const exited = new Promise<number | string>((resolve) =>
    proc.on('exit', (code, signal) => {
      running.delete(proc);
      resolve(code ?? signal ?? -1);
    }),
  );
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /PhoneTrust listening on (http:\/\/[0-9.]+:[0-9]+)/.exec(output);
      if (match) resolve(match[1]);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`API exited with ${code} before listening:\n${output}`)));
  });
  ready.catch(() => undefined);
  return { proc, ready, exited, output: () => output, kill: (signal = 'SIGTERM') => proc.kill(signal) };
}
