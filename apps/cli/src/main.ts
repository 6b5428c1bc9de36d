import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { ConfigValidationError, loadConfig } from '@phonetrust/platform';
import { CLI_CONFIG, cliEnv } from './cli-config';
import { CliError } from './cli-error';
import { CliModule } from './cli.module';
import { StderrLogger } from './stderr-logger';

/** `npm run cli -- <command>`: errors are one line on stderr and a non-zero exit code, never a stack trace. */
async function main(): Promise<void> {
  const values = loadConfig(cliEnv(process.env), CLI_CONFIG);
  await CommandFactory.run(CliModule.forRoot(values), {
    cliName: 'phonetrust',
    logger: new StderrLogger(),
    abortOnError: false,
    errorHandler: (error) => {
      // Commander already printed its message (unknown command, missing argument) or the help.
      process.exit((error as { exitCode?: number }).exitCode ?? 2);
    },
    serviceErrorHandler: (error) => fail(error),
  });
}

function fail(error: unknown): never {
  if (error instanceof CliError || error instanceof ConfigValidationError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(error instanceof CliError ? error.exitCode : 2);
  }
  const e = error as NodeJS.ErrnoException;
  const cause = e?.code === 'ECONNREFUSED' ? ' (is PostgreSQL running, and DATABASE_URL right?)' : '';
  process.stderr.write(`error: ${e?.message ?? String(error)}${cause}\n`);
  if (process.env.CLI_DEBUG) process.stderr.write(`${e?.stack}\n`);
  process.exit(1);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => fail(error),
);
