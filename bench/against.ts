import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The service as it was at a git ref, built in a directory of its own. */
export interface AgainstBuild {
  readonly ref: string;
  /** The ref's commit, abbreviated, for the tables. */
  readonly commit: string;
  readonly dir: string;
  remove(): void;
}

/**
 * `--against REF`: the ref's tree (`git archive`, so uncommitted changes stay out of it) in a temporary directory,
 * built with nest. Its service then runs beside this checkout's on the same database, and the rounds alternate
 * between the two: on a machine whose speed drifts by half within an hour, two versions of the code are told apart
 * by alternating 8 s runs, not by runs minutes apart. The ref must run on this checkout's schema (its migrations are
 * a prefix of this checkout's).
 *
 * Dependencies: this checkout's node_modules when the ref's package-lock.json is the same as the working tree's;
 * otherwise the ref's own, installed with `npm ci`, so a dependency upgrade can be measured against the code before it.
 */
export function buildAgainst(root: string, ref: string): AgainstBuild {
  const commit = execFileSync('git', ['rev-parse', '--verify', '--short', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'phonetrust-against-'));
  try {
    execFileSync('sh', ['-c', 'git archive "$0" | tar -x -C "$1"', commit, dir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (readFileSync(join(dir, 'package-lock.json'), 'utf8') === readFileSync(join(root, 'package-lock.json'), 'utf8')) {
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    } else {
      process.stderr.write(`${ref}'s package-lock.json differs from this checkout's: installing its dependencies (npm ci)…\n`);
      execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    execFileSync(process.execPath, [join(root, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'api'], { cwd: dir, stdio: 'inherit' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { ref, commit, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
