import { spawn } from 'node:child_process';
import { INestApplicationContext } from '@nestjs/common';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { loadConfig } from '@phonetrust/platform';
import { join } from 'node:path';
import { CLI_CONFIG, cliEnv } from '../../apps/cli/src/cli-config';
import { CliModule } from '../../apps/cli/src/cli.module';
import { Services } from '../../apps/cli/src/services';

const ROOT = join(__dirname, '..', '..');

/** Commands run in this process against a running app's services (its database, its config). */
class AppServices extends Services {
  constructor(
    values: Map<string, unknown>,
    private readonly app: INestApplicationContext,
  ) {
    super(values);
  }

  override use<T>(work: (context: INestApplicationContext) => Promise<T>): Promise<T> {
    return work(this.app);
  }
}

export interface CliRun {
  stdout: string;
  error: Error | null;
}

/**
 * Runs a command in-process, as `npm run cli -- …` would parse it, with the app's services; stdout is captured.
 * A fresh command tree each time (commander keeps option values between parses).
 */
export async function runInProcess(app: INestApplicationContext, env: Record<string, string>, args: string[]): Promise<CliRun> {
  const values = loadConfig(cliEnv(env), CLI_CONFIG);
  let error: Error | null = null;
  const cli = await CommandFactory.createWithoutRunning(CliModule.forRoot(values, new AppServices(values, app)), {
    logger: false,
    serviceErrorHandler: (e) => {
      error = e;
    },
  });
  let stdout = '';
  const write = process.stdout.write.bind(process.stdout);
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  try {
    await cli.get(CommandRunnerService).run(['node', 'phonetrust', ...args]);
  } finally {
    spy.mockRestore();
    void write;
    await cli.close();
  }
  return { stdout, error };
}

export interface SpawnedRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a real process (`npm run cli` without npm), with exactly this environment. */
export function spawnCli(args: string[], env: Record<string, string>): Promise<SpawnedRun> {
  return new Promise((resolve) => {
    const proc = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'apps/cli/src/main.ts'), ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
